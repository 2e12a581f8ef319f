package dev.pillar.storage.application.port;

import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;

import java.util.Objects;

/**
 * The headers a store keeps with a blob, so that the bucket serves sensibly when read directly
 * (an S3 console, a CDN in front of the bucket). The object row stays the source of truth.
 */
public record BlobAttributes(MimeType contentType, CacheControl cacheControl) {
    /** What a blob written without attributes is described as. */
    public static final BlobAttributes DEFAULT = new BlobAttributes(MimeType.OCTET_STREAM, CacheControl.DEFAULT);

    public BlobAttributes {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(cacheControl, "cacheControl");
    }
}
