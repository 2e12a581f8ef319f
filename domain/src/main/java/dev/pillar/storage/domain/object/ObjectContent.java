package dev.pillar.storage.domain.object;

import java.util.Objects;

/** What was stored for one version of an object: its size, type, caching and checksum. */
public record ObjectContent(ByteSize size, MimeType mimeType, CacheControl cacheControl, String eTag) {
    public ObjectContent {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(cacheControl, "cacheControl");
        Objects.requireNonNull(eTag, "eTag");
    }
}
