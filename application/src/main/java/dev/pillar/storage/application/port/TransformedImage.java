package dev.pillar.storage.application.port;

import dev.pillar.storage.domain.object.MimeType;

import java.util.Objects;

/** An encoded, transformed image: its content type and its bytes (bounded by the pixel limit). */
public record TransformedImage(MimeType mimeType, BlobContent content) {
    public TransformedImage {
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(content, "content");
    }
}
