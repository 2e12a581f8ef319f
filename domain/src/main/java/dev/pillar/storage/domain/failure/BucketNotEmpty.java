package dev.pillar.storage.domain.failure;

/** A bucket cannot be deleted while it still holds objects. */
public final class BucketNotEmpty extends StorageFailure {
    public BucketNotEmpty() {
        super("The bucket you tried to delete is not empty");
    }
}
