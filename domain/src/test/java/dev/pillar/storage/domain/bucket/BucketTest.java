package dev.pillar.storage.domain.bucket;

import dev.pillar.storage.domain.failure.MimeTypeNotAllowed;
import dev.pillar.storage.domain.failure.TooLarge;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.MimeType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BucketTest {
    private static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");
    private static final ByteSize GLOBAL = ByteSize.of(1000);

    @Test
    void a_new_bucket_is_named_after_its_id_and_created_and_updated_now() {
        Bucket bucket = Bucket.create(BucketId.of("avatars"), Optional.of("user-1"),
                BucketSettings.privateDefaults(), CREATED);

        assertEquals("avatars", bucket.name());
        assertEquals(Optional.of("user-1"), bucket.owner());
        assertEquals(CREATED, bucket.createdAt());
        assertEquals(CREATED, bucket.updatedAt());
        assertFalse(bucket.isPublic());
    }

    @Test
    void new_settings_touch_the_update_time_but_not_the_creation_time() {
        Instant later = CREATED.plusSeconds(60);
        BucketSettings publicSettings = new BucketSettings(true, Optional.empty(), List.of());

        Bucket changed = bucketWith(BucketSettings.privateDefaults()).withSettings(publicSettings, later);

        assertTrue(changed.isPublic());
        assertEquals(CREATED, changed.createdAt());
        assertEquals(later, changed.updatedAt());
    }

    @Nested
    class UploadLimit {
        @Test
        void is_the_global_limit_when_the_bucket_sets_none() {
            assertEquals(GLOBAL, bucketWithLimit(Optional.empty()).uploadLimit(GLOBAL));
        }

        @Test
        void is_the_buckets_own_limit_when_it_is_lower() {
            assertEquals(ByteSize.of(10), bucketWithLimit(Optional.of(ByteSize.of(10))).uploadLimit(GLOBAL));
        }

        @Test
        void never_exceeds_the_global_limit() {
            assertEquals(GLOBAL, bucketWithLimit(Optional.of(ByteSize.of(5000))).uploadLimit(GLOBAL));
        }

        @Test
        void admits_a_size_exactly_at_the_limit() {
            assertDoesNotThrow(() -> bucketWithLimit(Optional.of(ByteSize.of(10))).admitSize(ByteSize.of(10), GLOBAL));
        }

        @Test
        void refuses_a_size_one_byte_over_the_bucket_limit() {
            Bucket bucket = bucketWithLimit(Optional.of(ByteSize.of(10)));

            TooLarge failure = assertThrows(TooLarge.class, () -> bucket.admitSize(ByteSize.of(11), GLOBAL));
            assertEquals("The object exceeded the maximum allowed size", failure.getMessage());
        }

        @Test
        void refuses_a_size_over_the_global_limit_even_if_the_bucket_allows_more() {
            Bucket bucket = bucketWithLimit(Optional.of(ByteSize.of(5000)));

            assertThrows(TooLarge.class, () -> bucket.admitSize(ByteSize.of(1001), GLOBAL));
        }
    }

    @Nested
    class ContentTypes {
        @Test
        void an_empty_list_admits_every_type() {
            Bucket bucket = bucketAllowing();

            assertDoesNotThrow(() -> bucket.admitContentType(MimeType.of("application/x-anything")));
        }

        @Test
        void a_listed_type_is_admitted_whatever_its_parameters_and_case() {
            Bucket bucket = bucketAllowing("text/plain");

            assertDoesNotThrow(() -> bucket.admitContentType(MimeType.of("Text/Plain;charset=UTF-8")));
        }

        @Test
        void a_type_wildcard_admits_every_subtype() {
            Bucket bucket = bucketAllowing("image/*");

            assertDoesNotThrow(() -> bucket.admitContentType(MimeType.of("image/png")));
            assertDoesNotThrow(() -> bucket.admitContentType(MimeType.of("image/svg+xml")));
        }

        @Test
        void the_full_wildcard_admits_anything() {
            assertDoesNotThrow(() -> bucketAllowing("*/*").admitContentType(MimeType.of("video/mp4")));
        }

        @Test
        void any_matching_entry_of_the_list_is_enough() {
            assertDoesNotThrow(() -> bucketAllowing("image/png", "application/pdf")
                    .admitContentType(MimeType.of("application/pdf")));
        }

        @Test
        void an_unlisted_type_is_refused_with_its_name_in_the_message() {
            Bucket bucket = bucketAllowing("image/png", "image/jpeg");

            MimeTypeNotAllowed failure = assertThrows(MimeTypeNotAllowed.class,
                    () -> bucket.admitContentType(MimeType.of("image/gif")));
            assertEquals("mime type image/gif is not supported", failure.getMessage());
        }

        @Test
        void a_type_wildcard_does_not_admit_another_type() {
            assertThrows(MimeTypeNotAllowed.class,
                    () -> bucketAllowing("image/*").admitContentType(MimeType.of("text/html")));
        }
    }

    private static Bucket bucketWithLimit(Optional<ByteSize> limit) {
        return bucketWith(new BucketSettings(false, limit, List.of()));
    }

    private static Bucket bucketAllowing(String... types) {
        List<MimeType> allowed = java.util.Arrays.stream(types).map(MimeType::of).toList();
        return bucketWith(new BucketSettings(false, Optional.empty(), allowed));
    }

    private static Bucket bucketWith(BucketSettings settings) {
        return Bucket.create(BucketId.of("bucket"), Optional.empty(), settings, CREATED);
    }
}
