package dev.pillar.storage.domain.image;

import java.util.Optional;

/** The encoding a transformed image is sent in: the source's own ({@code origin}) or a chosen one. */
public enum OutputFormat {
    ORIGIN(null), JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp");

    private final String mimeType;

    OutputFormat(String mimeType) {
        this.mimeType = mimeType;
    }

    /** The content type this format is written as; empty for {@code origin}, which keeps the source's. */
    public Optional<String> mimeType() {
        return Optional.ofNullable(mimeType);
    }
}
