package dev.pillar.storage.domain.upload;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.OffsetMismatch;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.failure.TooLarge;
import dev.pillar.storage.domain.failure.UploadExpired;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.UserMetadata;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadSessionTest {
    private static final Instant NOW = Instant.parse("2024-01-01T12:00:00Z");
    private static final Instant EXPIRES = NOW.plusSeconds(3600);
    private static final ByteSize LIMIT = ByteSize.of(1000);

    @Test
    void starts_created_at_offset_zero() {
        UploadSession session = sessionOf(10);

        assertEquals(UploadState.CREATED, session.state());
        assertEquals(0, session.offset());
        assertFalse(session.isComplete());
    }

    @Nested
    class Receiving {
        @Test
        void goes_created_then_receiving_then_completed_as_chunks_reach_the_length() {
            UploadSession first = sessionOf(10).received(4, NOW);
            assertEquals(UploadState.RECEIVING, first.state());
            assertEquals(4, first.offset());

            UploadSession last = first.received(6, NOW);
            assertEquals(UploadState.COMPLETED, last.state());
            assertEquals(10, last.offset());
            assertTrue(last.isComplete());
        }

        @Test
        void one_byte_short_of_the_length_is_still_receiving() {
            assertEquals(UploadState.RECEIVING, sessionOf(10).received(9, NOW).state());
        }

        @Test
        void admits_a_chunk_at_the_current_offset() {
            UploadSession session = sessionOf(10).received(4, NOW);

            assertDoesNotThrow(() -> session.admitChunk(4, 6, NOW));
        }

        @Test
        void refuses_a_chunk_at_another_offset() {
            UploadSession session = sessionOf(10).received(4, NOW);

            OffsetMismatch failure = assertThrows(OffsetMismatch.class, () -> session.admitChunk(3, 1, NOW));
            assertEquals("Upload-Offset 3 does not match the current offset 4", failure.getMessage());
        }

        @Test
        void refuses_a_chunk_that_would_pass_the_declared_length() {
            UploadSession session = sessionOf(10).received(4, NOW);

            TooLarge failure = assertThrows(TooLarge.class, () -> session.received(7, NOW));
            assertEquals("The object exceeded the maximum allowed size", failure.getMessage());
        }

        @Test
        void an_empty_upload_completes_with_its_first_empty_chunk() {
            assertTrue(sessionOf(0).received(0, NOW).isComplete());
        }
    }

    @Nested
    class Expiry {
        @Test
        void refuses_chunks_once_the_expiry_time_is_reached() {
            UploadSession session = sessionOf(10);

            assertEquals("Upload expired", assertThrows(UploadExpired.class, () -> session.admitChunk(0, 1, EXPIRES)).getMessage());
            assertThrows(UploadExpired.class, () -> session.received(1, EXPIRES.plusSeconds(1)));
        }

        @Test
        void admits_chunks_until_just_before_the_expiry_time() {
            assertDoesNotThrow(() -> sessionOf(10).admitChunk(0, 10, EXPIRES.minusMillis(1)));
        }
    }

    @Nested
    class Finished {
        @Test
        void a_completed_upload_takes_no_more_chunks() {
            UploadSession completed = sessionOf(2).received(2, NOW);

            assertUploadNotFound(() -> completed.admitChunk(2, 0, NOW));
            assertUploadNotFound(() -> completed.received(0, NOW));
        }

        @Test
        void a_completed_upload_is_not_found_rather_than_expired_after_its_expiry() {
            UploadSession completed = sessionOf(2).received(2, NOW);

            assertUploadNotFound(() -> completed.admitChunk(2, 0, EXPIRES.plusSeconds(1)));
        }
    }

    @Nested
    class DeferredLength {
        @Test
        void without_a_length_chunks_never_complete_the_upload() {
            UploadSession session = deferred().received(100, NOW).received(100, NOW);

            assertEquals(UploadState.RECEIVING, session.state());
            assertEquals(200, session.offset());
        }

        @Test
        void completes_once_a_length_is_declared_and_reached() {
            UploadSession session = deferred().received(100, NOW).withLength(ByteSize.of(150));
            assertEquals(Optional.of(ByteSize.of(150)), session.length());

            assertTrue(session.received(50, NOW).isComplete());
        }

        @Test
        void refuses_a_length_below_what_was_already_received() {
            UploadSession session = deferred().received(100, NOW);

            InvalidInput failure = assertThrows(InvalidInput.class, () -> session.withLength(ByteSize.of(99)));
            assertEquals("Upload-Length is below the received offset", failure.getMessage());
        }

        @Test
        void a_declared_length_cannot_change_but_may_be_repeated() {
            UploadSession session = sessionOf(10);

            assertEquals(session, session.withLength(ByteSize.of(10)));
            InvalidInput failure = assertThrows(InvalidInput.class, () -> session.withLength(ByteSize.of(11)));
            assertEquals("Upload-Length cannot change", failure.getMessage());
        }

        private UploadSession deferred() {
            return UploadSession.start("up-1", target(Optional.empty()), Optional.empty(), LIMIT, EXPIRES);
        }
    }

    @Nested
    class Limits {
        @Test
        void a_declared_length_over_the_size_limit_is_refused_at_the_start() {
            assertThrows(TooLarge.class, () -> UploadSession.start("up-1", target(Optional.empty()),
                    Optional.of(ByteSize.of(LIMIT.bytes() + 1)), LIMIT, EXPIRES));
        }

        @Test
        void a_chunk_that_would_pass_the_length_is_refused_before_it_is_read() {
            UploadSession session = sessionOf(10).received(4, NOW);

            assertThrows(TooLarge.class, () -> session.admitChunk(4, 7, NOW));
            assertDoesNotThrow(() -> session.admitChunk(4, 6, NOW));
        }

        @Test
        void without_a_length_the_size_limit_bounds_the_chunks_and_the_later_length() {
            UploadSession deferred = UploadSession.start("up-1", target(Optional.empty()), Optional.empty(), LIMIT, EXPIRES)
                    .received(LIMIT.bytes() - 1, NOW);

            assertThrows(TooLarge.class, () -> deferred.admitChunk(LIMIT.bytes() - 1, 2, NOW));
            assertThrows(TooLarge.class, () -> deferred.received(2, NOW));
            assertThrows(TooLarge.class, () -> deferred.withLength(ByteSize.of(LIMIT.bytes() + 1)));
            assertTrue(deferred.withLength(LIMIT).completesWith(1));
        }
    }

    @Test
    void belongs_to_the_user_who_started_it() {
        assertTrue(sessionOf(1).isOwnedBy(Optional.of("alice")));
        assertFalse(sessionOf(1).isOwnedBy(Optional.of("bob")));
        assertFalse(sessionOf(1).isOwnedBy(Optional.empty()));
    }

    @Test
    void an_offset_outside_the_upload_cannot_exist() {
        assertThrows(IllegalArgumentException.class, () -> new UploadSession("up-1", target(Optional.empty()),
                Optional.of(ByteSize.of(5)), LIMIT, 6, UploadState.RECEIVING, EXPIRES));
        assertThrows(IllegalArgumentException.class, () -> new UploadSession("up-1", target(Optional.empty()),
                Optional.empty(), LIMIT, -1, UploadState.RECEIVING, EXPIRES));
        assertThrows(IllegalArgumentException.class, () -> new UploadSession("up-1", target(Optional.empty()),
                Optional.empty(), LIMIT, LIMIT.bytes() + 1, UploadState.RECEIVING, EXPIRES));
    }

    private static void assertUploadNotFound(org.junit.jupiter.api.function.Executable action) {
        NotFound failure = assertThrows(NotFound.class, action);
        assertEquals(Resource.UPLOAD, failure.resource());
        assertEquals("Upload not found", failure.getMessage());
    }

    private static UploadSession sessionOf(long length) {
        return UploadSession.start("up-1", target(Optional.of("alice")), Optional.of(ByteSize.of(length)), LIMIT,
                EXPIRES);
    }

    private static UploadTarget target(Optional<String> owner) {
        return new UploadTarget(BucketId.of("avatars"), ObjectName.of("me.png"), owner, false, MimeType.of("image/png"),
                CacheControl.DEFAULT, UserMetadata.EMPTY);
    }
}
