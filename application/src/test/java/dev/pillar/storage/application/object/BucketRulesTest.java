package dev.pillar.storage.application.object;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ByteSize;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.pillar.storage.application.StorageFixture.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BucketRulesTest {
    private static final Duration VALIDITY = Duration.ofSeconds(2);
    private final StorageFixture world = new StorageFixture();
    private final BucketRules rules = new BucketRules(world.metadata, world.clock, VALIDITY, 100);
    private final Bucket docs = world.bucket("docs", limitedTo(1000));

    @Test
    void a_bucket_read_once_is_answered_from_memory_within_its_validity() {
        rules.of(docs.id());
        int transactions = world.metadata.transactionCount();
        world.clock.advance(VALIDITY.minusMillis(1));

        assertEquals(docs, rules.of(docs.id()));
        assertEquals(transactions, world.metadata.transactionCount(), "no transaction for a remembered bucket");
    }

    @Test
    void the_bucket_is_read_as_the_server_so_one_copy_serves_every_caller() {
        rules.of(docs.id());

        assertEquals(List.of(SERVICE), world.metadata.transactionCallers());
    }

    @Test
    void another_instance_s_change_is_obeyed_once_the_validity_ends() {
        rules.of(docs.id());
        Bucket changedElsewhere = docs.withSettings(limitedTo(10), StorageFixture.START);
        world.metadata.put(changedElsewhere);

        world.clock.advance(VALIDITY.minusMillis(1));
        assertEquals(docs, rules.of(docs.id()), "still within the validity period");
        world.clock.advance(Duration.ofMillis(1));
        assertEquals(changedElsewhere, rules.of(docs.id()));
    }

    @Test
    void a_bucket_another_instance_deleted_is_not_found_once_the_validity_ends() {
        rules.of(docs.id());
        world.metadata.inTransaction(SERVICE, repos -> repos.buckets().delete(docs.id()));

        world.clock.advance(VALIDITY);

        NotFound failure = assertThrows(NotFound.class, () -> rules.of(docs.id()));
        assertEquals(Resource.BUCKET, failure.resource());
    }

    @Test
    void a_missing_bucket_is_not_remembered() {
        BucketId later = BucketId.of("later");
        assertThrows(NotFound.class, () -> rules.of(later));

        Bucket created = world.bucket("later");

        assertEquals(created, rules.of(later), "asked again at once, with the clock standing still");
    }

    @Test
    void a_change_through_this_process_is_obeyed_at_once() {
        rules.of(docs.id());
        Bucket changed = docs.withSettings(limitedTo(10), StorageFixture.START);

        rules.changing(docs.id(), () -> {
            world.metadata.put(changed);
            return null;
        });

        assertEquals(changed, rules.of(docs.id()));
    }

    @Test
    void a_failed_change_forgets_the_bucket_too_as_its_commit_may_have_happened() {
        rules.of(docs.id());
        Bucket changed = docs.withSettings(limitedTo(10), StorageFixture.START);

        assertThrows(IllegalStateException.class, () -> rules.changing(docs.id(), () -> {
            world.metadata.put(changed);
            throw new IllegalStateException("connection lost during the commit");
        }));

        assertEquals(changed, rules.of(docs.id()));
    }

    @Test
    void a_read_that_a_change_overtook_is_not_remembered() {
        Bucket changed = docs.withSettings(limitedTo(10), StorageFixture.START);
        OneChangeAfterTheNextTransaction store = new OneChangeAfterTheNextTransaction(world.metadata);
        BucketRules racing = new BucketRules(store, world.clock, VALIDITY, 100);
        store.then(() -> racing.changing(docs.id(), () -> {
            world.metadata.put(changed);
            return null;
        }));

        assertEquals(docs, racing.of(docs.id()), "read before the change committed");
        assertEquals(changed, racing.of(docs.id()), "the older read was not kept");
    }

    @Test
    void a_clock_turned_back_makes_a_remembered_bucket_stale() {
        rules.of(docs.id());
        Bucket changedElsewhere = docs.withSettings(limitedTo(10), StorageFixture.START);
        world.metadata.put(changedElsewhere);

        world.clock.advance(Duration.ofMillis(-1));

        assertEquals(changedElsewhere, rules.of(docs.id()));
    }

    @Test
    void remembers_at_most_its_capacity() {
        BucketRules two = new BucketRules(world.metadata, world.clock, VALIDITY, 2);
        Bucket photos = world.bucket("photos");
        List.of(docs.id(), photos.id(), world.bucket("videos").id()).forEach(two::of);
        world.metadata.put(docs.withSettings(limitedTo(10), StorageFixture.START));
        world.metadata.put(photos.withSettings(limitedTo(10), StorageFixture.START));

        long answeredFromMemory = Stream.of(docs, photos).filter(before -> two.of(before.id()).equals(before)).count();

        assertTrue(answeredFromMemory <= 1, "videos, read last, pushed docs or photos out");
    }

    @Test
    void makes_room_by_dropping_stale_copies_first() {
        BucketRules two = new BucketRules(world.metadata, world.clock, VALIDITY, 2);
        Bucket photos = world.bucket("photos");
        two.of(docs.id());
        world.clock.advance(Duration.ofMillis(1500));
        two.of(photos.id());
        world.clock.advance(Duration.ofSeconds(1)); // docs went stale at 2 s
        two.of(world.bucket("videos").id());
        world.metadata.put(photos.withSettings(limitedTo(10), StorageFixture.START));

        assertEquals(photos, two.of(photos.id()), "docs, stale by now, made room; photos is still remembered");
    }

    @Test
    void a_validity_of_zero_reads_the_bucket_every_time() {
        BucketRules never = new BucketRules(world.metadata, world.clock, Duration.ZERO, 100);
        never.of(docs.id());
        int transactions = world.metadata.transactionCount();

        never.of(docs.id());

        assertEquals(transactions + 1, world.metadata.transactionCount());
    }

    private static BucketSettings limitedTo(long bytes) {
        return new BucketSettings(false, Optional.of(ByteSize.of(bytes)), List.of());
    }

    /** A metadata store that runs one change (another request's) right after its next transaction. */
    private static final class OneChangeAfterTheNextTransaction implements MetadataStore {
        private final MetadataStore delegate;
        private Runnable change = () -> { };

        OneChangeAfterTheNextTransaction(MetadataStore delegate) {
            this.delegate = delegate;
        }

        void then(Runnable next) {
            change = next;
        }

        @Override
        public <T> T inTransaction(Caller caller, Function<Repositories, T> work) {
            T result = delegate.inTransaction(caller, work);
            Runnable now = change;
            change = () -> { };
            now.run();
            return result;
        }

        @Override
        public boolean isHealthy() {
            return delegate.isHealthy();
        }
    }
}
