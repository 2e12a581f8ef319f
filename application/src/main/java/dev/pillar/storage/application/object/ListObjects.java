package dev.pillar.storage.application.object;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.ObjectListQuery;
import dev.pillar.storage.domain.bucket.BucketId;

import java.util.List;

/** Use case: list one folder level of a bucket, as the caller sees it. */
public final class ListObjects {
    private final MetadataStore metadata;

    public ListObjects(MetadataStore metadata) {
        this.metadata = metadata;
    }

    public List<ListedEntry> list(Caller caller, BucketId bucketId, ObjectListQuery query) {
        return metadata.reading(caller, repos -> repos.objects().list(bucketId, query));
    }
}
