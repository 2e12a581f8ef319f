package dev.pillar.storage.domain.bucket;

import dev.pillar.storage.domain.failure.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BucketIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"avatars", "My_Bucket-2", "with space", "odd!.*'()&$=@;:+,?-chars", "..."})
    void accepts_names_from_supabases_safe_set(String raw) {
        assertEquals(raw, BucketId.of(raw).value());
    }

    @Test
    void accepts_a_name_of_exactly_100_characters() {
        String hundred = "b".repeat(100);

        assertEquals(hundred, BucketId.of(hundred).toString());
    }

    @Test
    void refuses_a_name_longer_than_100_characters() {
        assertInvalidBucketName("b".repeat(101));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refuses_a_missing_or_empty_name(String raw) {
        assertInvalidBucketName(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "/avatars", "avatars/"})
    void refuses_a_slash_because_a_bucket_is_not_a_folder(String raw) {
        assertInvalidBucketName(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void refuses_the_dot_names_that_would_escape_a_directory(String raw) {
        assertInvalidBucketName(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"café", "日本", "tab\there", "new\nline", "quote\"d", "back\\slash", "per%cent", "hash#"})
    void refuses_characters_outside_the_safe_set(String raw) {
        assertInvalidBucketName(raw);
    }

    private static void assertInvalidBucketName(String raw) {
        InvalidInput failure = assertThrows(InvalidInput.class, () -> BucketId.of(raw));
        assertEquals(InvalidInput.Reason.INVALID_BUCKET_NAME, failure.reason());
        assertEquals("Bucket name invalid", failure.getMessage());
    }
}
