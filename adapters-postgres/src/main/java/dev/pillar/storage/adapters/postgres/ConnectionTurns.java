package dev.pillar.storage.adapters.postgres;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets transactions at the pool's connections in arrival order, one turn per connection. Hikari lets a newly
 * arriving borrower take a connection just handed back ahead of those already waiting, which is fast on
 * average but unfair under a burst: with more requests than connections some wait out the whole connection
 * timeout (and answer 503) while later ones are served. Waiting here first, in a fair queue with as many
 * turns as the pool has connections, bounds every wait by the work queued ahead of it.
 */
final class ConnectionTurns {
    private final Semaphore turns;
    private final Duration timeout;

    ConnectionTurns(int connections, Duration timeout) {
        this.turns = new Semaphore(connections, true);
        this.timeout = timeout;
    }

    /** Runs {@code work} in this caller's turn; the database is unavailable when none comes within the timeout. */
    <T> T inTurn(Supplier<T> work) {
        try {
            if (!turns.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw SqlFailures.translate(new RlsTransactions.NoConnection(new SQLTransientConnectionException(
                        "no connection free within " + timeout.toMillis() + " ms", "08001")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SqlFailures.translate(new RlsTransactions.NoConnection(e));
        }
        try {
            return work.get();
        } finally {
            turns.release();
        }
    }

    /** How many callers wait for their turn. */
    int waiting() {
        return turns.getQueueLength();
    }
}
