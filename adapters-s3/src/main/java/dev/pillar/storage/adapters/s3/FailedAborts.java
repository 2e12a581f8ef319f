package dev.pillar.storage.adapters.s3;

import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Multipart uploads whose abort failed because S3 was unreachable, kept in memory to be aborted again once S3
 * answers: an outage in the middle of an upload then leaves no parts behind without waiting for the bucket's
 * lifecycle rule. Bounded, and lost on a restart; the lifecycle rule (or the reconciler) covers what this misses.
 */
final class FailedAborts {
    private static final int LIMIT = 10_000;
    private static final System.Logger LOG = System.getLogger(FailedAborts.class.getName());
    private final Set<Upload> uploads = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean retrying = new AtomicBoolean();

    record Upload(String key, String uploadId) {
    }

    void add(String key, String uploadId) {
        if (uploads.size() < LIMIT) {
            uploads.add(new Upload(key, uploadId));
        }
    }

    /**
     * Aborts each again with {@code abort} on a virtual thread, unless a retry already runs; those whose abort
     * fails once more stay for the next time.
     */
    void retryInBackground(BiConsumer<String, String> abort) {
        if (uploads.isEmpty() || !retrying.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("pillar-storage-s3-abort-retry").start(() -> {
            try {
                for (Upload upload : Set.copyOf(uploads)) {
                    retry(upload, abort);
                }
            } finally {
                retrying.set(false);
            }
        });
    }

    private void retry(Upload upload, BiConsumer<String, String> abort) {
        try {
            abort.accept(upload.key(), upload.uploadId());
            uploads.remove(upload);
            LOG.log(System.Logger.Level.INFO, () -> "event=s3_multipart_abort_retried key="
                    + LogValues.quoted(upload.key()) + " upload_id=" + upload.uploadId());
        } catch (S3Exception gone) {
            if (gone.statusCode() == 404) {
                uploads.remove(upload); // aborted or completed meanwhile, or swept by a lifecycle rule
            }
        } catch (RuntimeException stillFailing) {
            LOG.log(System.Logger.Level.DEBUG, () -> "event=s3_multipart_abort_retry_failed key="
                    + LogValues.quoted(upload.key()) + " cause=" + LogValues.quoted(stillFailing.getMessage()));
        }
    }
}
