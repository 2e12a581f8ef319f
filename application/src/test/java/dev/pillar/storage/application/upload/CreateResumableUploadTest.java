package dev.pillar.storage.application.upload;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.failure.MimeTypeNotAllowed;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.failure.TooLarge;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import dev.pillar.storage.domain.upload.UploadSession;
import dev.pillar.storage.domain.upload.UploadState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateResumableUploadTest {
    private final UploadWorld world = new UploadWorld();

    @Test
    void starts_a_session_owned_by_the_caller_that_expires_after_its_lifetime_and_stores_nothing_yet() {
        UploadSession session = world.start(ALICE, "clip.mp4", Optional.of(1000L));

        assertEquals(UploadState.CREATED, session.state());
        assertEquals(0, session.offset());
        assertEquals(Optional.of("alice-uuid"), session.target().owner());
        assertEquals(world.base.clock.now().plus(UploadWorld.LIFETIME), session.expiresAt());
        assertEquals(Optional.of(session), world.sessions.find(session.id()).map(ResumableUpload::session));
        assertEquals(List.of(), world.base.metadata.objectsIn(world.bucket.id()), "the rehearsed insert was undone");
        assertEquals(List.of(ALICE), world.base.metadata.transactionCallers().stream()
                .filter(caller -> caller.equals(ALICE)).toList(), "policies were asked as the caller");
    }

    @Test
    void a_zero_byte_upload_is_published_at_once_and_keeps_no_session() {
        UploadSession session = world.start(ALICE, "empty.txt", Optional.of(0L));

        assertTrue(session.isComplete());
        StoredObject object = world.base.metadata.object(world.bucket.id(), ObjectName.of("empty.txt")).orElseThrow();
        assertEquals(0, object.content().size().bytes());
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", object.content().eTag());
        assertEquals(0, world.sessions.size());
    }

    @Test
    void a_length_over_the_buckets_limit_is_refused_at_creation() {
        world.base.bucket("small", new BucketSettings(false, Optional.of(ByteSize.of(100)), List.of()));

        assertThrows(TooLarge.class, () -> world.create.create(command("small", "a.bin", Optional.of(101L))));
        assertEquals(0, world.sessions.size());
    }

    @Test
    void a_type_the_bucket_does_not_allow_is_refused_at_creation() {
        world.base.bucket("images", new BucketSettings(false, Optional.empty(), List.of(MimeType.of("image/*"))));

        assertThrows(MimeTypeNotAllowed.class, () -> world.create.create(command("images", "a.mp4", Optional.of(1L))));
    }

    @Test
    void a_missing_bucket_is_not_found() {
        NotFound failure = assertThrows(NotFound.class, () -> world.create.create(command("nope", "a", Optional.of(1L))));
        assertEquals(Resource.BUCKET, failure.resource());
    }

    @Test
    void a_caller_whose_policies_refuse_the_write_is_refused_before_sending_anything() {
        world.base.metadata.denyWrites();

        assertThrows(AccessDenied.class, () -> world.start(ALICE, "a.bin", Optional.of(10L)));
        assertEquals(0, world.sessions.size());
    }

    @Test
    void an_existing_object_is_refused_unless_the_upload_may_overwrite_it() {
        world.base.object(world.bucket, "taken.bin", "old");

        assertThrows(AlreadyExists.class, () -> world.start(ALICE, "taken.bin", Optional.of(10L)));
        assertEquals(0, world.sessions.size());
    }

    private static CreateResumableUpload.Command command(String bucket, String name, Optional<Long> length) {
        return new CreateResumableUpload.Command(ALICE, BucketId.of(bucket), ObjectName.of(name), false,
                MimeType.of("video/mp4"), CacheControl.DEFAULT, UserMetadata.EMPTY, length.map(ByteSize::of));
    }
}
