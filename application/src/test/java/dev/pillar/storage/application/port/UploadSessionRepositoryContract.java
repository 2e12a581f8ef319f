package dev.pillar.storage.application.port;

import dev.pillar.storage.application.upload.ResumableUpload;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.UserMetadata;
import dev.pillar.storage.domain.upload.UploadSession;
import dev.pillar.storage.domain.upload.UploadState;
import dev.pillar.storage.domain.upload.UploadTarget;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link UploadSessionRepository} promises; each implementation's test subclasses this and hands
 * over an empty repository (with a bucket {@code videos} where one is needed).
 */
public abstract class UploadSessionRepositoryContract {
    private static final Instant NOW = Instant.parse("2024-03-01T09:00:00Z");

    protected abstract UploadSessionRepository sessions();

    @Test
    void keeps_every_field_of_an_upload_with_its_parts_and_tail() {
        ResumableUpload upload = upload("u-1", Optional.of(ByteSize.of(20_000_000)), NOW.plusSeconds(3600));
        // The part size too: the first chunk fits it to the client's chunks.
        ResumableUpload progressed = new ResumableUpload(upload.session().received(5_000_010, NOW), upload.version(),
                6L * 1024 * 1024, Optional.of("mpu-1"), List.of(new UploadedPart(1, "\"etag-1\"", 5_000_000)),
                List.of(new ResumableUpload.Segment("tail-a", 4), new ResumableUpload.Segment("tail-b", 6)));
        sessions().insert(upload);
        Lease lease = lease("t", 30);
        sessions().lease("u-1", lease, NOW);

        assertTrue(sessions().save(progressed, lease));

        assertEquals(Optional.of(progressed), sessions().find("u-1"));
        assertEquals(Optional.empty(), sessions().find("u-2"));
    }

    @Test
    void keeps_a_deferred_length_as_deferred() {
        ResumableUpload upload = upload("u-1", Optional.empty(), NOW.plusSeconds(3600));
        sessions().insert(upload);

        assertEquals(Optional.of(upload), sessions().find("u-1"));
    }

    @Test
    void one_lease_at_a_time_until_it_is_released_or_lapses() {
        sessions().insert(upload("u-1", Optional.of(ByteSize.of(10)), NOW.plusSeconds(3600)));

        assertTrue(sessions().lease("u-1", lease("first", 30), NOW).isPresent());
        assertEquals(Optional.empty(), sessions().lease("u-1", lease("second", 30), NOW.plusSeconds(29)));
        assertTrue(sessions().lease("u-1", lease("third", 60), NOW.plusSeconds(30)).isPresent(), "a lapsed lease is taken");

        sessions().release("u-1", lease("second", 30));
        assertEquals(Optional.empty(), sessions().lease("u-1", lease("fourth", 30), NOW), "only the holder releases");
        sessions().release("u-1", lease("third", 60));
        assertTrue(sessions().lease("u-1", lease("fifth", 30), NOW).isPresent());
    }

    @Test
    void leasing_an_unknown_upload_is_not_found() {
        assertThrows(NotFound.class, () -> sessions().lease("nope", lease("t", 30), NOW));
    }

    @Test
    void part_numbers_are_handed_out_once_each_and_only_to_the_lease_holder() {
        sessions().insert(upload("u-1", Optional.of(ByteSize.of(10)), NOW.plusSeconds(3600)));
        Lease holder = lease("holder", 30);
        sessions().lease("u-1", holder, NOW);

        assertEquals(OptionalInt.of(1), sessions().nextPartNumber("u-1", holder));
        assertEquals(OptionalInt.of(2), sessions().nextPartNumber("u-1", holder));
        assertEquals(OptionalInt.empty(), sessions().nextPartNumber("u-1", lease("other", 30)));
        sessions().release("u-1", holder);
        Lease next = lease("next", 30);
        sessions().lease("u-1", next, NOW);
        assertEquals(OptionalInt.of(3), sessions().nextPartNumber("u-1", next), "numbers are never handed out again");
    }

    @Test
    void a_save_under_a_lost_lease_changes_nothing() {
        ResumableUpload upload = upload("u-1", Optional.of(ByteSize.of(10)), NOW.plusSeconds(3600));
        sessions().insert(upload);
        sessions().lease("u-1", lease("old", 30), NOW);
        sessions().lease("u-1", lease("new", 30), NOW.plusSeconds(31));

        ResumableUpload progressed = new ResumableUpload(upload.session().received(3, NOW), upload.version(),
                upload.partSize(), Optional.empty(), List.of(), List.of(new ResumableUpload.Segment("tail-x", 3)));
        assertFalse(sessions().save(progressed, lease("old", 30)));
        assertEquals(Optional.of(upload), sessions().find("u-1"));
    }

    @Test
    void lists_the_expired_uploads_oldest_first_up_to_the_limit_and_deletes() {
        sessions().insert(upload("late", Optional.of(ByteSize.of(1)), NOW.minusSeconds(10)));
        sessions().insert(upload("early", Optional.of(ByteSize.of(1)), NOW.minusSeconds(100)));
        sessions().insert(upload("now", Optional.of(ByteSize.of(1)), NOW));
        sessions().insert(upload("future", Optional.of(ByteSize.of(1)), NOW.plusSeconds(1)));

        assertEquals(List.of("early", "late", "now"), ids(sessions().expired(NOW, 10)));
        assertEquals(List.of("early"), ids(sessions().expired(NOW, 1)));

        sessions().delete("early");
        assertEquals(List.of("late", "now"), ids(sessions().expired(NOW, 10)));
    }

    private static List<String> ids(List<ResumableUpload> uploads) {
        return uploads.stream().map(ResumableUpload::id).toList();
    }

    private static Lease lease(String token, long seconds) {
        return new Lease(token, NOW.plusSeconds(seconds));
    }

    private static ResumableUpload upload(String id, Optional<ByteSize> length, Instant expiresAt) {
        UploadTarget target = new UploadTarget(BucketId.of("videos"), ObjectName.of("films/clip ä.mp4"),
                Optional.of("alice-uuid"), true, MimeType.of("video/mp4"), CacheControl.of("max-age=60"),
                new UserMetadata("{\"take\":1}"));
        UploadSession session = new UploadSession(id, target, length, ByteSize.of(50_000_000), 0, UploadState.CREATED,
                expiresAt);
        return new ResumableUpload(session, "version-" + id, 5 * 1024 * 1024, Optional.empty(), List.of(), List.of());
    }
}
