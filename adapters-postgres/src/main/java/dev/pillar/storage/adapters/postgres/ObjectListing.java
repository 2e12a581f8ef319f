package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.ObjectListQuery;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One level of a bucket's tree, Supabase style: the sub-folders and files directly under a folder whose
 * name starts with the search text (case-insensitively), folders first, then sorted and paged.
 *
 * <p>The level is read on the index of names by their folder key, the name up to and including its last
 * {@code /} ({@code (bucket_id, folder key, name)}, all in byte order; changelog 007), so that each half costs
 * what it returns, not what the level holds:
 * <ul>
 *   <li>the files are the rows whose folder key is the folder: one range of the index, already in name order,
 *   read only as far as the page needs ({@code offset + limit} files the search admits; sorted by a timestamp,
 *   all of them);</li>
 *   <li>the sub-folders are the folder keys between the folder and its end ({@code a/} and {@code a0}: {@code '0'}
 *   follows {@code '/'}), where each sub-folder's subtree is one run of keys ({@code a/b-x/} &lt; {@code a/b/}
 *   &lt; {@code a/b/c/} &lt; {@code a/b0}). A loose index scan takes the first key after the cursor, names the
 *   sub-folder from it and probes again from just past its subtree: one probe per sub-folder.</li>
 * </ul>
 * Everything runs under row-level security: a folder appears when the caller sees an object inside it.
 */
final class ObjectListing {
    /**
     * A name's folder key, the name up to and including its last {@code /} ({@code ''} for none), exactly as the
     * index's expression (changelog 007) states it, so that PostgreSQL uses the index.
     */
    private static final String FOLDER_KEY =
            "left(o.name, length(o.name) + 1 - strpos(reverse(o.name) || '/', '/')) collate \"C\"";

    private ObjectListing() {
    }

    static List<ListedEntry> list(Sql sql, BucketId bucket, ObjectListQuery query) {
        Statement statement = statement(bucket, query);
        return sql.query(Resource.OBJECT, statement.text(), statement.params().toArray()).stream()
                .map(ObjectRows::listedEntry)
                .toList();
    }

    /** The one statement that lists the level, with its parameters. */
    record Statement(String text, List<Object> params) {
    }

    static Statement statement(BucketId bucket, ObjectListQuery query) {
        Level level = Level.of(bucket, query.folder());
        String direction = query.sortOrder() == SortOrder.DESC ? "desc" : "asc";
        Optional<Long> enough = query.sortColumn() == ObjectListQuery.SortColumn.NAME
                ? Optional.of((long) query.offset() + query.limit())
                : Optional.empty();
        List<Object> params = new ArrayList<>();
        String text = "with recursive folders (entry_name, next_from) as (\n"
                + "  (" + level.subFolderAfter(Optional.empty(), params) + ")\n"
                + "  union all\n"
                + "  (select s.* from folders w cross join lateral ("
                + level.subFolderAfter(Optional.of("w.next_from"), params) + ") s)\n"
                + ")\n"
                + "select * from (\n"
                // A folder has no object: joined to none, its object columns are nulls of the right types.
                + "  select f.entry_name, true as is_folder, " + ObjectRows.listedColumns("o")
                + " from folders f left join storage.objects o on false"
                + searched("f.entry_name", query.search(), " where ", params) + "\n"
                + "  union all\n"
                + "  (" + level.files(direction, enough, query.search(), params) + ")\n"
                + ") entries\n"
                + "order by is_folder desc, " + sortKey(query.sortColumn(), direction)
                + "entry_name collate \"C\" " + direction + "\n"
                + "limit ? offset ?";
        params.addAll(List.of(query.limit(), query.offset()));
        return new Statement(text, params);
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

    /**
     * The condition that an entry's name (SQL) starts with the search, case-insensitively, after
     * {@code conjunction}; none without a search (PostgreSQL would guess the filter keeps one row in 200, expect
     * to read the whole level for the page, and prefer reading the table and sorting it).
     */
    private static String searched(String entryName, String search, String conjunction, List<Object> params) {
        if (search.isEmpty()) {
            return "";
        }
        params.add(search);
        return conjunction + "starts_with(lower(" + entryName + "), lower(?))";
    }

    /**
     * The folder being listed: its sub-folders' keys lie strictly between {@code folder} and {@code folderEnd}
     * (none at the root), and its entries' names start at character {@code start} of the object's name (SQL
     * counts characters, not bytes). The numbers are ours and go into the SQL as literals; the names go as
     * parameters.
     */
    private record Level(String bucket, String folder, Optional<String> folderEnd, int start) {
        static Level of(BucketId bucket, String folder) {
            int start = folder.codePointCount(0, folder.length()) + 1;
            Optional<String> end = folder.isEmpty()
                    ? Optional.empty()
                    : Optional.of(folder.substring(0, folder.length() - 1) + "0"); // the trailing '/' + 1
            return new Level(bucket.value(), folder, end, start);
        }

        /**
         * The files directly in the folder that the search admits, in the page's name order and only as many as
         * the page needs ({@code enough}; every one when sorted by a timestamp): one range of the index.
         */
        String files(String direction, Optional<Long> enough, String search, List<Object> params) {
            params.add(bucket);
            params.add(folder);
            String entryName = "substr(o.name, " + start + ")";
            String filter = searched(entryName, search, " and ", params);
            enough.ifPresent(params::add);
            return "select " + entryName + " as entry_name, false as is_folder, " + ObjectRows.listedColumns("o")
                    + " from storage.objects o where o.bucket_id = ? and " + FOLDER_KEY + " = ?" + filter
                    + (enough.isPresent() ? " order by o.name collate \"C\" " + direction + " limit ?" : "");
        }

        /**
         * The first sub-folder whose subtree holds a folder key from {@code cursor} (SQL; without one, after the
         * folder itself): its name, and where the next sub-folder's keys may start, just past its subtree
         * ({@code folder/sub0}).
         */
        String subFolderAfter(Optional<String> cursor, List<Object> params) {
            params.add(bucket);
            if (cursor.isEmpty()) {
                params.add(folder);
            }
            folderEnd.ifPresent(params::add);
            String slash = "strpos(substr(o.name, " + start + "), '/')";
            return "select substr(o.name, " + start + ", " + slash + " - 1) as entry_name,"
                    + " left(o.name, " + (start - 2) + " + " + slash + ") || '0' as next_from"
                    + " from storage.objects o where o.bucket_id = ? and " + FOLDER_KEY
                    + cursor.map(from -> " >= " + from).orElse(" > ?")
                    + (folderEnd.isPresent() ? " and " + FOLDER_KEY + " < ?" : "")
                    + " order by " + FOLDER_KEY + " limit 1";
        }
    }
}
