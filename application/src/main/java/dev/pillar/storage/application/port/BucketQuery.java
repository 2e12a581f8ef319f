package dev.pillar.storage.application.port;

import java.util.Optional;
import java.util.OptionalInt;

/** Paging, search and order for listing buckets. */
public record BucketQuery(OptionalInt limit, int offset, Optional<String> search, SortColumn sortColumn,
                          SortOrder sortOrder) {
    /** Columns buckets can be sorted by. */
    public enum SortColumn { ID, NAME, CREATED_AT, UPDATED_AT }

    public BucketQuery {
        if (offset < 0 || (limit.isPresent() && limit.getAsInt() < 0)) {
            throw new IllegalArgumentException("negative paging");
        }
    }

    public static BucketQuery all() {
        return new BucketQuery(OptionalInt.empty(), 0, Optional.empty(), SortColumn.NAME, SortOrder.ASC);
    }
}
