package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;

/** Use case: delete an empty bucket. */
public final class DeleteBucket {
    private final MetadataStore metadata;

    public DeleteBucket(MetadataStore metadata) {
        this.metadata = metadata;
    }

    public void delete(Caller caller, BucketId id) {
        boolean deleted = metadata.inTransaction(caller, repos -> repos.buckets().delete(id));
        if (!deleted) {
            throw new NotFound(Resource.BUCKET);
        }
    }
}
