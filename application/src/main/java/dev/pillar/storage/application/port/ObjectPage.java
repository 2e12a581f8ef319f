package dev.pillar.storage.application.port;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of a key listing: its entries in order, each named by its full key (a folder's key ends in
 * {@code /}), and, when more follow, the position the next page starts after.
 */
public record ObjectPage(List<ListedEntry> entries, Optional<ObjectPageQuery.Position> next) {
    public ObjectPage {
        entries = List.copyOf(entries);
        Objects.requireNonNull(next, "next");
    }

    public boolean hasNext() {
        return next.isPresent();
    }
}
