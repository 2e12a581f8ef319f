package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.ObjectName;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The S3 key of a blob: its path {@code {project}/{bucket}/{name}/{version}} as it is, whenever
 * every S3-compatible service takes it: at most 1024 bytes of UTF-8 (S3's limit), no segment over
 * 255 bytes (MinIO keeps each segment as a file name), no {@code .} or {@code ..} segment (which
 * HTTP stacks may resolve away).
 *
 * <p>Any other key (only a name of several hundred bytes can make one) is stored as
 * {@code {project}/{bucket}/~{sha256 of the path}}, or {@code ~{sha256 of the path}} when even the
 * project or bucket cannot stand as they are. Such a key has fewer segments than any plain one, so
 * the two never meet.
 */
final class ObjectKeys {
    static final int MAX_KEY_BYTES = 1024;
    static final int MAX_SEGMENT_BYTES = 255;
    static final String HASHED_MARK = "~";

    private ObjectKeys() {
    }

    static String of(BlobKey key) {
        String path = key.path();
        if (isPlain(path)) {
            return path;
        }
        String digest = HASHED_MARK + sha256(path);
        String underBucket = key.projectRef() + "/" + key.bucketId().value() + "/" + digest;
        return isPlain(underBucket) ? underBucket : digest;
    }

    /** The blob key an S3 key stands for; empty for a digest key (or any key no blob key maps to). */
    static Optional<BlobKey> parse(String s3Key) {
        String[] segments = s3Key.split("/", -1);
        if (segments.length < 4) {
            return Optional.empty();
        }
        try {
            BlobKey key = new BlobKey(segments[0], BucketId.of(segments[1]),
                    ObjectName.of(String.join("/", Arrays.copyOfRange(segments, 2, segments.length - 1))),
                    segments[segments.length - 1]);
            return of(key).equals(s3Key) ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException | InvalidInput notAKey) {
            return Optional.empty();
        }
    }

    private static boolean isPlain(String key) {
        if (utf8Length(key) > MAX_KEY_BYTES) {
            return false;
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || utf8Length(segment) > MAX_SEGMENT_BYTES) {
                return false;
            }
        }
        return true;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
