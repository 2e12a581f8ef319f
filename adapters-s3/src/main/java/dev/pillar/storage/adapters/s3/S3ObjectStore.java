package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.application.port.BlobInfo;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.BlobNotFound;
import dev.pillar.storage.application.port.MultipartStore;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.StoreEntry;
import dev.pillar.storage.application.port.StoredBlob;
import dev.pillar.storage.application.port.UploadedPart;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.failure.StorageFailure;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.object.ByteRange;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Adapter: the object store on one S3 bucket (AWS S3, MinIO, Hetzner, Backblaze B2...). Each blob
 * is one S3 object under its {@link ObjectKeys key}; bodies stream both ways through bounded
 * buffers; every S3 failure becomes a storage failure, logged with S3's request id.
 */
public final class S3ObjectStore implements ObjectStore, MultipartStore, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(S3ObjectStore.class.getName());
    private final S3Client client;
    private final S3Bucket bucket;
    private final BackingBucket backing;
    private final StreamingUpload uploads;
    private final ServerSideCopy copies;
    private final S3Inventory inventory;

    S3ObjectStore(S3Client client, S3Settings settings, PartBuffers buffers, long singleCopyLimit,
                  long copyPartSize) {
        this.client = client;
        this.bucket = new S3Bucket(client, settings.bucket());
        this.backing = new BackingBucket(bucket, settings.healthTimeout());
        this.uploads = new StreamingUpload(bucket, buffers);
        this.copies = new ServerSideCopy(bucket, singleCopyLimit, copyPartSize);
        this.inventory = new S3Inventory(bucket, backing);
    }

    /**
     * Connects to the bucket the settings name, creating it if it is missing and the settings say
     * so (self-hosted), refusing to start otherwise (cloud).
     *
     * @throws dev.pillar.storage.domain.failure.Unavailable naming the bucket when it cannot be used
     */
    public static S3ObjectStore open(S3Settings settings) {
        S3Client client = S3Clients.build(settings, List.of());
        try {
            S3ObjectStore store = new S3ObjectStore(client, settings, PartBuffers.forHeap((int) settings.partSize()),
                    ServerSideCopy.SINGLE_COPY_LIMIT, ServerSideCopy.COPY_PART_SIZE);
            store.backing.prepare(settings.createBucket());
            return store;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    BackingBucket backingBucket() {
        return backing;
    }

    @Override
    public StoredBlob write(BlobKey key, BlobAttributes attributes, InputStream content) {
        String s3Key = ObjectKeys.of(key);
        long started = System.nanoTime();
        try {
            StreamingUpload.Result result = uploads.write(s3Key, attributes, content);
            LOG.log(System.Logger.Level.INFO, () -> "event=s3_object_written" + fields(key)
                    + " size_bytes=" + result.size() + " parts=" + result.parts()
                    + " duration_ms=" + LogValues.millisSince(started) + " request_id=" + result.requestId());
            return new StoredBlob(result.size());
        } catch (SdkException e) {
            throw S3Failures.unavailable(e, "PutObject", s3Key, started);
        } catch (RuntimeException e) {
            if (!(e instanceof Unavailable)) {
                // The client's stream failed or passed a limit: nothing was stored, and S3 is not to blame.
                LOG.log(System.Logger.Level.INFO, () -> "event=s3_upload_abandoned" + fields(key)
                        + " duration_ms=" + LogValues.millisSince(started) + " cause=" + LogValues.quoted(e.toString()));
            }
            throw e;
        }
    }

    @Override
    public BlobContent read(BlobKey key, Optional<ByteRange> range) {
        String s3Key = ObjectKeys.of(key);
        long started = System.nanoTime();
        ResponseInputStream<GetObjectResponse> response;
        try {
            response = bucket.get(s3Key, range);
        } catch (SdkException e) {
            if (S3Failures.isNotFound(e)) {
                throw new BlobNotFound(key);
            }
            if (S3Failures.hasStatus(e, 416)) {
                // The range starts past the end: nothing to send, as on the filesystem.
                return new BlobContent(InputStream.nullInputStream(), 0);
            }
            throw S3Failures.unavailable(e, "GetObject", s3Key, started);
        }
        long length = response.response().contentLength();
        LOG.log(System.Logger.Level.INFO, () -> "event=s3_object_opened" + fields(key) + " size_bytes=" + length
                + range.map(r -> " range=" + r.first() + "-" + r.last()).orElse("")
                + " duration_ms=" + LogValues.millisSince(started)
                + " request_id=" + LogValues.orNone(response.response().responseMetadata().requestId()));
        return new BlobContent(new ResponseBody(response, length), length);
    }

    @Override
    public BlobInfo head(BlobKey key) {
        String s3Key = ObjectKeys.of(key);
        long started = System.nanoTime();
        try {
            HeadObjectResponse head = bucket.head(s3Key);
            return new BlobInfo(head.contentLength(), attributes(head));
        } catch (SdkException e) {
            if (S3Failures.isNotFound(e)) {
                throw new BlobNotFound(key);
            }
            throw S3Failures.unavailable(e, "HeadObject", s3Key, started);
        }
    }

    @Override
    public void copy(BlobKey from, BlobKey to) {
        BlobInfo source = head(from);
        String fromKey = ObjectKeys.of(from);
        long started = System.nanoTime();
        try {
            int parts = copies.copy(fromKey, ObjectKeys.of(to), source.size(), source.attributes());
            LOG.log(System.Logger.Level.INFO, () -> "event=s3_object_copied" + fields(from)
                    + " to_bucket=" + LogValues.quoted(to.bucketId().value()) + " to_object=" + LogValues.quoted(to.name().value())
                    + " size_bytes=" + source.size() + " parts=" + parts + " duration_ms=" + LogValues.millisSince(started));
        } catch (SdkException e) {
            if (S3Failures.isNotFound(e)) {
                throw new BlobNotFound(from);
            }
            throw S3Failures.unavailable(e, "CopyObject", fromKey, started);
        }
    }

    @Override
    public void delete(BlobKey key) {
        String s3Key = ObjectKeys.of(key);
        long started = System.nanoTime();
        try {
            bucket.delete(s3Key);
        } catch (SdkException e) {
            throw S3Failures.unavailable(e, "DeleteObject", s3Key, started);
        }
    }

    /** Blobs, then multipart uploads in progress, under the project's prefix ({@link S3Inventory}). */
    @Override
    public Stream<StoreEntry> list(String projectRef) {
        return inventory.list(projectRef, BackingBucket.MAX_PAGE_SIZE);
    }

    Stream<StoreEntry> list(String projectRef, int pageSize) {
        return inventory.list(projectRef, pageSize);
    }

    @Override
    public void remove(StoreEntry entry) {
        inventory.remove(entry);
    }

    @Override
    public boolean isHealthy() {
        return backing.isHealthy();
    }

    @Override
    public String begin(BlobKey key, BlobAttributes attributes) {
        String s3Key = ObjectKeys.of(key);
        long started = System.nanoTime();
        try {
            return bucket.createMultipart(s3Key, attributes);
        } catch (SdkException e) {
            throw S3Failures.unavailable(e, "CreateMultipartUpload", s3Key, started);
        }
    }

    @Override
    public UploadedPart putPart(BlobKey key, String uploadId, int number, InputStream content, long length) {
        String s3Key = ObjectKeys.of(key);
        long started = System.nanoTime();
        try {
            return new UploadedPart(number, uploads.putPart(s3Key, uploadId, number, content, length), length);
        } catch (SdkException e) {
            throw uploadFailure(e, "UploadPart", s3Key, started);
        }
    }

    @Override
    public List<UploadedPart> listParts(BlobKey key, String uploadId) {
        String s3Key = ObjectKeys.of(key);
        long started = System.nanoTime();
        try {
            return bucket.listParts(s3Key, uploadId).stream()
                    .map(part -> new UploadedPart(part.partNumber(), part.eTag(), part.size()))
                    .toList();
        } catch (SdkException e) {
            throw uploadFailure(e, "ListParts", s3Key, started);
        }
    }

    @Override
    public StoredBlob complete(BlobKey key, String uploadId, List<UploadedPart> parts) {
        String s3Key = ObjectKeys.of(key);
        long started = System.nanoTime();
        try {
            bucket.complete(s3Key, uploadId, parts.stream()
                    .map(part -> CompletedPart.builder().partNumber(part.number()).eTag(part.etag()).build())
                    .toList());
            long size = parts.stream().mapToLong(UploadedPart::size).sum();
            LOG.log(System.Logger.Level.INFO, () -> "event=s3_object_written" + fields(key) + " size_bytes=" + size
                    + " parts=" + parts.size() + " duration_ms=" + LogValues.millisSince(started) + " upload_id=" + uploadId);
            return new StoredBlob(size);
        } catch (SdkException e) {
            if (S3Failures.hasCode(e, "InvalidPart") || S3Failures.hasCode(e, "InvalidPartOrder")
                    || S3Failures.hasCode(e, "EntityTooSmall")) {
                throw InvalidInput.invalidRequest("The uploaded parts cannot be joined: " + e.getMessage());
            }
            throw uploadFailure(e, "CompleteMultipartUpload", s3Key, started);
        }
    }

    @Override
    public void abort(BlobKey key, String uploadId) {
        String s3Key = ObjectKeys.of(key);
        long started = System.nanoTime();
        try {
            bucket.abort(s3Key, uploadId);
        } catch (SdkException e) {
            if (!S3Failures.isNotFound(e)) {
                throw S3Failures.unavailable(e, "AbortMultipartUpload", s3Key, started);
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** An unknown or finished upload is the caller's {@code NotFound}; anything else is S3's failure. */
    private static StorageFailure uploadFailure(SdkException e, String operation, String s3Key, long started) {
        if (S3Failures.isNotFound(e)) {
            return new NotFound(Resource.UPLOAD);
        }
        return S3Failures.unavailable(e, operation, s3Key, started);
    }

    /** The attributes S3 reports; an object written by another tool may carry odd or no headers. */
    private static BlobAttributes attributes(HeadObjectResponse head) {
        MimeType type = MimeType.OCTET_STREAM;
        CacheControl cacheControl = CacheControl.DEFAULT;
        try {
            type = head.contentType() == null ? type : MimeType.of(head.contentType());
        } catch (InvalidInput foreign) {
            // keep the default
        }
        try {
            cacheControl = head.cacheControl() == null ? cacheControl : CacheControl.of(head.cacheControl());
        } catch (InvalidInput foreign) {
            // keep the default
        }
        return new BlobAttributes(type, cacheControl);
    }

    private static String fields(BlobKey key) {
        return " bucket=" + LogValues.quoted(key.bucketId().value()) + " object=" + LogValues.quoted(key.name().value());
    }
}
