package dev.pillar.storage.domain.failure;

/** The content exceeds the bucket's or the server's size limit. */
public final class TooLarge extends StorageFailure {
    public TooLarge() {
        super("The object exceeded the maximum allowed size");
    }
}
