package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.domain.failure.Resource;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs positional-parameter statements of one piece of work and translates their failures, so repositories
 * only hold SQL and mapping. Rows are read completely before they are mapped.
 */
final class Sql {
    private final DbExecute db;

    Sql(DbExecute db) {
        this.db = db;
    }

    List<DbRow> query(Resource subject, String sql, Object... params) {
        return translated(subject, () -> {
            try (var rows = db.createNamedQuery(nameOf(sql), sql).params(Arrays.asList(params)).execute()) {
                return rows.toList();
            }
        });
    }

    Optional<DbRow> queryOne(Resource subject, String sql, Object... params) {
        List<DbRow> rows = query(subject, sql, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it touched. */
    long update(Resource subject, String sql, Object... params) {
        return translated(subject, () -> db.createNamedDmlStatement(nameOf(sql), sql).params(Arrays.asList(params))
                .execute());
    }

    /**
     * The name Helidon DbClient labels a statement with (in its own logs and observers; PostgreSQL never sees it).
     * Given none, it names every statement anew by the SHA-256 of its text, a digest per statement run; the text's
     * hash code labels it as well for nothing.
     */
    static String nameOf(String sql) {
        return "sql-" + Integer.toHexString(sql.hashCode());
    }

    private static <T> T translated(Resource subject, Supplier<T> statement) {
        try {
            return statement.get();
        } catch (RuntimeException e) {
            throw SqlFailures.isDatabaseFailure(e) ? SqlFailures.translate(e, subject) : e;
        }
    }
}
