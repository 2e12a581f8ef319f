package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.failure.InvalidInput;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ObjectNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"file.png", "folder/sub/file.png", "with space & $ @ = ; : + , ? ! * ' ( ).txt",
            ".hidden", "a..b", "...", "café/naïve résumé.pdf", "日本語/ファイル.txt", "emoji 😀.png"})
    void accepts_any_utf8_path_of_regular_segments(String raw) {
        assertEquals(raw, ObjectName.of(raw).value());
    }

    @Nested
    class ByteLength {
        @Test
        void accepts_1024_ascii_characters() {
            assertEquals(1024, ObjectName.of("a".repeat(1024)).value().length());
        }

        @Test
        void refuses_1025_ascii_characters() {
            assertInvalidKey("a".repeat(1025));
        }

        @Test
        void counts_utf8_bytes_not_characters_for_two_byte_characters() {
            String atLimit = "é".repeat(512);
            String overLimit = "é".repeat(513);
            assertEquals(1024, atLimit.getBytes(StandardCharsets.UTF_8).length);

            assertEquals(atLimit, ObjectName.of(atLimit).value());
            assertInvalidKey(overLimit);
        }

        @Test
        void counts_utf8_bytes_not_characters_for_three_byte_characters() {
            String atLimit = "a" + "日".repeat(341);
            String overLimit = "ab" + "日".repeat(341);
            assertEquals(1024, atLimit.getBytes(StandardCharsets.UTF_8).length);

            assertEquals(atLimit, ObjectName.of(atLimit).value());
            assertInvalidKey(overLimit);
        }

        @Test
        void counts_the_bytes_of_every_segment_of_a_mixed_name() {
            String atLimit = "é/".repeat(255) + "日😀a";
            String padded = atLimit + "b".repeat(1024 - atLimit.getBytes(StandardCharsets.UTF_8).length);
            assertEquals(1024, padded.getBytes(StandardCharsets.UTF_8).length);

            assertEquals(padded, ObjectName.of(padded).value());
            assertInvalidKey(padded + "c");
        }

        @Test
        void counts_utf8_bytes_not_characters_for_four_byte_characters() {
            String atLimit = "😀".repeat(256);
            String overLimit = "😀".repeat(257);
            assertEquals(1024, atLimit.getBytes(StandardCharsets.UTF_8).length);

            assertEquals(atLimit, ObjectName.of(atLimit).value());
            assertInvalidKey(overLimit);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refuses_a_missing_or_empty_name(String raw) {
        InvalidInput failure = assertThrows(InvalidInput.class, () -> ObjectName.of(raw));
        assertEquals("Invalid key: ", failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/leading", "trailing/", "a//b", "/"})
    void refuses_empty_segments_including_a_leading_slash(String raw) {
        assertInvalidKey(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "./a", "a/.", "a/./b", "../a", "a/..", "a/../b"})
    void refuses_dot_segments_that_would_walk_the_tree(String raw) {
        assertInvalidKey(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\nbreak", "tab\there", "del\u007f", "c1\u0085control", "bad\uFFFDdecode"})
    void refuses_control_characters_and_the_replacement_character(String raw) {
        assertThrows(InvalidInput.class, () -> ObjectName.of(raw));
    }

    @Test
    void shows_control_characters_as_question_marks_in_the_message() {
        InvalidInput failure = assertThrows(InvalidInput.class, () -> ObjectName.of("a\u0000b\nc"));

        assertEquals("Invalid key: a?b?c", failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lone\uD800high", "lone\uDC00low", "reversed\uDC00\uD800pair"})
    void refuses_text_that_is_not_valid_unicode_because_utf8_cannot_encode_it(String raw) {
        // Encoding would silently turn the surrogate into '?', naming another object.
        InvalidInput failure = assertThrows(InvalidInput.class, () -> ObjectName.of(raw));

        assertEquals(InvalidInput.Reason.INVALID_KEY, failure.reason());
        assertEquals(failure.getMessage(), new String(failure.getMessage().getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8), "the message must survive UTF-8 encoding");
    }

    @Test
    void splits_into_segments_and_a_file_name() {
        ObjectName name = ObjectName.of("folder/sub/file.png");

        assertEquals(List.of("folder", "sub", "file.png"), name.segments());
        assertEquals("file.png", name.fileName());
    }

    @Test
    void a_name_without_folders_is_its_own_file_name() {
        ObjectName name = ObjectName.of("file.png");

        assertEquals(List.of("file.png"), name.segments());
        assertEquals("file.png", name.fileName());
    }

    private static void assertInvalidKey(String raw) {
        InvalidInput failure = assertThrows(InvalidInput.class, () -> ObjectName.of(raw));
        assertEquals(InvalidInput.Reason.INVALID_KEY, failure.reason());
        assertEquals("Invalid key: " + raw, failure.getMessage());
    }
}
