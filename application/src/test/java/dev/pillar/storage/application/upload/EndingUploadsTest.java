package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.access.Role;
import dev.pillar.storage.application.port.Lease;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.OffsetMismatch;
import dev.pillar.storage.domain.failure.UploadExpired;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static dev.pillar.storage.application.upload.UploadWorld.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Status, termination and the expiry sweep: how uploads are looked at and how they end without completing. */
class EndingUploadsTest {
    private static final Caller BOB = new Caller(Role.AUTHENTICATED, Optional.of("bob-uuid"), "{\"sub\":\"bob-uuid\"}");
    private final UploadWorld world = new UploadWorld();

    @Test
    void the_status_is_the_saved_offset_for_the_owner_and_refused_to_others() {
        String id = world.start(ALICE, "a.bin", Optional.of(100L)).id();
        world.send(ALICE, id, UploadWorld.bytes(100, 1), 0, 40);

        assertEquals(40, world.status.status(ALICE, id).offset());
        assertThrows(AccessDenied.class, () -> world.status.status(BOB, id));
        assertThrows(NotFound.class, () -> world.status.status(ALICE, "unknown"));
        world.base.clock.advance(UploadWorld.LIFETIME);
        assertThrows(UploadExpired.class, () -> world.status.status(ALICE, id));
    }

    @Test
    void termination_removes_the_parts_the_staged_tail_and_the_session() {
        byte[] payload = UploadWorld.bytes(12 * MIB, 2);
        String id = world.start(ALICE, "a.bin", Optional.of((long) payload.length)).id();
        world.send(ALICE, id, payload, 0, (int) (5 * MIB));
        world.send(ALICE, id, payload, (int) (5 * MIB), (int) (7 * MIB));
        assertEquals(1, world.multipart.openUploads().size());
        assertFalse(world.base.store.paths().isEmpty(), "a tail is staged");

        world.terminate.terminate(ALICE, id);

        assertThrows(NotFound.class, () -> world.status.status(ALICE, id));
        assertEquals(Set.of(), world.multipart.openUploads());
        assertEquals(Set.of(), world.base.store.paths());
    }

    @Test
    void termination_waits_for_no_one_but_refuses_while_another_request_writes() {
        String id = world.start(ALICE, "a.bin", Optional.of(10L)).id();
        world.sessions.stealLease(id, new Lease("writer", world.base.clock.now().plusSeconds(30)));

        assertThrows(OffsetMismatch.class, () -> world.terminate.terminate(ALICE, id));
        assertThrows(AccessDenied.class, () -> world.terminate.terminate(BOB, id));
        assertEquals(1, world.sessions.size());
    }

    @Test
    void the_sweep_removes_expired_uploads_with_their_bytes_and_keeps_the_others() {
        byte[] payload = UploadWorld.bytes(7 * MIB, 3);
        String old = world.start(ALICE, "old.bin", Optional.of((long) payload.length)).id();
        world.send(ALICE, old, payload, 0, (int) (6 * MIB));
        world.base.clock.advance(Duration.ofHours(1));
        String fresh = world.start(ALICE, "fresh.bin", Optional.of(10L)).id();
        world.base.clock.advance(UploadWorld.LIFETIME.minusHours(1));

        assertEquals(1, world.sweep.sweep());

        assertEquals(Optional.empty(), world.sessions.find(old));
        assertTrue(world.sessions.find(fresh).isPresent());
        assertEquals(Set.of(), world.multipart.openUploads());
        assertEquals(Set.of(), world.base.store.paths(), "the staged tail was deleted");
    }

    @Test
    void the_sweep_leaves_an_upload_a_request_still_holds_for_next_time() {
        String id = world.start(ALICE, "a.bin", Optional.of(10L)).id();
        world.base.clock.advance(UploadWorld.LIFETIME);
        world.sessions.stealLease(id, new Lease("writer", world.base.clock.now().plusSeconds(30)));

        assertEquals(0, world.sweep.sweep());
        world.base.clock.advance(Duration.ofSeconds(30));
        assertEquals(1, world.sweep.sweep());
        assertEquals(0, world.sessions.size());
    }
}
