package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;

/** Use case: read one bucket the caller may see. */
public final class GetBucket {
    private final MetadataStore metadata;

    public GetBucket(MetadataStore metadata) {
        this.metadata = metadata;
    }

    public Bucket get(Caller caller, BucketId id) {
        return metadata.reading(caller, repos -> repos.buckets().find(id))
                .orElseThrow(() -> new NotFound(Resource.BUCKET));
    }
}
