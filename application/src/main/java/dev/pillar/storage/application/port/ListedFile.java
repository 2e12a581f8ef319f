package dev.pillar.storage.application.port;

import dev.pillar.storage.domain.object.ObjectContent;
import dev.pillar.storage.domain.object.ObjectName;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a listing shows of a file: its row's id, full name, content and times. Not its owner, version or user
 * metadata, which a listing never shows and so never reads (lists read rows by the hundred).
 */
public record ListedFile(UUID id, ObjectName name, ObjectContent content, Instant createdAt, Instant updatedAt,
                         Instant lastAccessedAt) {
    public ListedFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastAccessedAt, "lastAccessedAt");
    }
}
