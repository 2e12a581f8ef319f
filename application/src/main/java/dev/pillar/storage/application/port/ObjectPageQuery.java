package dev.pillar.storage.application.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a key listing (Supabase's list-v2): the objects whose name starts with {@code prefix} (plain
 * text, not necessarily a folder), either all of them ({@code delimited} false) or only those directly at the
 * prefix's level with the deeper ones gathered into folders, in the given order, from just after {@code after}.
 */
public record ObjectPageQuery(String prefix, boolean delimited, int limit, SortColumn sortColumn,
                              SortOrder sortOrder, Optional<Position> after) {
    /** Columns a page can be sorted by; names always break ties. */
    public enum SortColumn { NAME, CREATED_AT, UPDATED_AT }

    public ObjectPageQuery {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(sortColumn, "sortColumn");
        Objects.requireNonNull(sortOrder, "sortOrder");
        after = after == null ? Optional.empty() : after;
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one entry");
        }
        if (after.isPresent() && (sortColumn == SortColumn.NAME) != after.get().time().isEmpty()) {
            throw new IllegalArgumentException("a position carries a time exactly when the order is by time");
        }
    }

    /**
     * Where a page ended: the last entry's full name (a folder's ends in {@code /}) and, in a time order,
     * its time (a folder's is the earliest creation time inside it).
     */
    public record Position(String name, Optional<Instant> time) {
        public Position {
            Objects.requireNonNull(name, "name");
            time = time == null ? Optional.empty() : time;
        }
    }
}
