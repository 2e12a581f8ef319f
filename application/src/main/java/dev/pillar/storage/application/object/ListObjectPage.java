package dev.pillar.storage.application.object;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.ObjectPage;
import dev.pillar.storage.application.port.ObjectPageQuery;
import dev.pillar.storage.domain.bucket.BucketId;

/** Use case: one page of a bucket's keys under a prefix (Supabase's list-v2), as the caller sees them. */
public final class ListObjectPage {
    private final MetadataStore metadata;

    public ListObjectPage(MetadataStore metadata) {
        this.metadata = metadata;
    }

    public ObjectPage list(Caller caller, BucketId bucketId, ObjectPageQuery query) {
        return metadata.reading(caller, repos -> repos.objects().page(bucketId, query));
    }
}
