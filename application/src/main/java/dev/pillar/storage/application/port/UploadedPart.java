package dev.pillar.storage.application.port;

import java.util.Objects;

/** One stored part of a multipart upload: its number (1 to 10000), the store's tag for it, and its size. */
public record UploadedPart(int number, String etag, long size) {
    public static final int MAX_NUMBER = 10_000;

    public UploadedPart {
        Objects.requireNonNull(etag, "etag");
        if (number < 1 || number > MAX_NUMBER || size < 0) {
            throw new IllegalArgumentException("bad part " + number + " of " + size + " bytes");
        }
    }
}
