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
 * <p>Rather than reading every object below the folder, the query walks the level on the {@code (bucket_id,
 * name collate "C")} index ("loose index scans"), in two walks whose cost follows the page, not the level:
 * <ul>
 *   <li>the folders: from the first name in the folder's range, the next name that has a {@code /} after
 *   the folder, then past that sub-folder's whole subtree by probing from {@code folder/f0} ({@code '0'}
 *   follows {@code '/'} in byte order), and so on; files in between are skipped by the index scan's filter,
 *   so a folder of a million objects in ten sub-folders costs ten probes;</li>
 *   <li>the files, in the page's name order: one probe per entry, stepping over a sub-folder's subtree in
 *   one probe, and stopping once {@code offset + limit} files matching the search were found (sorted by a
 *   timestamp, every file is a candidate, so that walk runs to the end of the level).</li>
 * </ul>
 * A level without sub-folders (the folders walk finds none) needs no probe per entry: its files are one range
 * of the index, read in the page's order, with no second read of each row. The statement holds both ways, each
 * gated on whether the folders walk found anything, so PostgreSQL runs only one of them.
 * Everything runs under row-level security: a folder appears when the caller sees an object inside it.
 */
final class ObjectListing {
    private ObjectListing() {
    }

    static List<ListedEntry> list(Sql sql, BucketId bucket, ObjectListQuery query) {
        Level level = Level.of(bucket, query.folder());
        boolean descending = query.sortOrder() == SortOrder.DESC;
        String direction = descending ? "desc" : "asc";
        boolean byName = query.sortColumn() == ObjectListQuery.SortColumn.NAME;
        List<Object> params = new ArrayList<>();
        String folders = "folders (name, next_from) as (\n"
                + "  (" + level.folderStep("?", level.folder, params) + ")\n"
                + "  union all\n"
                + "  (select s.name, s.next_from from folders w cross join lateral ("
                + level.folderStep("w.next_from", null, params) + ") s)\n"
                + ")";
        String files = "files (name, next_from, folder, found) as (\n"
                + "  (select * from (" + level.fileStep(descending, Optional.empty(), query.search(), params) + ")"
                + " first where exists (select 1 from folders))\n"
                + "  union all\n"
                + "  (select s.name, s.next_from, s.folder, w.found + s.hit from files w cross join lateral ("
                + level.fileStep(descending, Optional.of("w.next_from"), query.search(), params) + ") s"
                + (byName ? " where w.found < ?" : "") + ")\n"
                + ")";
        Optional<Long> enough = byName ? Optional.of((long) query.offset() + query.limit()) : Optional.empty();
        enough.ifPresent(params::add);
        params.add(bucket.value()); // the walked entries' second read
        String statement = "with recursive " + folders + ", " + files + "\n"
                + "select * from (\n"
                + "  select " + level.entryColumns() + "\n"
                + "  from (select name from folders union all select name from files where not folder) w\n"
                + "  cross join lateral (select * from storage.objects o where o.bucket_id = ? and o.name = w.name"
                + " limit 1) o\n"
                + "  union all\n"
                + "  (" + level.flatFiles(direction, enough, query.search(), params) + ")\n"
                + ") entries\n"
                + "where starts_with(lower(entry_name), lower(?))\n"
                + "order by is_folder desc, " + sortKey(query.sortColumn(), direction)
                + "entry_name collate \"C\" " + direction + "\n"
                + "limit ? offset ?";
        params.addAll(List.of(query.search(), query.limit(), query.offset()));
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
     * are the path tokens at {@code depth}, which start at character {@code start} of the name. The numbers
     * are ours and go into the SQL as literals; the names go as parameters.
     */
    private record Level(String bucket, String folder, Optional<String> folderEnd, int depth, int start) {
        static Level of(BucketId bucket, String folder) {
            int start = folder.codePointCount(0, folder.length()) + 1;
            if (folder.isEmpty()) {
                return new Level(bucket.value(), "", Optional.empty(), 1, start);
            }
            String end = folder.substring(0, folder.length() - 1) + "0"; // the trailing '/' + 1
            return new Level(bucket.value(), folder, Optional.of(end), folder.split("/").length + 1, start);
        }

        /** An entry's name, whether it is a folder, and its object's columns, for a row {@code o} of the level. */
        String entryColumns() {
            return "o.path_tokens[" + depth + "] as entry_name, array_length(o.path_tokens, 1) > " + depth
                    + " as is_folder, " + ObjectRows.columns("o");
        }

        /**
         * When the level has no sub-folder, its files the search admits, in the page's name order and only as
         * many as the page needs ({@code enough}; every file when sorted by a timestamp): one index range scan.
         * Without a search there is no filter at all: PostgreSQL would guess it keeps one row in 200, expect to
         * read the whole level for the page, and prefer reading the table and sorting it.
         */
        String flatFiles(String direction, Optional<Long> enough, String search, List<Object> params) {
            params.add(bucket);
            params.add(folder);
            folderEnd.ifPresent(params::add);
            if (!search.isEmpty()) {
                params.add(search);
            }
            enough.ifPresent(params::add);
            return "select " + entryColumns() + " from storage.objects o"
                    + " where not exists (select 1 from folders) and o.bucket_id = ? and o.name collate \"C\" >= ?"
                    + (folderEnd.isPresent() ? " and o.name collate \"C\" < ?" : "")
                    + (search.isEmpty() ? "" : " and " + searchHit("o"))
                    + (enough.isPresent() ? " order by o.name collate \"C\" " + direction + " limit ?" : "");
        }

        /**
         * The first sub-folder's name at or after {@code cursor} (SQL), and where the next one may start. The
         * step filters every file it passes (in a level without sub-folders, all of them), so the test for a
         * {@code /} after the folder is a {@code like} with one {@code _} per character of the folder: about a
         * third cheaper than {@link #slash}, which copies each name's tail, and, holding no name, a constant.
         */
        String folderStep(String cursor, String cursorParam, List<Object> params) {
            params.add(bucket);
            if (cursorParam != null) {
                params.add(cursorParam);
            }
            folderEnd.ifPresent(params::add);
            return "select o.name, " + subtreeEnd("o") + " as next_from from storage.objects o"
                    + " where o.bucket_id = ? and o.name collate \"C\" >= " + cursor
                    + (folderEnd.isPresent() ? " and o.name collate \"C\" < ?" : "")
                    + " and o.name collate \"C\" like '" + "_".repeat(start - 1) + "%/%'"
                    + " order by o.name collate \"C\" limit 1";
        }

        /**
         * The next entry in the page's order from {@code cursor} (SQL; the folder's bound when empty): where
         * the walk goes on (past a sub-folder's subtree in one step), whether it is a folder, and 1 when it
         * is a file the search admits.
         */
        String fileStep(boolean descending, Optional<String> cursor, String search, List<Object> params) {
            String isFolder = slash("o") + " > 0";
            String next = descending
                    ? "case when " + isFolder + " then left(o.name, " + (start - 1) + " + " + slash("o") + ")"
                    + " else o.name end"
                    : "case when " + isFolder + " then " + subtreeEnd("o") + " else o.name || chr(1) end";
            params.add(search);
            params.add(bucket);
            // Ascending: from the cursor (first, the folder's start) up to the folder's end, if any.
            // Descending: from just below the cursor (first, the folder's end, if any) down to the folder's start.
            String from = " and o.name collate \"C\" >= ";
            String below = " and o.name collate \"C\" < ";
            String range;
            if (descending) {
                params.add(folder);
                range = from + "?";
                if (cursor.isPresent()) {
                    range += below + cursor.get();
                } else if (folderEnd.isPresent()) {
                    params.add(folderEnd.get());
                    range += below + "?";
                }
            } else {
                if (cursor.isPresent()) {
                    range = from + cursor.get();
                } else {
                    params.add(folder);
                    range = from + "?";
                }
                if (folderEnd.isPresent()) {
                    params.add(folderEnd.get());
                    range += below + "?";
                }
            }
            return "select o.name, " + next + " as next_from, " + isFolder + " as folder,"
                    + " (not " + isFolder + " and " + searchHit("o") + ")::int"
                    + " as hit from storage.objects o where o.bucket_id = ?" + range
                    + " order by o.name collate \"C\" " + (descending ? "desc" : "asc") + " limit 1";
        }

        /** Just past the subtree of the sub-folder the name lies in: {@code folder/f/} becomes {@code folder/f0}. */
        private String subtreeEnd(String alias) {
            return "left(" + alias + ".name, " + (start - 2) + " + " + slash(alias) + ") || '0'";
        }

        /** Whether the entry's name, read as a file's, starts with the search (a parameter), case-insensitively. */
        private String searchHit(String alias) {
            return "starts_with(lower(substr(" + alias + ".name, " + start + ")), lower(?))";
        }

        /** Where the first {@code /} after the folder is in the name, counted from the entry's start (0: none). */
        private String slash(String alias) {
            return "strpos(substr(" + alias + ".name, " + start + "), '/')";
        }
    }
}
