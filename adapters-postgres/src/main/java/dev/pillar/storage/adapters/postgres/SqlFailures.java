package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.failure.BucketNotEmpty;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.failure.StorageFailure;
import dev.pillar.storage.domain.failure.Unavailable;
import io.helidon.dbclient.DbClientException;
import org.postgresql.util.PSQLException;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Turns what the driver, the pool or DbClient throws into the domain's failures. It translates, it does
 * not decide: the meaning of each SQLState is Postgres's, the subject says which row was being written.
 */
final class SqlFailures {
    static final String RLS_VIOLATION = "new row violates row-level security policy";
    private static final System.Logger LOG = System.getLogger(SqlFailures.class.getName());

    private SqlFailures() {
    }

    /** Whether {@code failure} came from the database side (and must not escape the adapter as it is). */
    static boolean isDatabaseFailure(Throwable failure) {
        return failure instanceof DbClientException || sqlException(failure).isPresent();
    }

    /**
     * The failure of a statement about {@code subject} rows: a unique violation means it exists already; a
     * foreign-key violation means, for an object, that its bucket is gone and, for a bucket, that objects
     * still point at it.
     */
    static RuntimeException translate(Throwable failure, Resource subject) {
        Optional<SQLException> sql = sqlException(failure);
        String state = sql.map(SQLException::getSQLState).orElse("");
        return switch (state) {
            case "23505" -> new AlreadyExists(subject);
            case "23503" -> subject == Resource.BUCKET ? new BucketNotEmpty() : new NotFound(Resource.BUCKET);
            default -> translate(failure);
        };
    }

    /** The failure of a statement with no particular subject (session set-up, commit, health). */
    static RuntimeException translate(Throwable failure) {
        if (failure instanceof StorageFailure storageFailure) {
            return storageFailure;
        }
        if (RlsTransactions.NoConnection.isIn(failure)) { // whatever the pool's reason: none to be had
            return new Unavailable(Unavailable.Service.DATABASE, "The database is unavailable", failure);
        }
        Optional<SQLException> found = sqlException(failure);
        if (found.isEmpty()) {
            return failure instanceof RuntimeException runtime && !(failure instanceof DbClientException)
                    ? runtime
                    : new IllegalStateException("Database access failed", failure);
        }
        SQLException sql = found.get();
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (state.equals("42501")) {
            return new AccessDenied(accessDeniedMessage(sql));
        }
        if (state.equals("57014")) {
            return new Unavailable(Unavailable.Service.DATABASE, "The database statement timed out", failure);
        }
        if (isUnavailable(sql, state)) {
            return new Unavailable(Unavailable.Service.DATABASE, "The database is unavailable", failure);
        }
        LOG.log(System.Logger.Level.WARNING, "event=database_error sql_state={0}", state);
        return new IllegalStateException("Database statement failed (SQLState " + state + ")", failure);
    }

    /**
     * Whether {@code failure} says the connection itself is broken (its server side closed or terminated), as
     * opposed to the pool having none to give or a statement failing on a working connection.
     */
    static boolean isBrokenConnection(Throwable failure) {
        if (RlsTransactions.NoConnection.isIn(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return false; // the server may be there but stopped answering: another connection would wait too
            }
        }
        String state = stateOf(failure);
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02");
    }

    /** The SQLState of the failure's SQLException, or an empty string. */
    static String stateOf(Throwable failure) {
        return sqlException(failure).map(SQLException::getSQLState).orElse("");
    }

    private static boolean isUnavailable(SQLException sql, String state) {
        return sql instanceof SQLTransientConnectionException
                || state.startsWith("08") // connection exceptions
                || state.startsWith("53") // insufficient resources, e.g. too many connections
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03") // shutting down, starting
                || state.equals("40001") || state.equals("40P01"); // serialization failure, deadlock: retry later
    }

    private static String accessDeniedMessage(SQLException sql) {
        String message = sql instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getMessage()
                : sql.getMessage();
        if (message == null || message.isBlank()) {
            return RLS_VIOLATION;
        }
        return message.startsWith(RLS_VIOLATION) ? RLS_VIOLATION : message;
    }

    /** The pool's timeout wins over its cause; otherwise the innermost SQLException in the chain. */
    private static Optional<SQLException> sqlException(Throwable failure) {
        SQLException found = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException pool) {
                return Optional.of(pool);
            }
            if (t instanceof SQLException sql) {
                found = sql;
            }
        }
        return Optional.ofNullable(found);
    }
}
