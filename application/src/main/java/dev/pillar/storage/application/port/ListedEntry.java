package dev.pillar.storage.application.port;

import dev.pillar.storage.domain.object.StoredObject;

import java.util.Optional;

/** One entry of a folder listing: a file (with its object) or a sub-folder (without). */
public record ListedEntry(String name, Optional<StoredObject> object) {
    public boolean isFolder() {
        return object.isEmpty();
    }
}
