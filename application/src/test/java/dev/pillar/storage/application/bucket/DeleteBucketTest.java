package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.BucketNotEmpty;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeleteBucketTest {
    private final StorageFixture world = new StorageFixture();
    private final DeleteBucket delete = new DeleteBucket(world.metadata, world.buckets);

    @Test
    void deletes_an_empty_bucket() {
        Bucket avatars = world.bucket("avatars");

        delete.delete(ALICE, avatars.id());

        assertEquals(Optional.empty(), world.metadata.bucket(avatars.id()));
    }

    @Test
    void the_next_write_in_this_process_finds_the_bucket_gone_at_once() {
        Bucket avatars = world.bucket("avatars");
        world.buckets.of(avatars.id());

        delete.delete(ALICE, avatars.id());

        assertThrows(NotFound.class, () -> world.buckets.of(avatars.id()));
    }

    @Test
    void a_missing_bucket_is_not_found() {
        NotFound failure = assertThrows(NotFound.class, () -> delete.delete(ALICE, BucketId.of("nope")));

        assertEquals(Resource.BUCKET, failure.resource());
        assertEquals("Bucket not found", failure.getMessage());
    }

    @Test
    void a_bucket_that_still_holds_objects_is_kept() {
        Bucket avatars = world.bucket("avatars");
        world.object(avatars, "me.png", "png");

        BucketNotEmpty failure = assertThrows(BucketNotEmpty.class, () -> delete.delete(ALICE, avatars.id()));

        assertEquals("The bucket you tried to delete is not empty", failure.getMessage());
        assertEquals(Optional.of(avatars), world.metadata.bucket(avatars.id()));
    }
}
