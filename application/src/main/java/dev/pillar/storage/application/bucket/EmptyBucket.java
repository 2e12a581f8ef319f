package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.object.BlobCleaner;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.StoredObject;

import java.util.List;

/**
 * Use case: remove every object of a bucket the caller may remove, in batches, so a bucket of any
 * size never needs one long transaction; each batch's rows go first, then their bytes.
 */
public final class EmptyBucket {
    static final int BATCH = 1000;
    private final MetadataStore metadata;
    private final BlobCleaner cleaner;

    public EmptyBucket(MetadataStore metadata, BlobCleaner cleaner) {
        this.metadata = metadata;
        this.cleaner = cleaner;
    }

    public void empty(Caller caller, BucketId id) {
        metadata.inTransaction(caller, repos -> repos.buckets().find(id))
                .orElseThrow(() -> new NotFound(Resource.BUCKET));
        List<StoredObject> removed;
        do {
            removed = metadata.inTransaction(caller, repos -> repos.objects().deleteSome(id, BATCH));
            cleaner.deleteBlobsOf(removed);
        } while (removed.size() == BATCH);
    }
}
