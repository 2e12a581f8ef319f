package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.access.Role;
import dev.pillar.storage.application.port.Lease;
import dev.pillar.storage.application.port.UploadedPart;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.OffsetMismatch;
import dev.pillar.storage.domain.failure.TooLarge;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.failure.UploadExpired;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.upload.UploadSession;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static dev.pillar.storage.application.upload.UploadWorld.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceiveUploadChunkTest {
    private static final Caller BOB = new Caller(Role.AUTHENTICATED, Optional.of("bob-uuid"), "{\"sub\":\"bob-uuid\"}");
    private final UploadWorld world = new UploadWorld();

    @Test
    void six_mebibyte_chunks_become_six_mebibyte_parts_with_nothing_staged_and_the_object_holds_the_same_bytes() {
        byte[] payload = UploadWorld.bytes(14 * MIB + 3, 1);
        String id = world.start(ALICE, "clip.mp4", Optional.of((long) payload.length)).id();

        UploadSession first = world.send(ALICE, id, payload, 0, (int) (6 * MIB));
        assertEquals(6 * MIB, first.offset());
        assertEquals(6 * MIB, world.status.status(ALICE, id).offset(), "the offset is saved with the part");
        ResumableUpload saved = world.sessions.find(id).orElseThrow();
        assertEquals(6 * MIB, saved.partSize(), "the first chunk fitted the parts to the client's chunks");
        assertEquals(List.of(6 * MIB), saved.parts().stream().map(UploadedPart::size).toList());
        assertTrue(saved.tail().isEmpty(), "nothing staged");
        UploadSession second = world.send(ALICE, id, payload, (int) (6 * MIB), (int) (12 * MIB));
        assertEquals(12 * MIB, second.offset());
        assertTrue(world.sessions.find(id).orElseThrow().tail().isEmpty(), "a chunk of the part size: one part");
        UploadSession last = world.sendRest(ALICE, id, payload, (int) (12 * MIB), (int) (6 * MIB));

        assertTrue(last.isComplete());
        StoredObject object = published("clip.mp4");
        assertArrayEquals(payload, stored(object));
        assertEquals(payload.length, object.content().size().bytes());
        assertEquals("video/mp4", object.content().mimeType().value());
        assertEquals("max-age=60", object.content().cacheControl().value());
        assertEquals("{\"take\":1}", object.userMetadata().json());
        assertEquals(Optional.of("alice-uuid"), object.owner());
        assertTrue(object.content().eTag().endsWith("-3"), object.content().eTag());
        assertNothingLeftOf(id);
        assertEquals(1, world.base.store.paths().size(), "only the object's blob remains: " + world.base.store.paths());
    }

    @Test
    void a_first_chunk_larger_than_the_largest_fitted_part_is_cut_into_parts_of_that_size() {
        byte[] payload = UploadWorld.bytes(40 * MIB + 5, 11);
        String id = world.start(ALICE, "whole.bin", Optional.of((long) payload.length)).id();

        world.send(ALICE, id, payload, 0, (int) (35 * MIB));

        ResumableUpload saved = world.sessions.find(id).orElseThrow();
        assertEquals(PartSize.LARGEST_FITTED, saved.partSize());
        assertEquals(List.of(16 * MIB, 16 * MIB), saved.parts().stream().map(UploadedPart::size).toList());
        assertEquals(3 * MIB, saved.tailSize(), "what is left below a part is staged");
        world.send(ALICE, id, payload, (int) (35 * MIB), payload.length);
        assertArrayEquals(payload, stored(published("whole.bin")));
        assertNothingLeftOf(id);
    }

    @Test
    void a_first_chunk_smaller_than_the_planned_part_leaves_the_part_size_as_planned() {
        byte[] payload = UploadWorld.bytes(6 * MIB, 12);
        String id = world.start(ALICE, "steps.bin", Optional.of((long) payload.length)).id();

        world.send(ALICE, id, payload, 0, (int) MIB);

        assertEquals(5 * MIB, world.sessions.find(id).orElseThrow().partSize());
        world.sendRest(ALICE, id, payload, (int) MIB, (int) (2 * MIB));
        assertArrayEquals(payload, stored(published("steps.bin")));
    }

    @Test
    void any_chunk_size_works_small_chunks_are_staged_until_a_part_is_full() {
        byte[] payload = UploadWorld.bytes(11 * MIB + 17, 2);
        String id = world.start(ALICE, "small-steps.bin", Optional.of((long) payload.length)).id();

        world.sendAll(ALICE, id, payload, 700 * 1024 + 1);

        assertArrayEquals(payload, stored(published("small-steps.bin")));
        assertNothingLeftOf(id);
    }

    @Test
    void an_upload_smaller_than_a_part_is_one_short_part() {
        byte[] payload = UploadWorld.bytes(1000, 3);
        String id = world.start(ALICE, "tiny.bin", Optional.of(1000L)).id();

        world.sendAll(ALICE, id, payload, 300);

        assertArrayEquals(payload, stored(published("tiny.bin")));
        assertEquals(1, world.base.store.paths().size());
    }

    @Test
    void a_chunk_at_another_offset_is_a_conflict_and_is_not_read() {
        String id = world.start(ALICE, "a.bin", Optional.of(10L)).id();
        world.send(ALICE, id, UploadWorld.bytes(10, 4), 0, 4);

        OffsetMismatch failure = assertThrows(OffsetMismatch.class, () -> world.receive.receive(
                new ReceiveUploadChunk.Command(ALICE, id, 3, Optional.empty(), 2, StorageFixture.bodyThatMustNotBeRead())));

        assertEquals("Upload-Offset 3 does not match the current offset 4", failure.getMessage());
        assertEquals(4, world.status.status(ALICE, id).offset());
    }

    @Test
    void a_chunk_past_the_declared_length_is_refused_before_it_is_read() {
        String id = world.start(ALICE, "a.bin", Optional.of(10L)).id();

        assertThrows(TooLarge.class, () -> world.receive.receive(new ReceiveUploadChunk.Command(ALICE, id, 0,
                Optional.empty(), 11, StorageFixture.bodyThatMustNotBeRead())));
    }

    @Test
    void an_expired_upload_takes_no_chunk() {
        String id = world.start(ALICE, "a.bin", Optional.of(10L)).id();
        world.base.clock.advance(UploadWorld.LIFETIME);

        assertThrows(UploadExpired.class, () -> world.receive.receive(new ReceiveUploadChunk.Command(ALICE, id, 0,
                Optional.empty(), 1, StorageFixture.bodyThatMustNotBeRead())));
    }

    @Test
    void only_the_user_who_started_it_or_the_service_role_may_continue_an_upload() {
        byte[] payload = UploadWorld.bytes(10, 5);
        String id = world.start(ALICE, "a.bin", Optional.of(10L)).id();

        AccessDenied failure = assertThrows(AccessDenied.class, () -> world.send(BOB, id, payload, 0, 5));
        assertEquals("The upload belongs to another user", failure.getMessage());
        world.send(StorageFixture.SERVICE, id, payload, 0, 5);
        world.send(ALICE, id, payload, 5, 10);

        assertArrayEquals(payload, stored(published("a.bin")));
    }

    @Test
    void an_unknown_upload_is_not_found() {
        assertThrows(NotFound.class, () -> world.send(ALICE, "no-such-upload", new byte[1], 0, 1));
    }

    @Test
    void while_another_request_holds_the_upload_a_chunk_is_a_conflict_until_it_lets_go_or_its_lease_lapses() {
        byte[] payload = UploadWorld.bytes(10, 6);
        String id = world.start(ALICE, "a.bin", Optional.of(10L)).id();
        world.sessions.stealLease(id, new Lease("other-request", world.base.clock.now().plusSeconds(30)));

        OffsetMismatch failure = assertThrows(OffsetMismatch.class, () -> world.send(ALICE, id, payload, 0, 10));
        assertEquals("The upload is being written by another request", failure.getMessage());

        world.base.clock.advance(Duration.ofSeconds(30));
        world.sendAll(ALICE, id, payload, 10);
        assertArrayEquals(payload, stored(published("a.bin")));
    }

    @Test
    void a_request_whose_lease_was_taken_over_stops_and_saves_nothing_more() {
        byte[] payload = UploadWorld.bytes(12 * MIB, 7);
        String id = world.start(ALICE, "a.bin", Optional.of((long) payload.length)).id();
        InputStream body = new ByteArrayInputStream(payload) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                world.sessions.stealLease(id, new Lease("taker", world.base.clock.now().plusSeconds(30)));
                return super.read(b, off, len);
            }
        };

        assertThrows(OffsetMismatch.class, () -> world.receive.receive(new ReceiveUploadChunk.Command(ALICE, id, 0,
                Optional.empty(), payload.length, body)));

        assertEquals(0, world.sessions.find(id).orElseThrow().session().offset());
    }

    @Test
    void a_chunk_cut_off_midway_leaves_the_offset_at_what_was_saved_and_the_upload_resumes_from_there() {
        byte[] payload = UploadWorld.bytes(13 * MIB, 8);
        String id = world.start(ALICE, "a.bin", Optional.of((long) payload.length)).id();
        world.send(ALICE, id, payload, 0, (int) (5 * MIB)); // fits the parts to 5 MiB
        InputStream dying = new ByteArrayInputStream(Arrays.copyOfRange(payload, (int) (5 * MIB), (int) (12 * MIB))) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new UncheckedIOException(new IOException("connection reset"));
                }
                return n;
            }
        };

        assertThrows(UncheckedIOException.class, () -> world.receive.receive(new ReceiveUploadChunk.Command(ALICE, id,
                5 * MIB, Optional.empty(), 8 * MIB, dying)));
        long offset = world.status.status(ALICE, id).offset();
        assertEquals(10 * MIB, offset, "the chunk's first whole part was saved; the bytes after it were not");
        assertFalse(world.sessions.isLeased(id, world.base.clock.now()), "the lease was given back");

        world.send(ALICE, id, payload, (int) offset, payload.length);
        assertArrayEquals(payload, stored(published("a.bin")));
        assertNothingLeftOf(id);
    }

    @Test
    void a_deferred_length_is_declared_by_a_later_chunk_which_then_completes_the_upload() {
        byte[] payload = UploadWorld.bytes(6 * MIB + 5, 9);
        String id = world.start(ALICE, "streamed.bin", Optional.empty()).id();
        world.send(ALICE, id, payload, 0, (int) (3 * MIB));
        world.send(ALICE, id, payload, (int) (3 * MIB), (int) (6 * MIB));

        UploadSession last = world.receive.receive(new ReceiveUploadChunk.Command(ALICE, id, 6 * MIB,
                Optional.of(ByteSize.of(payload.length)), 5, new ByteArrayInputStream(payload, (int) (6 * MIB), 5)));

        assertTrue(last.isComplete());
        assertArrayEquals(payload, stored(published("streamed.bin")));
    }

    @Test
    void a_completion_the_policies_refuse_ends_the_upload_and_leaves_nothing() {
        byte[] payload = UploadWorld.bytes(6 * MIB, 10);
        String id = world.start(ALICE, "a.bin", Optional.of((long) payload.length)).id();
        world.send(ALICE, id, payload, 0, (int) (3 * MIB));
        world.base.metadata.denyWrites();

        assertThrows(AccessDenied.class, () -> world.send(ALICE, id, payload, (int) (3 * MIB), payload.length));

        assertEquals(Optional.empty(), world.base.metadata.object(world.bucket.id(), ObjectName.of("a.bin")));
        assertNothingLeftOf(id);
        assertEquals(0, world.base.store.paths().size(), "no blob: " + world.base.store.paths());
    }

    @Test
    void an_object_created_meanwhile_is_not_overwritten_without_upsert() {
        byte[] payload = UploadWorld.bytes(100, 11);
        String id = world.start(ALICE, "a.bin", Optional.of(100L)).id();
        StoredObject meanwhile = world.base.object(world.bucket, "a.bin", "first");

        assertThrows(AlreadyExists.class, () -> world.send(ALICE, id, payload, 0, 100));

        assertEquals(Optional.of(meanwhile), world.base.metadata.object(world.bucket.id(), ObjectName.of("a.bin")));
        assertNothingLeftOf(id);
    }

    @Test
    void when_the_store_cannot_complete_for_a_while_the_last_chunk_can_be_sent_again() {
        byte[] payload = UploadWorld.bytes(7 * MIB, 12);
        String id = world.start(ALICE, "a.bin", Optional.of((long) payload.length)).id();
        world.send(ALICE, id, payload, 0, (int) (6 * MIB));
        world.multipart.failCompletions(true);

        assertThrows(Unavailable.class, () -> world.send(ALICE, id, payload, (int) (6 * MIB), payload.length));
        assertEquals(6 * MIB, world.status.status(ALICE, id).offset());

        world.multipart.failCompletions(false);
        world.send(ALICE, id, payload, (int) (6 * MIB), payload.length);
        assertArrayEquals(payload, stored(published("a.bin")));
        assertNothingLeftOf(id);
    }

    private StoredObject published(String name) {
        return world.base.metadata.object(world.bucket.id(), ObjectName.of(name)).orElseThrow();
    }

    private byte[] stored(StoredObject object) {
        return world.base.store.bytesAt(world.base.keyOf(object)).orElseThrow();
    }

    private void assertNothingLeftOf(String id) {
        assertEquals(Optional.empty(), world.sessions.find(id), "the session is gone");
        assertEquals(java.util.Set.of(), world.multipart.openUploads(), "no multipart upload is left open");
        assertTrue(world.base.store.paths().stream().noneMatch(path -> path.contains("/tail-")),
                "no staged tail is left: " + world.base.store.paths());
    }
}
