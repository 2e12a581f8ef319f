package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.access.Caller;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The one place where work runs as a caller: a transaction whose role, JWT claims and statement timeout are
 * set with {@code set_config(..., true)}, so they end with it and never reach the next borrower of the pooled
 * connection. Commits when the work returns, rolls back when it throws.
 */
final class RlsTransactions {
    private static final String ACT_AS = """
            select set_config('role', ?, true),
                   set_config('request.jwt.claims', ?, true),
                   set_config('request.jwt.claim.sub', ?, true),
                   set_config('request.jwt.claim.role', ?, true),
                   set_config('statement_timeout', ?, true)""";
    private static final System.Logger LOG = System.getLogger(RlsTransactions.class.getName());

    private final DbClient client;
    private final ConnectionTurns turns;
    private final String statementTimeoutMillis;
    private final int maxPoolSize;

    RlsTransactions(DbClient client, ConnectionTurns turns, Duration statementTimeout, int maxPoolSize) {
        this.client = client;
        this.turns = turns;
        this.maxPoolSize = maxPoolSize;
        this.statementTimeoutMillis = Long.toString(statementTimeout.toMillis());
    }

    /** Runs {@code work} in one transaction as {@code caller}, once its turn at the pool has come. */
    <T> T run(Caller caller, Function<DbExecute, T> work) {
        return turns.inTurn(() -> runNow(caller, work));
    }

    private <T> T runNow(Caller caller, Function<DbExecute, T> work) {
        DbTransaction transaction = begin(caller);
        T result;
        try {
            result = work.apply(transaction);
        } catch (RuntimeException e) {
            rollback(transaction, e);
            throw SqlFailures.isDatabaseFailure(e) ? SqlFailures.translate(e) : e;
        } catch (Error e) {
            rollback(transaction, e);
            throw e;
        }
        try {
            transaction.commit();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
        return result;
    }

    /**
     * A transaction acting as {@code caller}. A pooled connection whose server side is gone (PostgreSQL restarted,
     * {@code pg_terminate_backend}, a proxy's idle cut) fails on this first statement, before any work ran on it:
     * the pool evicts it and the next one is tried, at most once per connection the pool can hold (ADR 0017).
     */
    private DbTransaction begin(Caller caller) {
        for (int attempt = 1; ; attempt++) {
            DbTransaction transaction = client.transaction();
            try {
                actAs(transaction, caller);
                return transaction;
            } catch (RuntimeException e) {
                rollback(transaction, e);
                if (attempt > maxPoolSize || !SqlFailures.isBrokenConnection(e)) {
                    throw SqlFailures.isDatabaseFailure(e) ? SqlFailures.translate(e) : e;
                }
                LOG.log(System.Logger.Level.INFO, () -> "event=database_connection_replaced cause="
                        + SqlFailures.stateOf(e));
            }
        }
    }

    private void actAs(DbExecute transaction, Caller caller) {
        List<Object> settings = List.of(caller.role().dbName(), caller.claimsJson(), caller.subject().orElse(""),
                caller.role().dbName(), statementTimeoutMillis);
        try (var rows = transaction.createNamedQuery(Sql.nameOf(ACT_AS), ACT_AS).params(settings).execute()) {
            rows.forEach(row -> { });
        }
    }

    /** Never hides the original failure: a failed rollback is attached to it. */
    private static void rollback(DbTransaction transaction, Throwable failure) {
        if (NoConnection.isIn(failure)) {
            return; // nothing was started
        }
        try {
            transaction.rollback();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "event=rollback_failed", e);
            failure.addSuppressed(e);
        }
    }

    /** The pool gave no connection: thrown by the supplier DbClient calls, the SQLException as its cause. */
    static final class NoConnection extends RuntimeException {
        NoConnection(Throwable cause) {
            super("no database connection", cause);
        }

        static boolean isIn(Throwable failure) {
            for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
                if (t instanceof NoConnection) {
                    return true;
                }
            }
            return false;
        }
    }
}
