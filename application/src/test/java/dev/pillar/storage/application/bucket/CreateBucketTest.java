package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.MimeType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static dev.pillar.storage.application.StorageFixture.SERVICE;
import static dev.pillar.storage.application.StorageFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CreateBucketTest {
    private static final BucketSettings PUBLIC_IMAGES = new BucketSettings(true, Optional.of(ByteSize.of(2048)),
            List.of(MimeType.of("image/*")));
    private final StorageFixture world = new StorageFixture();
    private final CreateBucket create = new CreateBucket(world.metadata, world.buckets, world.clock);

    @Test
    void creates_a_bucket_owned_by_the_caller_with_the_given_settings() {
        Bucket created = create.create(new CreateBucket.Command(ALICE, BucketId.of("avatars"), PUBLIC_IMAGES));

        assertEquals("avatars", created.name());
        assertEquals(Optional.of("alice-uuid"), created.owner());
        assertEquals(PUBLIC_IMAGES, created.settings());
        assertEquals(START, created.createdAt());
        assertEquals(Optional.of(created), world.metadata.bucket(BucketId.of("avatars")));
    }

    @Test
    void a_bucket_created_anew_is_obeyed_at_once_where_a_deleted_one_of_that_name_was_remembered() {
        BucketId avatars = world.bucket("avatars").id();
        world.buckets.of(avatars);
        world.metadata.inTransaction(SERVICE, repos -> repos.buckets().delete(avatars)); // by another instance

        Bucket created = create.create(new CreateBucket.Command(ALICE, avatars, PUBLIC_IMAGES));

        assertEquals(created, world.buckets.of(avatars));
    }

    @Test
    void a_taken_id_is_a_duplicate_and_the_existing_bucket_stays_as_it_was() {
        Bucket existing = world.bucket("avatars");

        AlreadyExists failure = assertThrows(AlreadyExists.class,
                () -> create.create(new CreateBucket.Command(ALICE, BucketId.of("avatars"), PUBLIC_IMAGES)));

        assertEquals(Resource.BUCKET, failure.resource());
        assertEquals(Optional.of(existing), world.metadata.bucket(existing.id()));
    }

    @Test
    void a_caller_the_policies_refuse_creates_nothing() {
        world.metadata.denyWrites();

        assertThrows(AccessDenied.class,
                () -> create.create(new CreateBucket.Command(ALICE, BucketId.of("avatars"), PUBLIC_IMAGES)));
        assertEquals(Optional.empty(), world.metadata.bucket(BucketId.of("avatars")));
    }
}
