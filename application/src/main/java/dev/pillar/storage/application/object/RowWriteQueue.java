package dev.pillar.storage.application.object;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Writes that lock one object's row wait for each other here, in memory and in arrival order, before they
 * take a database connection. Without it every concurrent writer of a hot name holds a pooled connection
 * while PostgreSQL makes it wait for the row lock, and a burst of upserts of one key drains the pool for
 * every other request (they time out with 503). The row lock stays the guarantee across server instances;
 * this queue only keeps one instance's waiters off the pool. It is per process on purpose: the connections
 * it saves are the process's.
 */
final class RowWriteQueue {
    private static final ConcurrentHashMap<Key, Entry> ENTRIES = new ConcurrentHashMap<>();

    private RowWriteQueue() {
    }

    /** Runs {@code work} once no other writer of {@code name} in {@code bucket} runs in this process. */
    static <T> T exclusively(BucketId bucket, ObjectName name, Supplier<T> work) {
        Key key = new Key(bucket, name);
        Entry entry = ENTRIES.compute(key, (k, held) -> (held == null ? new Entry() : held).join());
        entry.lock.lock();
        try {
            return work.get();
        } finally {
            entry.lock.unlock();
            ENTRIES.computeIfPresent(key, (k, held) -> held.leave() ? null : held);
        }
    }

    private record Key(BucketId bucket, ObjectName name) {
    }

    /** One name's lock and how many writers hold or await it; changed only inside the map's compute. */
    private static final class Entry {
        private final ReentrantLock lock = new ReentrantLock(true);
        private int writers;

        Entry join() {
            writers++;
            return this;
        }

        /** Whether the last writer left, so the entry can go. */
        boolean leave() {
            return --writers == 0;
        }
    }
}
