package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.ObjectListQuery;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.Resource;
import io.helidon.dbclient.DbRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One level of a bucket's tree, Supabase style: the sub-folders and files directly under a folder whose
 * name starts with the search text (case-insensitively), folders first, then sorted and paged.
 *
 * <p>Rather than reading every object below the folder, the query walks the level with one index probe
 * per entry (a "loose index scan" on {@code (bucket_id, name collate "C")}): from the first name in the
 * folder's range it takes the entry's token; for a sub-folder {@code f/} it then jumps past every name that
 * starts with {@code folder/f/} by probing from {@code folder/f0} ({@code '0'} follows {@code '/'} in byte
 * order), for a file to the next name. So a folder of a million objects in ten sub-folders costs ten probes.
 * The walk runs under row-level security: a folder appears when the caller sees an object inside it.
 */
final class ObjectListing {
    private ObjectListing() {
    }

    static List<ListedEntry> list(Sql sql, BucketId bucket, ObjectListQuery query) {
        Level level = Level.of(bucket, query.folder());
        List<Object> params = new ArrayList<>();
        String direction = query.sortOrder() == SortOrder.DESC ? "desc" : "asc";
        String statement = "with recursive walk (name, next_from) as (\n"
                + "  (" + level.step("?", level.folder, params) + ")\n"
                + "  union all\n"
                + "  (select step.name, step.next_from from walk w cross join lateral ("
                + level.step("w.next_from", null, params) + ") step)\n"
                + ")\n"
                + "select * from (\n"
                + "  select o.path_tokens[?] as entry_name, array_length(o.path_tokens, 1) > ? as is_folder, "
                + ObjectRows.columns("o") + "\n"
                + "  from walk w join storage.objects o on o.bucket_id = ? and o.name = w.name\n"
                + ") entries\n"
                + "where starts_with(lower(entry_name), lower(?))\n"
                + "order by is_folder desc, " + sortKey(query.sortColumn(), direction)
                + "entry_name collate \"C\" " + direction + "\n"
                + "limit ? offset ?";
        params.addAll(List.of(level.depth, level.depth, bucket.value(), query.search(), query.limit(),
                query.offset()));
        return sql.query(Resource.OBJECT, statement, params.toArray()).stream()
                .map(ObjectListing::entry)
                .toList();
    }

    /** Files sort by the column (folders have none), then everything by name. */
    private static String sortKey(ObjectListQuery.SortColumn column, String direction) {
        String timestamp = switch (column) {
            case NAME -> null;
            case CREATED_AT -> "created_at";
            case UPDATED_AT -> "updated_at";
            case LAST_ACCESSED_AT -> "last_accessed_at";
        };
        return timestamp == null ? "" : "case when not is_folder then " + timestamp + " end " + direction + ", ";
    }

    private static ListedEntry entry(DbRow row) {
        String name = Columns.requiredText(row, "entry_name");
        return Columns.flag(row, "is_folder")
                ? new ListedEntry(name, Optional.empty())
                : new ListedEntry(name, Optional.of(ObjectRows.object(row)));
    }

    /**
     * The folder being listed: its names lie in {@code [folder, folderEnd)} in byte order, and its entries
     * are the path tokens at {@code depth}.
     */
    private record Level(String bucket, String folder, Optional<String> folderEnd, int depth) {
        static Level of(BucketId bucket, String folder) {
            if (folder.isEmpty()) {
                return new Level(bucket.value(), "", Optional.empty(), 1);
            }
            String end = folder.substring(0, folder.length() - 1) + "0"; // the trailing '/' + 1
            return new Level(bucket.value(), folder, Optional.of(end), folder.split("/").length + 1);
        }

        /** The first entry at or after {@code cursor} (SQL), and where the next one may start. */
        String step(String cursor, String cursorParam, List<Object> params) {
            params.addAll(List.of(depth, folder, depth, bucket));
            if (cursorParam != null) {
                params.add(cursorParam);
            }
            folderEnd.ifPresent(params::add);
            return "select o.name, case when array_length(o.path_tokens, 1) > ?"
                    + " then ?::text || o.path_tokens[?] || '0' else o.name || chr(1) end as next_from"
                    + " from storage.objects o"
                    + " where o.bucket_id = ? and o.name collate \"C\" >= " + cursor
                    + (folderEnd.isPresent() ? " and o.name collate \"C\" < ?" : "")
                    + " order by o.name collate \"C\" limit 1";
        }
    }
}
