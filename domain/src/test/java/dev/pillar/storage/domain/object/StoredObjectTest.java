package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.bucket.BucketId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredObjectTest {
    private static final Instant UPDATED = Instant.parse("2024-01-01T10:00:00.750Z");
    private static final StoredObject OBJECT = object(UUID.randomUUID(), "v1", "abc123", Optional.of("alice"), UPDATED);

    @Test
    void a_new_object_is_created_updated_and_accessed_now_with_empty_metadata_by_default() {
        StoredObject created = StoredObject.create(UUID.randomUUID(), BucketId.of("b"), ObjectName.of("a.txt"),
                Optional.empty(), "v1", content("e"), null, UPDATED);

        assertEquals(UPDATED, created.createdAt());
        assertEquals(UPDATED, created.updatedAt());
        assertEquals(UPDATED, created.lastAccessedAt());
        assertEquals(UserMetadata.EMPTY, created.userMetadata());
    }

    @Nested
    class IfNoneMatch {
        @ParameterizedTest
        @ValueSource(strings = {"\"abc123\"", "abc123", "W/\"abc123\"", "\"other\", \"abc123\"", "\"other\",W/\"abc123\"", "*"})
        void a_tag_the_client_holds_means_unchanged(String header) {
            assertTrue(OBJECT.isUnchangedFor(Optional.of(header), Optional.empty()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"other\"", "\"abc\"", "\"abc123-1\", \"x\"", "W/\"ABC123\""})
        void any_other_tag_means_changed(String header) {
            assertFalse(OBJECT.isUnchangedFor(Optional.of(header), Optional.empty()));
        }

        @Test
        void wins_over_if_modified_since_when_it_does_not_match() {
            assertFalse(OBJECT.isUnchangedFor(Optional.of("\"other\""), Optional.of(UPDATED.plusSeconds(3600))));
        }

        @Test
        void wins_over_if_modified_since_when_it_matches() {
            assertTrue(OBJECT.isUnchangedFor(Optional.of("\"abc123\""), Optional.of(UPDATED.minusSeconds(3600))));
        }
    }

    @Nested
    class IfModifiedSince {
        @Test
        void the_same_second_as_the_last_change_means_unchanged_despite_the_milliseconds() {
            assertTrue(OBJECT.isUnchangedFor(Optional.empty(), Optional.of(Instant.parse("2024-01-01T10:00:00Z"))));
        }

        @Test
        void a_later_date_means_unchanged() {
            assertTrue(OBJECT.isUnchangedFor(Optional.empty(), Optional.of(UPDATED.plusSeconds(1))));
        }

        @Test
        void an_earlier_second_means_changed() {
            assertFalse(OBJECT.isUnchangedFor(Optional.empty(), Optional.of(Instant.parse("2024-01-01T09:59:59Z"))));
        }
    }

    @Test
    void without_validators_the_object_counts_as_changed() {
        assertFalse(OBJECT.isUnchangedFor(Optional.empty(), Optional.empty()));
    }

    @Test
    void switched_into_a_row_it_keeps_the_rows_identity_and_creation_time_and_takes_everything_else_itself() {
        Instant later = UPDATED.plusSeconds(60);
        StoredObject newer = object(UUID.randomUUID(), "v2", "def456", Optional.of("bob"), later);

        StoredObject switched = newer.switchedInto(OBJECT.id(), OBJECT.createdAt());

        assertEquals(OBJECT.id(), switched.id());
        assertEquals(OBJECT.bucketId(), switched.bucketId());
        assertEquals(OBJECT.name(), switched.name());
        assertEquals(OBJECT.createdAt(), switched.createdAt());
        assertEquals("v2", switched.version());
        assertEquals(newer.content(), switched.content());
        assertEquals(newer.userMetadata(), switched.userMetadata());
        assertEquals(Optional.of("bob"), switched.owner());
        assertEquals(later, switched.updatedAt());
        assertEquals(later, switched.lastAccessedAt());
    }

    private static StoredObject object(UUID id, String version, String eTag, Optional<String> owner, Instant at) {
        return new StoredObject(id, BucketId.of("bucket"), ObjectName.of("folder/file.txt"), owner, version,
                content(eTag), new UserMetadata("{\"v\":\"" + version + "\"}"), at.minusSeconds(3600), at, at);
    }

    private static ObjectContent content(String eTag) {
        return new ObjectContent(ByteSize.of(3), MimeType.of("text/plain"), CacheControl.DEFAULT, eTag);
    }
}
