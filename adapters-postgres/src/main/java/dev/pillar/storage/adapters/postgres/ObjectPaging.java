package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.ObjectPage;
import dev.pillar.storage.application.port.ObjectPageQuery;
import dev.pillar.storage.application.port.ObjectPageQuery.Position;
import dev.pillar.storage.application.port.ObjectPageQuery.SortColumn;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.Resource;
import io.helidon.dbclient.DbRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pages of keys under a prefix (Supabase's list-v2), resumed by keyset from the last entry of the previous
 * page, never by offset. The prefix is a byte-order range {@code [prefix, upper)} on the {@code (bucket_id,
 * name collate "C")} index. A flat listing in name order is one range scan of {@code limit + 1} rows; a
 * delimited one in name order walks the level with one index probe per entry, jumping over each folder's
 * subtree as {@link ObjectListing} does; a time order reads the prefix's rows and keeps the first ones after
 * the position (folders sort by the earliest creation inside them, as in Supabase).
 */
final class ObjectPaging {
    private ObjectPaging() {
    }

    static ObjectPage page(Sql sql, BucketId bucket, ObjectPageQuery query) {
        Statement statement = new Statement(bucket, query);
        String text = !query.delimited() ? statement.flat()
                : query.sortColumn() == SortColumn.NAME ? statement.walk() : statement.grouped();
        List<DbRow> rows = sql.query(Resource.OBJECT, text, statement.params.toArray());
        boolean more = rows.size() > query.limit();
        List<DbRow> shown = more ? rows.subList(0, query.limit()) : rows;
        List<ListedEntry> entries = shown.stream().map(ObjectRows::listedEntry).toList();
        Optional<Position> next = more ? Optional.of(position(shown.getLast(), query)) : Optional.empty();
        return new ObjectPage(entries, next);
    }

    private static Position position(DbRow row, ObjectPageQuery query) {
        return new Position(Columns.requiredText(row, "entry_name"), query.sortColumn() == SortColumn.NAME
                ? Optional.empty() : Optional.of(Columns.instant(row, "sort_time")));
    }

    /** One statement being built: its SQL fragments and positional parameters, in order. */
    private static final class Statement {
        private final List<Object> params = new ArrayList<>();
        private final String bucket;
        private final ObjectPageQuery query;
        private final Optional<String> upper;
        private final int prefixLength;
        private final boolean descending;
        private final String direction;

        Statement(BucketId bucket, ObjectPageQuery query) {
            this.bucket = bucket.value();
            this.query = query;
            this.upper = PrefixRange.upperBound(query.prefix());
            this.prefixLength = query.prefix().codePointCount(0, query.prefix().length());
            this.descending = query.sortOrder() == SortOrder.DESC;
            this.direction = descending ? "desc" : "asc";
        }

        String flat() {
            String time = timeColumn("o");
            String sql = "select o.name as entry_name, false as is_folder, " + time + " as sort_time, "
                    + ObjectRows.listedColumns("o") + " from storage.objects o where " + inPrefix("o")
                    + query.after().map(after -> keyset(time, "o.name", after)).orElse("")
                    + " order by " + (time.startsWith("null") ? "" : time + " " + direction + ", ")
                    + "o.name collate \"C\" " + direction + " limit ?";
            params.add(query.limit() + 1);
            return sql;
        }

        /** Delimited, by name: a recursive walk, one probe per entry, folders skipped over in one step. */
        String walk() {
            String first = "select o.name, " + nextFrom() + ", 1 from storage.objects o where " + inPrefix("o")
                    + query.after().map(after -> " and o.name collate \"C\" " + (descending ? "< ?" : ">= ?"))
                    .orElse("")
                    + " order by o.name collate \"C\" " + direction + " limit 1";
            query.after().ifPresent(after -> params.add(descending ? after.name() : successor(after.name())));
            String step = "select o.name, " + nextFrom() + " as next_from from storage.objects o where " + inPrefix("o")
                    + " and o.name collate \"C\" " + (descending ? "<" : ">=") + " w.next_from"
                    + " order by o.name collate \"C\" " + direction + " limit 1";
            params.add(query.limit() + 1);
            params.add(bucket);
            return "with recursive walk (name, next_from, n) as ((" + first + ") union all"
                    + " (select s.name, s.next_from, w.n + 1 from walk w cross join lateral (" + step + ") s"
                    + " where w.n < ?))"
                    + " select case when " + slash("o") + " > 0 then " + folder("o") + " else o.name end as entry_name,"
                    + " " + slash("o") + " > 0 as is_folder, null::timestamptz as sort_time, "
                    + ObjectRows.listedColumns("o")
                    + " from walk w join storage.objects o on o.bucket_id = ? and o.name = w.name order by w.n";
        }

        /** Delimited, by time: the level's files and its folders (earliest creation inside), keyset-paged. */
        String grouped() {
            String level = "select o.name, o.created_at, " + timeColumn("o") + " as t, " + slash("o") + " as slash"
                    + " from storage.objects o where " + inPrefix("o");
            String entries = "select left(name, " + prefixLength + " + slash) as entry_name, true as is_folder,"
                    + " min(created_at) as sort_time from level where slash > 0 group by 1"
                    + " union all select name, false, t from level where slash = 0";
            String page = "select * from entries e where true"
                    + query.after().map(after -> keyset("e.sort_time", "e.entry_name", after)).orElse("")
                    + " order by e.sort_time " + direction + ", e.entry_name collate \"C\" " + direction + " limit ?";
            params.add(query.limit() + 1);
            params.add(bucket);
            return "with level as (" + level + "), entries as (" + entries + ")"
                    + " select p.entry_name, p.is_folder, p.sort_time, " + ObjectRows.listedColumns("o")
                    + " from (" + page + ") p left join storage.objects o"
                    + " on not p.is_folder and o.bucket_id = ? and o.name = p.entry_name"
                    + " order by p.sort_time " + direction + ", p.entry_name collate \"C\" " + direction;
        }

        /** {@code bucket_id = ? and name in [prefix, upper)}, bytewise. */
        private String inPrefix(String alias) {
            params.add(bucket);
            params.add(query.prefix());
            upper.ifPresent(params::add);
            return alias + ".bucket_id = ? and " + alias + ".name collate \"C\" >= ?"
                    + (upper.isPresent() ? " and " + alias + ".name collate \"C\" < ?" : "");
        }

        /** Only rows after the position in the page's order: by time, then name; or by name alone. */
        private String keyset(String time, String name, Position after) {
            String op = descending ? "<" : ">";
            if (after.time().isEmpty()) {
                params.add(after.name());
                return " and " + name + " collate \"C\" " + op + " ?";
            }
            var at = Columns.timestamp(after.time().get());
            params.addAll(List.of(at, at, after.name()));
            return " and (" + time + " " + op + " ? or (" + time + " = ? and " + name + " collate \"C\" " + op + " ?))";
        }

        /**
         * Where the walk looks next. Ascending: past a folder's whole subtree ({@code a/} → {@code a0}, as
         * {@code 0} follows {@code /}) or just past a file. Descending: strictly before the folder or file.
         */
        private String nextFrom() {
            return descending
                    ? "case when " + slash("o") + " > 0 then " + folder("o") + " else o.name end"
                    : "case when " + slash("o") + " > 0 then left(o.name, " + prefixLength + " + " + slash("o")
                    + " - 1) || '0' else o.name || chr(1) end";
        }

        /** Where the first {@code /} after the prefix is in the name (0 for none): the prefix length is ours, a literal. */
        private String slash(String alias) {
            return "strpos(substr(" + alias + ".name, " + (prefixLength + 1) + "), '/')";
        }

        /** The folder the name lies in at the prefix's level, with its trailing {@code /}. */
        private String folder(String alias) {
            return "left(" + alias + ".name, " + prefixLength + " + " + slash(alias) + ")";
        }

        private String timeColumn(String alias) {
            return switch (query.sortColumn()) {
                case NAME -> "null::timestamptz";
                case CREATED_AT -> alias + ".created_at";
                case UPDATED_AT -> alias + ".updated_at";
            };
        }

        /** The first name a walk resumed after {@code name} may take: past a folder's subtree, or past a file. */
        private static String successor(String name) {
            return name.endsWith("/") ? name.substring(0, name.length() - 1) + "0" : name + "\u0001";
        }
    }
}
