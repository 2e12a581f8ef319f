package dev.pillar.storage.application.fakes;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Test fake of the metadata database. A transaction ({@link InMemoryTransaction}) works on a private
 * copy and merges its changes into the committed state only when {@code work} returns, so a throwing
 * work leaves no trace. Two switches stand in for row-level security, for every caller but
 * service_role: {@link #denyWrites()} (bucket and object inserts and updates refused) and
 * {@link #hideObjects()} (object rows invisible, as a SELECT policy makes them).
 */
public final class InMemoryMetadataStore implements MetadataStore {
    private final Map<BucketId, Bucket> buckets = new HashMap<>();
    private final Map<ObjectKey, StoredObject> objects = new HashMap<>();
    private final List<Caller> callers = new ArrayList<>();
    private int transactions;
    private int oneStatementWorks;
    private volatile boolean writesDenied;
    private volatile boolean objectsHidden;
    private volatile boolean healthy = true;
    private volatile boolean failing;
    private Consumer<StoredObject> beforeNextObjectInsert = row -> { };

    /** Where an object row lives: unique per bucket and name. */
    record ObjectKey(BucketId bucketId, ObjectName name) {
        static ObjectKey of(StoredObject object) {
            return new ObjectKey(object.bucketId(), object.name());
        }
    }

    @Override
    public <T> T inTransaction(Caller caller, Function<Repositories, T> work) {
        if (failing) {
            throw new Unavailable(Unavailable.Service.DATABASE, "the fake database is down", null);
        }
        InMemoryTransaction tx;
        synchronized (this) {
            callers.add(caller);
            transactions++;
            tx = new InMemoryTransaction(this, caller, Map.copyOf(buckets), Map.copyOf(objects));
        }
        T result = work.apply(new Repositories(tx, tx));
        synchronized (this) {
            merge(tx.bucketsBefore(), tx.buckets(), buckets);
            merge(tx.objectsBefore(), tx.objects(), objects);
        }
        return result;
    }

    /** A transaction like any other (the fake has no round trips to save), counted apart as well. */
    @Override
    public <T> T inOneStatement(Caller caller, Function<Repositories, T> work) {
        synchronized (this) {
            oneStatementWorks++;
        }
        return inTransaction(caller, work);
    }

    @Override
    public boolean isHealthy() {
        return healthy;
    }

    // Arranging and inspecting the committed state, bypassing transactions and policies.

    public synchronized void put(Bucket bucket) {
        buckets.put(bucket.id(), bucket);
    }

    public synchronized void put(StoredObject object) {
        objects.put(ObjectKey.of(object), object);
    }

    /** What a concurrent removal does to the committed rows. */
    public synchronized void remove(StoredObject object) {
        objects.remove(ObjectKey.of(object));
    }

    public synchronized Optional<Bucket> bucket(BucketId id) {
        return Optional.ofNullable(buckets.get(id));
    }

    public synchronized Optional<StoredObject> object(BucketId bucketId, ObjectName name) {
        return Optional.ofNullable(objects.get(new ObjectKey(bucketId, name)));
    }

    public synchronized List<StoredObject> objectsIn(BucketId bucketId) {
        return InMemoryTransaction.sortedIn(objects, bucketId);
    }

    /** Whom the transactions acted as, in order. */
    public synchronized List<Caller> transactionCallers() {
        return List.copyOf(callers);
    }

    /** How many transactions ran. */
    public synchronized int transactionCount() {
        return transactions;
    }

    /** How many of the transactions were work of one statement ({@link #inOneStatement}). */
    public synchronized int oneStatementCount() {
        return oneStatementWorks;
    }

    // Switches.

    public void denyWrites() {
        writesDenied = true;
    }

    public void hideObjects() {
        objectsHidden = true;
    }

    public void setHealthy(boolean healthy) {
        this.healthy = healthy;
    }

    /** While set, every transaction fails as with the database down. */
    public void setFailing(boolean failing) {
        this.failing = failing;
    }

    /** Runs {@code action} (a concurrent upload, say) just before the next object insert checks for duplicates. */
    public void beforeNextObjectInsert(Runnable action) {
        beforeNextObjectInsert(row -> action.run());
    }

    /** As {@link #beforeNextObjectInsert(Runnable)}, given the row about to be inserted. */
    public synchronized void beforeNextObjectInsert(Consumer<StoredObject> action) {
        beforeNextObjectInsert = action;
    }

    boolean writesDenied() {
        return writesDenied;
    }

    boolean objectsHidden() {
        return objectsHidden;
    }

    synchronized Consumer<StoredObject> takeBeforeNextObjectInsert() {
        Consumer<StoredObject> action = beforeNextObjectInsert;
        beforeNextObjectInsert = row -> { };
        return action;
    }

    private static <K, V> void merge(Map<K, V> before, Map<K, V> after, Map<K, V> committed) {
        before.keySet().stream().filter(key -> !after.containsKey(key)).forEach(committed::remove);
        after.forEach((key, value) -> {
            if (!Objects.equals(before.get(key), value)) {
                committed.put(key, value);
            }
        });
    }
}
