package dev.pillar.storage.domain.failure;

/** A resumable upload that passed its expiry and can no longer receive data. */
public final class UploadExpired extends StorageFailure {
    public UploadExpired() {
        super("Upload expired");
    }
}
