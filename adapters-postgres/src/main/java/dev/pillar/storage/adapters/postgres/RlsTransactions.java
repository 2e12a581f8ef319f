package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.access.Caller;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place where work runs as a caller: its connections send the caller's role, JWT claims and statement
 * timeout, set with {@code set_config(..., true)}, in the same round trip as the work's first statement of each
 * transaction (ADR 0026), so they end with it and never reach the next borrower of the pooled connection. A
 * transaction commits when the work returns and rolls back when it throws; a reading runs each statement as a
 * read-only transaction of its own, and work of one statement that writes commits with it.
 */
final class RlsTransactions {
    private static final System.Logger LOG = System.getLogger(RlsTransactions.class.getName());

    private final DbClient client;
    private final ActingConnections connections;
    private final ConnectionTurns turns;
    private final String statementTimeoutMillis;
    private final int maxPoolSize;

    RlsTransactions(DbClient client, ActingConnections connections, ConnectionTurns turns, Duration statementTimeout,
                    int maxPoolSize) {
        this.client = client;
        this.connections = connections;
        this.turns = turns;
        this.maxPoolSize = maxPoolSize;
        this.statementTimeoutMillis = Long.toString(statementTimeout.toMillis());
    }

    /** Runs {@code work} in one transaction as {@code caller}, once its turn at the pool has come. */
    <T> T run(Caller caller, Function<DbExecute, T> work) {
        return turns.inTurn(() -> retried(() -> CallerSetUp.forTransaction(caller, statementTimeoutMillis),
                () -> inTransaction(work)));
    }

    /**
     * Runs {@code work}, which only reads, as {@code caller}: each statement on its own, read-only, in one round
     * trip with the set-up, seeing what was committed when it started.
     */
    <T> T read(Caller caller, Function<DbExecute, T> work) {
        return autocommitted(() -> CallerSetUp.forReading(caller, statementTimeoutMillis), work);
    }

    /** Runs {@code work}, one statement that writes, as {@code caller}: committed with it, in one round trip. */
    <T> T once(Caller caller, Function<DbExecute, T> work) {
        return autocommitted(() -> CallerSetUp.forOneStatement(caller, statementTimeoutMillis), work);
    }

    /** {@link #run} as the server, on this package's statements. */
    <T> T runAsServer(Function<Sql, T> work) {
        return run(Caller.system(), db -> work.apply(new Sql(db)));
    }

    /** {@link #read} as the server, on this package's statements. */
    <T> T readAsServer(Function<Sql, T> work) {
        return read(Caller.system(), db -> work.apply(new Sql(db)));
    }

    /**
     * Runs the work as a fresh set-up says. A pooled connection whose server side is gone (PostgreSQL restarted,
     * {@code pg_terminate_backend}, a proxy's idle cut) fails on the work's first statement, before anything of
     * the work reached the database (its transaction did not commit, or it only read): the pool evicts it and
     * the work runs again on the next one, at most once per connection the pool can hold (ADR 0017). The work
     * does nothing but database work, so running it again repeats nothing else.
     */
    private <T> T retried(Supplier<CallerSetUp> setUps, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            CallerSetUp setUp = setUps.get();
            try {
                return connections.actingAs(setUp, work);
            } catch (RuntimeException e) {
                if (attempt > maxPoolSize || !setUp.failedOnFirstStatement() || !SqlFailures.isBrokenConnection(e)) {
                    throw e;
                }
                LOG.log(System.Logger.Level.INFO, () -> "event=database_connection_replaced cause="
                        + SqlFailures.stateOf(e));
            }
        }
    }

    /** Runs {@code work} with no transaction around it: each statement runs in one of its own, as set up. */
    private <T> T autocommitted(Supplier<CallerSetUp> setUps, Function<DbExecute, T> work) {
        return turns.inTurn(() -> retried(setUps, () -> {
            try {
                return work.apply(client.execute());
            } catch (RuntimeException e) {
                throw SqlFailures.isDatabaseFailure(e) ? SqlFailures.translate(e) : e;
            }
        }));
    }

    private <T> T inTransaction(Function<DbExecute, T> work) {
        DbTransaction transaction = client.transaction();
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
