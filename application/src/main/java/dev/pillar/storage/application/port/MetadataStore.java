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

    /** The repositories bound to one transaction, and whom that transaction acts as. */
    record Repositories(BucketRepository buckets, ObjectRepository objects, CallerSwitch callerSwitch) {
        /**
         * These same repositories, the transaction acting as {@code caller} from now on (their role and claims),
         * so the statements that follow see and change what that caller's policies allow: one transaction can
         * read as the server, then as the caller, without a second transaction. A transaction acts as one caller
         * at a time, so repositories handed out before act as {@code caller} too.
         */
        public Repositories actingAs(Caller caller) {
            callerSwitch.actAs(caller);
            return this;
        }
    }

    /** Changes whom one transaction acts as, for its statements that follow; nothing to do if it already does. */
    @FunctionalInterface
    interface CallerSwitch {
        void actAs(Caller caller);
    }
}
