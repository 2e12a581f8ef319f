package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.failure.BucketNotEmpty;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.failure.Unavailable;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbStatementException;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The translation table on its own; the repository tests show Postgres really raising these states. */
class SqlFailuresTest {

    @Test
    void constraint_violations_mean_what_the_statement_was_about() {
        assertEquals(Resource.BUCKET, assertInstanceOf(AlreadyExists.class,
                SqlFailures.translate(wrapped("23505", "duplicate key"), Resource.BUCKET)).resource());
        assertEquals(Resource.OBJECT, assertInstanceOf(AlreadyExists.class,
                SqlFailures.translate(wrapped("23505", "duplicate key"), Resource.OBJECT)).resource());
        assertEquals(Resource.BUCKET, assertInstanceOf(NotFound.class,
                SqlFailures.translate(wrapped("23503", "fk"), Resource.OBJECT)).resource());
        assertInstanceOf(BucketNotEmpty.class, SqlFailures.translate(wrapped("23503", "fk"), Resource.BUCKET));
    }

    @Test
    void refusals_keep_postgres_message_and_shorten_the_row_level_security_one() {
        assertEquals("new row violates row-level security policy", SqlFailures.translate(wrapped("42501",
                "new row violates row-level security policy for table \"objects\""), Resource.OBJECT).getMessage());
        assertEquals("permission denied for table buckets", assertInstanceOf(AccessDenied.class,
                SqlFailures.translate(wrapped("42501", "permission denied for table buckets"))).getMessage());
    }

    @Test
    void lost_connections_timeouts_and_an_exhausted_pool_are_unavailability() {
        assertInstanceOf(Unavailable.class, SqlFailures.translate(wrapped("08006", "I/O error")));
        assertInstanceOf(Unavailable.class, SqlFailures.translate(wrapped("57014", "canceling statement")));
        assertInstanceOf(Unavailable.class, SqlFailures.translate(wrapped("53300", "too many clients")));
        assertInstanceOf(Unavailable.class, SqlFailures.translate(new RlsTransactions.NoConnection(
                new SQLTransientConnectionException("Connection is not available, request timed out"))));
    }

    @Test
    void a_connection_whose_server_side_is_gone_is_broken_but_an_empty_pool_or_a_silent_server_is_not() {
        assertTrue(SqlFailures.isBrokenConnection(wrapped("57P01", "terminating connection (administrator command)")));
        assertTrue(SqlFailures.isBrokenConnection(wrapped("08006", "An I/O error occurred while sending")));
        assertFalse(SqlFailures.isBrokenConnection(new RlsTransactions.NoConnection(
                new SQLTransientConnectionException("Connection is not available", "08001"))));
        SQLException readTimedOut = new SQLException("An I/O error occurred", "08006",
                new SocketTimeoutException("Read timed out"));
        assertFalse(SqlFailures.isBrokenConnection(
                new DbStatementException("Failed to execute statement", "select 1", readTimedOut)));
        assertFalse(SqlFailures.isBrokenConnection(wrapped("42501", "permission denied")));
    }

    @Test
    void other_database_errors_become_internal_errors_and_other_exceptions_pass_unchanged() {
        RuntimeException unknown = SqlFailures.translate(wrapped("22P02", "invalid input syntax for type uuid"),
                Resource.OBJECT);
        assertInstanceOf(IllegalStateException.class, unknown);
        assertInstanceOf(IllegalStateException.class, SqlFailures.translate(new DbClientException("closed")));

        IllegalArgumentException notOurs = new IllegalArgumentException("from the use case");
        assertSame(notOurs, SqlFailures.translate(notOurs));
    }

    private static DbStatementException wrapped(String state, String message) {
        return new DbStatementException("Failed to execute statement", "select 1", new SQLException(message, state));
    }
}
