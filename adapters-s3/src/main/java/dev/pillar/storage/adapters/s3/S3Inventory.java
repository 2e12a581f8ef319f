package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.application.port.StoreEntry;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** What the bucket holds for the reconciler: a project's objects and multipart uploads, listed and removed. */
final class S3Inventory {
    private final S3Bucket bucket;
    private final BackingBucket backing;

    S3Inventory(S3Bucket bucket, BackingBucket backing) {
        this.bucket = bucket;
        this.backing = backing;
    }

    /**
     * The objects under the project's prefix, a page of {@value BackingBucket#MAX_PAGE_SIZE} at a time, then the
     * multipart uploads in progress there, dated by their latest part: a large upload streaming for hours is alive.
     */
    Stream<StoreEntry> list(String projectRef, int pageSize) {
        String prefix = projectRef + "/";
        return Stream.concat(backing.objects(prefix, pageSize).map(S3Inventory::entry),
                Stream.of(prefix).flatMap(backing::uploads).flatMap(this::uploadEntry));
    }

    /** The upload with its parts' total size and latest change; nothing when it finished while we looked. */
    private Stream<StoreEntry> uploadEntry(MultipartUpload upload) {
        long started = System.nanoTime();
        try {
            List<Part> parts = bucket.listParts(upload.key(), upload.uploadId());
            Instant changed = parts.stream().map(Part::lastModified).reduce(upload.initiated(),
                    (a, b) -> a.isAfter(b) ? a : b);
            return Stream.of(StoreEntry.multipartUpload(upload.uploadId(), upload.key(),
                    parts.stream().mapToLong(Part::size).sum(), changed));
        } catch (SdkException e) {
            if (S3Failures.isNotFound(e)) {
                return Stream.empty();
            }
            throw S3Failures.unavailable(e, "ListParts", upload.key(), started);
        }
    }

    /** Deletes the object, or aborts the upload; one that is gone already is no error. */
    void remove(StoreEntry entry) {
        long started = System.nanoTime();
        try {
            if (entry.kind() == StoreEntry.Kind.MULTIPART_UPLOAD) {
                bucket.abort(entry.location(), entry.uploadId().orElseThrow());
            } else {
                bucket.delete(entry.location());
            }
        } catch (SdkException e) {
            if (entry.kind() == StoreEntry.Kind.MULTIPART_UPLOAD && S3Failures.isNotFound(e)) {
                return;
            }
            throw S3Failures.unavailable(e, "Remove", entry.location(), started);
        }
    }

    private static StoreEntry entry(S3Object object) {
        return ObjectKeys.parse(object.key())
                .map(key -> StoreEntry.blob(key, object.key(), object.size(), object.lastModified()))
                .orElseGet(() -> StoreEntry.unidentified(object.key(), object.size(), object.lastModified()));
    }
}
