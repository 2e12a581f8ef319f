package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.application.port.BlobAttributes;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies inside the bucket without the bytes passing through the server: one CopyObject up to
 * S3's limit of 5 GiB, a multipart upload of UploadPartCopy ranges above it.
 */
final class ServerSideCopy {
    /** The largest object one CopyObject may copy. */
    static final long SINGLE_COPY_LIMIT = 5L * 1024 * 1024 * 1024;
    /** Bytes per copied part: few requests, far below the 5 GiB part limit. */
    static final long COPY_PART_SIZE = 512L * 1024 * 1024;
    private final S3Bucket bucket;
    private final long singleCopyLimit;
    private final long copyPartSize;

    ServerSideCopy(S3Bucket bucket, long singleCopyLimit, long copyPartSize) {
        this.bucket = bucket;
        this.singleCopyLimit = singleCopyLimit;
        this.copyPartSize = copyPartSize;
    }

    /** Copies {@code from} (of {@code size} bytes, with {@code attributes}) to {@code to}; returns the parts used. */
    int copy(String from, String to, long size, BlobAttributes attributes) {
        if (size <= singleCopyLimit) {
            bucket.copy(from, to);
            return 0;
        }
        String uploadId = bucket.createMultipart(to, attributes);
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long first = 0; first < size; first += copyPartSize) {
                int number = parts.size() + 1;
                long last = Math.min(first + copyPartSize, size) - 1;
                String etag = bucket.uploadPartCopy(from, to, uploadId, number, first, last);
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            bucket.complete(to, uploadId, parts);
            return parts.size();
        } catch (RuntimeException | Error e) {
            bucket.abortQuietly(to, uploadId, e);
            throw e;
        }
    }
}
