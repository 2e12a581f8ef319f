package dev.pillar.storage.application;

import dev.pillar.storage.domain.object.ByteSize;

import java.util.Objects;

/** Server-wide settings the use cases obey: the store's key prefix and the global size cap. */
public record StorageSettings(String projectRef, ByteSize globalFileSizeLimit) {
    public StorageSettings {
        Objects.requireNonNull(projectRef, "projectRef");
        Objects.requireNonNull(globalFileSizeLimit, "globalFileSizeLimit");
    }
}
