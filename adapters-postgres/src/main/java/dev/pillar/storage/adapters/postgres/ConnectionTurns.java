package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.domain.failure.Unavailable;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lets transactions at the pool's connections in arrival order, one turn per connection. Hikari lets a newly
 * arriving borrower take a connection just handed back ahead of those already waiting, which is fast on
 * average but unfair under a burst: with more requests than connections some wait out the whole connection
 * timeout (and answer 503) while later ones are served. Here a finished turn is handed to the longest waiter,
 * so every wait is bounded by the work queued ahead of it.
 *
 * <p>A long line is not an unavailable database: while transactions keep finishing, a caller keeps its place,
 * up to {@code longestWait}. Only when no transaction has finished for {@code stallTimeout} (the database is
 * unreachable or hangs) does a waiting caller give up early.
 */
final class ConnectionTurns {
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> line = new ArrayDeque<>();
    private final long stallNanos;
    private final long longestWaitNanos;
    private int free;
    private volatile long lastProgress = System.nanoTime();

    ConnectionTurns(int connections, Duration stallTimeout, Duration longestWait) {
        this.free = connections;
        this.stallNanos = stallTimeout.toNanos();
        this.longestWaitNanos = Math.max(stallNanos, longestWait.toNanos());
    }

    /** Runs {@code work} in this caller's turn; the database is unavailable when the line stalls or is too long. */
    <T> T inTurn(Supplier<T> work) {
        awaitTurn();
        try {
            T result = work.get();
            lastProgress = System.nanoTime();
            return result;
        } catch (RuntimeException e) {
            if (!(e instanceof Unavailable)) {
                lastProgress = System.nanoTime(); // a refusal is the database answering
            }
            throw e;
        } finally {
            release();
        }
    }

    /** How many callers wait for their turn. */
    int waiting() {
        lock.lock();
        try {
            return line.size();
        } finally {
            lock.unlock();
        }
    }

    private void awaitTurn() {
        lock.lock();
        try {
            if (line.isEmpty() && free > 0) {
                free--;
                return;
            }
            Waiter me = new Waiter(lock.newCondition());
            line.addLast(me);
            long start = System.nanoTime();
            while (!me.admitted) {
                try {
                    me.turn.awaitNanos(stallNanos);
                } catch (InterruptedException e) {
                    leave(me);
                    Thread.currentThread().interrupt();
                    throw SqlFailures.translate(new RlsTransactions.NoConnection(e));
                }
                long now = System.nanoTime();
                if (!me.admitted && (now - lastProgress >= stallNanos || now - start >= longestWaitNanos)) {
                    line.remove(me);
                    throw SqlFailures.translate(new RlsTransactions.NoConnection(new SQLTransientConnectionException(
                            "no connection free after " + (now - start) / 1_000_000 + " ms", "08001")));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives up a place in line; a turn handed over meanwhile goes on to the next in line. */
    private void leave(Waiter me) {
        if (me.admitted) {
            handOver();
        } else {
            line.remove(me);
        }
    }

    private void release() {
        lock.lock();
        try {
            handOver();
        } finally {
            lock.unlock();
        }
    }

    private void handOver() {
        Waiter next = line.pollFirst();
        if (next == null) {
            free++;
        } else {
            next.admitted = true;
            next.turn.signal();
        }
    }

    /** One caller in line, woken when a finished turn is handed to it. */
    private static final class Waiter {
        private final Condition turn;
        private boolean admitted;

        Waiter(Condition turn) {
            this.turn = turn;
        }
    }
}
