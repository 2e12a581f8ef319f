package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.BucketQuery;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.Bucket;

import java.util.List;

/** Use case: list the buckets the caller may see. */
public final class ListBuckets {
    private final MetadataStore metadata;

    public ListBuckets(MetadataStore metadata) {
        this.metadata = metadata;
    }

    public List<Bucket> list(Caller caller, BucketQuery query) {
        return metadata.reading(caller, repos -> repos.buckets().list(query));
    }
}
