package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.StoredObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.IntStream;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmptyBucketTest {
    private final StorageFixture world = new StorageFixture();
    /** Holds background work until the test runs it, so "later" is observable. */
    private final Queue<Runnable> queued = new ArrayDeque<>();
    private final EmptyBucket empty = new EmptyBucket(world.metadata, world.cleaner, queued::add);
    private final Bucket docs = world.bucket("docs");

    @Test
    void a_bucket_of_one_batch_is_empty_when_the_call_returns_and_keeps_the_bucket() {
        world.object(docs, "a.txt", "a");
        world.object(docs, "folder/b.txt", "b");

        empty.empty(ALICE, docs.id());

        assertEquals(List.of(), world.metadata.objectsIn(docs.id()));
        assertEquals(Set.of(), world.store.paths());
        assertEquals(Optional.of(docs), world.metadata.bucket(docs.id()));
        assertEquals(0, queued.size(), "nothing left for the background");
    }

    @Test
    void a_larger_bucket_loses_its_first_batch_at_once_and_the_rest_in_the_background_in_short_transactions() {
        IntStream.range(0, 2500).forEach(i -> world.object(docs, "file-%04d.txt".formatted(i), "x"));
        int transactionsBefore = world.metadata.transactionCallers().size();

        empty.empty(ALICE, docs.id());

        assertEquals(1500, world.metadata.objectsIn(docs.id()).size(), "the first batch went before the answer");
        assertEquals(1, queued.size());
        queued.poll().run();
        assertEquals(List.of(), world.metadata.objectsIn(docs.id()));
        assertEquals(Set.of(), world.store.paths());
        List<Caller> transactions = world.metadata.transactionCallers().subList(transactionsBefore,
                world.metadata.transactionCallers().size());
        assertEquals(1 + 3, transactions.size(), "one look-up, then batches of 1000, 1000 and 500");
        assertEquals(List.of(ALICE), transactions.stream().distinct().toList(), "every batch acts as the caller");
    }

    @Test
    void when_the_background_is_full_the_request_empties_the_bucket_itself() {
        IntStream.range(0, 1200).forEach(i -> world.object(docs, "file-%04d.txt".formatted(i), "x"));
        Executor full = task -> {
            throw new RejectedExecutionException("full");
        };

        new EmptyBucket(world.metadata, world.cleaner, full).empty(ALICE, docs.id());

        assertEquals(List.of(), world.metadata.objectsIn(docs.id()));
        assertEquals(Set.of(), world.store.paths());
    }

    @Test
    void a_failing_background_batch_is_logged_not_thrown_into_the_executor() {
        IntStream.range(0, 1001).forEach(i -> world.object(docs, "file-%04d.txt".formatted(i), "x"));
        empty.empty(ALICE, docs.id());
        world.metadata.setFailing(true);

        queued.poll().run();

        assertEquals(1, world.metadata.objectsIn(docs.id()).size(), "the failed batch changed nothing");
    }

    @Test
    void leaves_other_buckets_alone() {
        Bucket other = world.bucket("other");
        StoredObject kept = world.object(other, "a.txt", "kept");
        world.object(docs, "a.txt", "gone");

        empty.empty(ALICE, docs.id());

        assertEquals(List.of(kept), world.metadata.objectsIn(other.id()));
        assertEquals(Set.of(world.keyOf(kept).path()), world.store.paths());
    }

    @Test
    void a_missing_bucket_is_not_found() {
        NotFound failure = assertThrows(NotFound.class, () -> empty.empty(ALICE, BucketId.of("nope")));

        assertEquals(Resource.BUCKET, failure.resource());
    }
}
