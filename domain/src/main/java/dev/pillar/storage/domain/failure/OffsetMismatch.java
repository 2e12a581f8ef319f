package dev.pillar.storage.domain.failure;

/**
 * A resumable-upload chunk cannot be written at its offset now: another offset is current, or another
 * request is writing the upload (its offset is about to move).
 */
public final class OffsetMismatch extends StorageFailure {
    public OffsetMismatch(long expected, long actual) {
        super("Upload-Offset " + actual + " does not match the current offset " + expected);
    }

    private OffsetMismatch(String message) {
        super(message);
    }

    /** Another request holds the upload: the client should ask for the offset again and resume from it. */
    public static OffsetMismatch uploadBusy() {
        return new OffsetMismatch("The upload is being written by another request");
    }
}
