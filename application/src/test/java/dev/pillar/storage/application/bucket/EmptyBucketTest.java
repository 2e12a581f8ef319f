package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.StoredObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmptyBucketTest {
    private final StorageFixture world = new StorageFixture();
    private final EmptyBucket empty = new EmptyBucket(world.metadata, world.cleaner);
    private final Bucket docs = world.bucket("docs");

    @Test
    void removes_every_row_and_every_blob_but_keeps_the_bucket() {
        world.object(docs, "a.txt", "a");
        world.object(docs, "folder/b.txt", "b");

        empty.empty(ALICE, docs.id());

        assertEquals(List.of(), world.metadata.objectsIn(docs.id()));
        assertEquals(Set.of(), world.store.paths());
        assertEquals(Optional.of(docs), world.metadata.bucket(docs.id()));
    }

    @Test
    void empties_a_bucket_larger_than_one_batch_in_several_short_transactions() {
        IntStream.range(0, 2500).forEach(i -> world.object(docs, "file-%04d.txt".formatted(i), "x"));
        int transactionsBefore = world.metadata.transactionCallers().size();

        empty.empty(ALICE, docs.id());

        assertEquals(List.of(), world.metadata.objectsIn(docs.id()));
        assertEquals(Set.of(), world.store.paths());
        List<Caller> transactions = world.metadata.transactionCallers().subList(transactionsBefore,
                world.metadata.transactionCallers().size());
        assertEquals(1 + 3, transactions.size(), "one look-up, then batches of 1000, 1000 and 500");
        assertEquals(List.of(ALICE), transactions.stream().distinct().toList(), "every batch acts as the caller");
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
