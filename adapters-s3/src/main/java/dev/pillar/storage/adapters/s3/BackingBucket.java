package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.domain.failure.Unavailable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Duration;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The one S3 bucket behind the store, as a whole: checked (or created) at start-up, asked for
 * health, listed, and created or deleted by tests and operators.
 */
final class BackingBucket {
    /** Start-up may meet a service that is still warming up: give it longer than a health check. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    /** The most keys S3 returns in one page. */
    static final int MAX_PAGE_SIZE = 1000;
    private static final System.Logger LOG = System.getLogger(BackingBucket.class.getName());
    private final S3Bucket bucket;
    private final Duration healthTimeout;
    private final AtomicBoolean lastHealthy = new AtomicBoolean(true);

    BackingBucket(S3Bucket bucket, Duration healthTimeout) {
        this.bucket = bucket;
        this.healthTimeout = healthTimeout;
    }

    /**
     * Makes sure the bucket answers before the server takes requests: a missing bucket is created
     * when {@code create} (self-hosted MinIO), refused otherwise (cloud: buckets are made, with their
     * region and policies, by whoever owns the account).
     *
     * @throws Unavailable with a message naming the bucket and what to do
     */
    void prepare(boolean create) {
        long started = System.nanoTime();
        try {
            bucket.headBucket(STARTUP_TIMEOUT);
            LOG.log(System.Logger.Level.INFO, () -> "event=s3_bucket_ready bucket=" + LogValues.quoted(bucket.name()));
        } catch (SdkException e) {
            if (!S3Failures.hasStatus(e, 404)) {
                throw new Unavailable(Unavailable.Service.OBJECT_STORE, "Cannot use the S3 bucket \"" + bucket.name()
                        + "\": " + S3Failures.unavailable(e, "HeadBucket", "", started).getMessage(), null);
            }
            if (!create) {
                throw new Unavailable(Unavailable.Service.OBJECT_STORE, "The S3 bucket \"" + bucket.name()
                        + "\" does not exist: create it, or check S3_BUCKET, S3_REGION and S3_ENDPOINT", null);
            }
            create();
        }
    }

    /** Creates the bucket; one that this account already owns is fine. */
    void create() {
        long started = System.nanoTime();
        try {
            bucket.createBucket();
            LOG.log(System.Logger.Level.INFO, () -> "event=s3_bucket_created bucket=" + LogValues.quoted(bucket.name()));
        } catch (SdkException e) {
            if (!S3Failures.hasCode(e, "BucketAlreadyOwnedByYou")) {
                throw S3Failures.unavailable(e, "CreateBucket", "", started);
            }
        }
    }

    /** Deletes the bucket, which S3 only allows once it is empty. */
    void delete() {
        long started = System.nanoTime();
        try {
            bucket.deleteBucket();
        } catch (SdkException e) {
            throw S3Failures.unavailable(e, "DeleteBucket", "", started);
        }
    }

    boolean exists() {
        long started = System.nanoTime();
        try {
            bucket.headBucket(STARTUP_TIMEOUT);
            return true;
        } catch (SdkException e) {
            if (S3Failures.hasStatus(e, 404)) {
                return false;
            }
            throw S3Failures.unavailable(e, "HeadBucket", "", started);
        }
    }

    /**
     * Every object under {@code prefix}, in key order, fetched {@code pageSize} (at most
     * {@value #MAX_PAGE_SIZE}) at a time as the stream is consumed; a failure while fetching a page
     * surfaces as {@code Unavailable}.
     */
    Stream<S3Object> objects(String prefix, int pageSize) {
        return paged(() -> bucket.list(prefix, pageSize).iterator(), "ListObjectsV2", prefix);
    }

    /** Every multipart upload in progress under {@code prefix}, fetched a page at a time, like {@link #objects}. */
    Stream<MultipartUpload> uploads(String prefix) {
        return paged(() -> bucket.listUploads(prefix).iterator(), "ListMultipartUploads", prefix);
    }

    /** A lazily paged listing whose page fetches surface as {@code Unavailable}, naming {@code operation}. */
    private static <T> Stream<T> paged(Supplier<Iterator<T>> pages, String operation, String prefix) {
        long started = System.nanoTime();
        Iterator<T> listed = new Iterator<>() {
            private Iterator<T> items;

            @Override
            public boolean hasNext() {
                try {
                    return items().hasNext();
                } catch (SdkException e) {
                    throw S3Failures.unavailable(e, operation, prefix, started);
                }
            }

            @Override
            public T next() {
                try {
                    return items().next();
                } catch (SdkException e) {
                    throw S3Failures.unavailable(e, operation, prefix, started);
                }
            }

            private Iterator<T> items() {
                if (items == null) {
                    items = pages.get();
                }
                return items;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(listed, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /**
     * Whether the bucket answers within the health timeout. Only changes are logged, so a health
     * check polled every few seconds does not flood the log while S3 is down. A bucket that answers is
     * also the moment to abort again the multipart uploads an outage left open.
     */
    boolean isHealthy() {
        long started = System.nanoTime();
        boolean healthy;
        try {
            bucket.headBucket(healthTimeout);
            healthy = true;
            bucket.retryFailedAborts();
        } catch (SdkException e) {
            healthy = false;
            if (lastHealthy.get()) {
                S3Failures.unavailable(e, "HeadBucket", "", started);
            }
        }
        if (lastHealthy.getAndSet(healthy) != healthy) {
            boolean now = healthy;
            LOG.log(now ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                    () -> "event=s3_health_changed bucket=" + LogValues.quoted(bucket.name()) + " healthy=" + now
                            + " duration_ms=" + LogValues.millisSince(started));
        }
        return healthy;
    }
}
