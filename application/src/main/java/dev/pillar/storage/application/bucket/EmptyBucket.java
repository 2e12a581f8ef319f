package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.object.BlobCleaner;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Use case: remove every object of a bucket the caller may remove, in batches, so a bucket of any size
 * never needs one long transaction; each batch's rows go first, then their bytes. The first batch goes at
 * once (a small bucket is empty when the call returns); the rest is handed to a bounded background
 * executor, acting as the same caller, so objects disappear from reads batch by batch. When that executor
 * is full, the caller's request does the work itself rather than fail.
 */
public final class EmptyBucket {
    static final int BATCH = 1000;
    private static final System.Logger LOG = System.getLogger(EmptyBucket.class.getName());
    private final MetadataStore metadata;
    private final BlobCleaner cleaner;
    private final Executor background;

    public EmptyBucket(MetadataStore metadata, BlobCleaner cleaner, Executor background) {
        this.metadata = metadata;
        this.cleaner = cleaner;
        this.background = background;
    }

    public void empty(Caller caller, BucketId id) {
        metadata.reading(caller, repos -> repos.buckets().find(id))
                .orElseThrow(() -> new NotFound(Resource.BUCKET));
        if (removeBatch(caller, id) < BATCH) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    removeRest(caller, id);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "event=empty_bucket_failed bucket={0} cause={1}",
                            id.value(), e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            removeRest(caller, id);
        }
    }

    private void removeRest(Caller caller, BucketId id) {
        while (removeBatch(caller, id) == BATCH) {
            // each batch is its own short transaction
        }
    }

    private int removeBatch(Caller caller, BucketId id) {
        var removed = metadata.inTransaction(caller, repos -> repos.objects().deleteSome(id, BATCH));
        cleaner.deleteBlobsOf(removed);
        return removed.size();
    }
}
