package dev.pillar.storage.domain.failure;

/** The bucket restricts content types and this one is not among them. */
public final class MimeTypeNotAllowed extends StorageFailure {
    public MimeTypeNotAllowed(String mimeType) {
        super("mime type " + mimeType + " is not supported");
    }
}
