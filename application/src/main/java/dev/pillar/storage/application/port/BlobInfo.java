package dev.pillar.storage.application.port;

import java.util.Objects;

/** What the store knows of one blob without reading it: its size and the attributes written with it. */
public record BlobInfo(long size, BlobAttributes attributes) {
    public BlobInfo {
        Objects.requireNonNull(attributes, "attributes");
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
    }
}
