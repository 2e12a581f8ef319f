package dev.pillar.storage.application.port;

import dev.pillar.storage.application.access.Caller;

import java.util.function.Function;

/**
 * Port: the metadata database. Every piece of work runs in one transaction that acts as the
 * caller (their role and claims), so row-level-security policies decide what they see and change.
 * The transaction commits when {@code work} returns and rolls back when it throws.
 */
public interface MetadataStore {

    <T> T inTransaction(Caller caller, Function<Repositories, T> work);

    /** Whether the database answers right now, within a short, bounded time. */
    boolean isHealthy();

    /** The repositories bound to one transaction. */
    record Repositories(BucketRepository buckets, ObjectRepository objects) {
    }
}
