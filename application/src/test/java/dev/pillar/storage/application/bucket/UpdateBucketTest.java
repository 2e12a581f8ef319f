package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.application.object.UploadObject;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.failure.TooLarge;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.UserMetadata;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static dev.pillar.storage.application.StorageFixture.START;
import static dev.pillar.storage.application.StorageFixture.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UpdateBucketTest {
    private static final List<MimeType> IMAGES = List.of(MimeType.of("image/png"));
    private final StorageFixture world = new StorageFixture();
    private final UpdateBucket update = new UpdateBucket(world.metadata, world.buckets, world.clock);
    private final Bucket avatars = world.bucket("avatars",
            new BucketSettings(true, Optional.of(ByteSize.of(1000)), IMAGES));

    @Test
    void changing_visibility_keeps_the_size_limit_and_the_types() {
        Bucket updated = update.update(new UpdateBucket.Command(ALICE, avatars.id(), Optional.of(false),
                Optional.empty(), Optional.empty()));

        assertEquals(new BucketSettings(false, Optional.of(ByteSize.of(1000)), IMAGES), updated.settings());
        assertEquals(Optional.of(updated), world.metadata.bucket(avatars.id()));
    }

    @Test
    void changing_the_size_limit_keeps_visibility_and_types() {
        Bucket updated = update.update(new UpdateBucket.Command(ALICE, avatars.id(), Optional.empty(),
                Optional.of(Optional.of(ByteSize.of(5))), Optional.empty()));

        assertEquals(new BucketSettings(true, Optional.of(ByteSize.of(5)), IMAGES), updated.settings());
    }

    @Test
    void an_explicitly_empty_size_limit_removes_the_limit() {
        Bucket updated = update.update(new UpdateBucket.Command(ALICE, avatars.id(), Optional.empty(),
                Optional.of(Optional.empty()), Optional.empty()));

        assertEquals(new BucketSettings(true, Optional.empty(), IMAGES), updated.settings());
    }

    @Test
    void an_empty_list_of_types_accepts_every_type_again() {
        Bucket updated = update.update(new UpdateBucket.Command(ALICE, avatars.id(), Optional.empty(),
                Optional.empty(), Optional.of(List.of())));

        assertEquals(new BucketSettings(true, Optional.of(ByteSize.of(1000)), List.of()), updated.settings());
    }

    @Test
    void touches_the_update_time_only() {
        world.clock.advance(Duration.ofHours(1));

        Bucket updated = update.update(new UpdateBucket.Command(ALICE, avatars.id(), Optional.of(false),
                Optional.empty(), Optional.empty()));

        assertEquals(START, updated.createdAt());
        assertEquals(START.plus(Duration.ofHours(1)), updated.updatedAt());
    }

    @Test
    void the_next_upload_in_this_process_obeys_the_change_at_once() {
        UploadObject upload = new UploadObject(world.metadata, world.buckets, world.store, world.cleaner,
                world.settings, world.ids, world.clock);
        upload.upload(pngOf(10, "first.png"));

        update.update(new UpdateBucket.Command(ALICE, avatars.id(), Optional.empty(),
                Optional.of(Optional.of(ByteSize.of(5))), Optional.empty()));

        assertThrows(TooLarge.class, () -> upload.upload(pngOf(10, "second.png")));
    }

    @Test
    void a_missing_bucket_is_not_found() {
        NotFound failure = assertThrows(NotFound.class, () -> update.update(new UpdateBucket.Command(ALICE,
                BucketId.of("nope"), Optional.of(true), Optional.empty(), Optional.empty())));

        assertEquals(Resource.BUCKET, failure.resource());
    }

    @Test
    void a_caller_the_policies_refuse_changes_nothing() {
        world.metadata.denyWrites();

        assertThrows(AccessDenied.class, () -> update.update(new UpdateBucket.Command(ALICE, avatars.id(),
                Optional.of(false), Optional.empty(), Optional.empty())));
        assertEquals(Optional.of(avatars), world.metadata.bucket(avatars.id()));
    }

    private UploadObject.Command pngOf(int size, String name) {
        return new UploadObject.Command(ALICE, avatars.id(), ObjectName.of(name), false, MimeType.of("image/png"),
                CacheControl.DEFAULT, UserMetadata.EMPTY, OptionalLong.empty(), body("x".repeat(size)));
    }
}
