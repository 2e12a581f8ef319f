package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.domain.object.ByteRange;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The S3 calls the store makes, on its one bucket, with S3's own names and types. SDK exceptions
 * pass through: the caller knows what a failure means for its operation.
 */
final class S3Bucket {
    private static final System.Logger LOG = System.getLogger(S3Bucket.class.getName());
    private final S3Client client;
    private final String name;
    private final FailedAborts failedAborts = new FailedAborts();

    S3Bucket(S3Client client, String name) {
        this.client = client;
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Stores the first {@code length} bytes of {@code bytes} in one request, without copying them. */
    PutObjectResponse put(String key, BlobAttributes attributes, byte[] bytes, int length) {
        return client.putObject(r -> r.bucket(name).key(key)
                        .contentType(attributes.contentType().value())
                        .cacheControl(attributes.cacheControl().value()),
                fromBytes(bytes, length));
    }

    ResponseInputStream<GetObjectResponse> get(String key, Optional<ByteRange> range) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(name).key(key);
        range.ifPresent(r -> request.range("bytes=" + r.first() + "-" + r.last()));
        return client.getObject(request.build());
    }

    HeadObjectResponse head(String key) {
        return client.headObject(r -> r.bucket(name).key(key));
    }

    void delete(String key) {
        client.deleteObject(r -> r.bucket(name).key(key));
    }

    /** A server-side copy in one request (up to 5 GiB), keeping the source's headers. */
    CopyObjectResponse copy(String from, String to) {
        return client.copyObject(r -> r.sourceBucket(name).sourceKey(from).destinationBucket(name).destinationKey(to));
    }

    String createMultipart(String key, BlobAttributes attributes) {
        return client.createMultipartUpload(r -> r.bucket(name).key(key)
                .contentType(attributes.contentType().value())
                .cacheControl(attributes.cacheControl().value())).uploadId();
    }

    UploadPartResponse uploadPart(String key, String uploadId, int number, RequestBody body) {
        return client.uploadPart(r -> r.bucket(name).key(key).uploadId(uploadId).partNumber(number)
                .contentLength(body.optionalContentLength().orElseThrow()), body);
    }

    /** Copies bytes {@code first..last} of {@code from} as part {@code number}; returns the part's ETag. */
    String uploadPartCopy(String from, String key, String uploadId, int number, long first, long last) {
        return client.uploadPartCopy(r -> r.sourceBucket(name).sourceKey(from)
                        .destinationBucket(name).destinationKey(key).uploadId(uploadId).partNumber(number)
                        .copySourceRange("bytes=" + first + "-" + last))
                .copyPartResult().eTag();
    }

    CompleteMultipartUploadResponse complete(String key, String uploadId, List<CompletedPart> parts) {
        return client.completeMultipartUpload(r -> r.bucket(name).key(key).uploadId(uploadId)
                .multipartUpload(u -> u.parts(parts)));
    }

    void abort(String key, String uploadId) {
        client.abortMultipartUpload(r -> r.bucket(name).key(key).uploadId(uploadId));
    }

    /**
     * Aborts an upload that {@code failure} interrupted. A failing abort is noted on the failure, logged and
     * kept to be tried again once S3 answers ({@link #retryFailedAborts()}); the bucket's lifecycle rule for
     * incomplete uploads clears what is still left.
     */
    void abortQuietly(String key, String uploadId, Throwable failure) {
        try {
            abort(key, uploadId);
        } catch (SdkException e) {
            failure.addSuppressed(e);
            failedAborts.add(key, uploadId);
            LOG.log(System.Logger.Level.WARNING, () -> "event=s3_multipart_abort_failed key=" + LogValues.quoted(key)
                    + " upload_id=" + uploadId + " cause=" + LogValues.quoted(e.getMessage()));
        }
    }

    /** Aborts, in the background, the uploads whose abort failed while S3 was unreachable. */
    void retryFailedAborts() {
        failedAborts.retryInBackground(this::abort);
    }

    /** Every part stored so far, over as many pages as it takes. */
    List<Part> listParts(String key, String uploadId) {
        return client.listPartsPaginator(r -> r.bucket(name).key(key).uploadId(uploadId)).parts().stream().toList();
    }

    /** Every object whose key starts with {@code prefix}, fetched a page at a time as it is iterated. */
    Iterable<S3Object> list(String prefix, int pageSize) {
        return client.listObjectsV2Paginator(r -> r.bucket(name).prefix(prefix).maxKeys(pageSize)).contents();
    }

    /** Every multipart upload in progress under {@code prefix}, fetched a page at a time as it is iterated. */
    Iterable<MultipartUpload> listUploads(String prefix) {
        return client.listMultipartUploadsPaginator(r -> r.bucket(name).prefix(prefix)).uploads();
    }

    /** Asks whether the bucket answers, giving up after {@code timeout} whatever the retries. */
    void headBucket(Duration timeout) {
        client.headBucket(r -> r.bucket(name).overrideConfiguration(o -> o.apiCallTimeout(timeout)));
    }

    void createBucket() {
        client.createBucket(r -> r.bucket(name));
    }

    void deleteBucket() {
        client.deleteBucket(r -> r.bucket(name));
    }

    /** A body over the first {@code length} bytes that can be replayed for retries and signing. */
    static RequestBody fromBytes(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                "application/octet-stream");
    }
}
