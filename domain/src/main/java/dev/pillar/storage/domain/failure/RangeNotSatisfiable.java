package dev.pillar.storage.domain.failure;

/** A well-formed byte range that lies outside the object. */
public final class RangeNotSatisfiable extends StorageFailure {
    private final long size;

    public RangeNotSatisfiable(long size) {
        super("invalid range provided");
        this.size = size;
    }

    /** The object's size, for {@code Content-Range: bytes *}{@code /size}. */
    public long size() {
        return size;
    }
}
