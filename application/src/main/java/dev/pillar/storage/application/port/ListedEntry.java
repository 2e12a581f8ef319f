package dev.pillar.storage.application.port;

import java.util.Optional;

/** One entry of a folder listing: a file (with what a listing shows of it) or a sub-folder (without). */
public record ListedEntry(String name, Optional<ListedFile> file) {
    public boolean isFolder() {
        return file.isEmpty();
    }
}
