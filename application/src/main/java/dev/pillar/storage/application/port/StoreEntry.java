package dev.pillar.storage.application.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a listing of the store found: a blob, a multipart upload in progress, or what an unfinished write
 * left behind. {@code location} is where the store keeps it (a path under the root, an S3 key), {@code changedAt}
 * when it was last written or linked into place, so a blob copied a moment ago looks new even if its bytes are old.
 */
public record StoreEntry(Kind kind, String location, Optional<BlobKey> key, Optional<String> uploadId, long size,
                         Instant changedAt) {
    public StoreEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        key = key == null ? Optional.empty() : key;
        uploadId = uploadId == null ? Optional.empty() : uploadId;
        Objects.requireNonNull(changedAt, "changedAt");
        if (key.isPresent() != (kind == Kind.BLOB)) {
            throw new IllegalArgumentException("a blob, and only a blob, has a key");
        }
        if (uploadId.isPresent() != (kind == Kind.MULTIPART_UPLOAD)) {
            throw new IllegalArgumentException("a multipart upload, and only one, has an upload id");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
    }

    public static StoreEntry blob(BlobKey key, String location, long size, Instant changedAt) {
        return new StoreEntry(Kind.BLOB, location, Optional.of(key), Optional.empty(), size, changedAt);
    }

    public static StoreEntry unidentified(String location, long size, Instant changedAt) {
        return new StoreEntry(Kind.UNIDENTIFIED_BLOB, location, Optional.empty(), Optional.empty(), size, changedAt);
    }

    public static StoreEntry leftover(String location, long size, Instant changedAt) {
        return new StoreEntry(Kind.LEFTOVER, location, Optional.empty(), Optional.empty(), size, changedAt);
    }

    /** A multipart upload not completed yet, by its {@link MultipartStore} id; {@code changedAt} is its latest part. */
    public static StoreEntry multipartUpload(String uploadId, String location, long size, Instant changedAt) {
        return new StoreEntry(Kind.MULTIPART_UPLOAD, location, Optional.empty(), Optional.of(uploadId), size,
                changedAt);
    }

    /** What kind of entry it is, which decides whether anything else may still point at it. */
    public enum Kind {
        /** A blob whose key the store reads back from its location. */
        BLOB,
        /** A blob whose key cannot be read back (a name too long to be kept as it is, stored under a digest). */
        UNIDENTIFIED_BLOB,
        /** The bytes of a write that never finished (a staging file): nothing ever points at them. */
        LEFTOVER,
        /** A multipart upload begun and neither completed nor aborted: a resumable upload's, or an orphan's. */
        MULTIPART_UPLOAD
    }
}
