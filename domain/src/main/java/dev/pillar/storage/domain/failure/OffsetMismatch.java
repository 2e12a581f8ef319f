package dev.pillar.storage.domain.failure;

/** A resumable-upload chunk arrived for an offset other than the upload's current one. */
public final class OffsetMismatch extends StorageFailure {
    public OffsetMismatch(long expected, long actual) {
        super("Upload-Offset " + actual + " does not match the current offset " + expected);
    }
}
