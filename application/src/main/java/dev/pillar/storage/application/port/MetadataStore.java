package dev.pillar.storage.application.port;

import dev.pillar.storage.application.access.Caller;

import java.util.function.Function;

/**
 * Port: the metadata database. Every piece of work acts as the caller (their role and claims), so
 * row-level-security policies decide what they see and change. A piece of work may run again when the
 * database connection it was given proves dead on its first statement, so it does nothing but metadata work.
 */
public interface MetadataStore {

    /** Work in one transaction, which commits when {@code work} returns and rolls back when it throws. */
    <T> T inTransaction(Caller caller, Function<Repositories, T> work);

    /**
     * Work that only reads; its statements may each run on their own, each seeing committed data. A write
     * attempted in it is refused.
     */
    default <T> T reading(Caller caller, Function<Repositories, T> work) {
        return inTransaction(caller, work);
    }

    /**
     * Work whose one statement writes: the statement runs in a transaction of its own that commits with it, sent
     * in one round trip with the caller's set-up. A second statement in it is refused
     * ({@link IllegalStateException}): work of more statements runs {@link #inTransaction}.
     */
    default <T> T inOneStatement(Caller caller, Function<Repositories, T> work) {
        return inTransaction(caller, work);
    }

    /** Whether the database answers right now, within a short, bounded time. */
    boolean isHealthy();

    /** The repositories bound to one piece of work. */
    record Repositories(BucketRepository buckets, ObjectRepository objects) {
    }
}
