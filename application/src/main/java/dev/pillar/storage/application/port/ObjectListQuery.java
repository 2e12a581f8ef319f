package dev.pillar.storage.application.port;

import java.util.Objects;

/**
 * One page of a folder listing: entries directly under {@code prefix} (a folder path, with or
 * without its trailing {@code /}) whose name starts with {@code search}, sorted and paged.
 */
public record ObjectListQuery(String prefix, String search, int limit, int offset, SortColumn sortColumn,
                              SortOrder sortOrder) {
    /** Columns a listing can be sorted by. */
    public enum SortColumn { NAME, CREATED_AT, UPDATED_AT, LAST_ACCESSED_AT }

    public ObjectListQuery {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(sortColumn, "sortColumn");
        Objects.requireNonNull(sortOrder, "sortOrder");
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("bad paging");
        }
    }

    /** The prefix as a folder path: empty, or ending in exactly one {@code /} (every list asks: no regex). */
    public String folder() {
        int start = 0;
        int end = prefix.length();
        while (start < end && prefix.charAt(start) == '/') {
            start++;
        }
        while (end > start && prefix.charAt(end - 1) == '/') {
            end--;
        }
        return start == end ? "" : prefix.substring(start, end) + "/";
    }
}
