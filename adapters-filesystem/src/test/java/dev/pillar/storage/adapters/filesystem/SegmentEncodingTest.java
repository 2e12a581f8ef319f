package dev.pillar.storage.adapters.filesystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentEncodingTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Az09._-|Az09._-",
            "\" \"|%20",
            "%|%25",
            "%2e%2e|%252e%252e",
            "a..b|a..b",
            ".|%2E",
            "..|%2E.",
            ".hidden|%2Ehidden",
            "ü|%C3%BC",
            "+~|%2B%7E",
            "a/b|a%2Fb",
            "?#&|%3F%23%26",
            "😀|%F0%9F%98%80"})
    void encodes_unsafe_bytes_and_a_leading_dot(String segment, String encoded) {
        assertEquals(encoded, SegmentEncoding.encode(segment));
        assertEquals(segment, SegmentEncoding.decode(encoded));
    }

    @Test
    void random_text_round_trips_through_safe_visible_names() {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            String segment = randomText(random, 1 + random.nextInt(20));
            String encoded = SegmentEncoding.encode(segment);

            assertTrue(encoded.matches("[A-Za-z0-9_%-][A-Za-z0-9._%-]*"), encoded);
            assertEquals(segment, SegmentEncoding.decode(encoded));
        }
    }

    @Test
    void keeps_an_encoding_of_the_maximum_length_as_is() {
        String segment = "a".repeat(SegmentEncoding.MAX_LENGTH);

        assertEquals(segment, SegmentEncoding.encode(segment));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void shortens_a_long_encoding_without_splitting_an_escape(int asciiPrefix) {
        String segment = "a".repeat(asciiPrefix) + "é".repeat(300);

        String encoded = SegmentEncoding.encode(segment);

        assertTrue(encoded.length() <= SegmentEncoding.MAX_LENGTH, encoded);
        String prefix = encoded.substring(0, encoded.indexOf(SegmentEncoding.SHORTENED_MARKER));
        assertTrue(("a".repeat(asciiPrefix) + "%C3%A9".repeat(60)).startsWith(prefix), prefix);
        assertEquals(0, (prefix.length() - asciiPrefix) % 3, "whole escapes only: " + prefix);
        assertEquals(encoded, SegmentEncoding.encode(segment), "deterministic");
        assertThrows(IllegalArgumentException.class, () -> SegmentEncoding.decode(encoded));
    }

    @Test
    void long_segments_differing_only_at_the_end_stay_apart() {
        String common = "x".repeat(400);

        assertNotEquals(SegmentEncoding.encode(common + "a"), SegmentEncoding.encode(common + "b"));
        assertEquals(SegmentEncoding.PREFIX_LENGTH + 1 + 64, SegmentEncoding.encode(common + "a").length());
    }

    @Test
    void refuses_an_empty_segment_and_lone_surrogates() {
        assertThrows(IllegalArgumentException.class, () -> SegmentEncoding.encode(""));
        assertThrows(IllegalArgumentException.class, () -> SegmentEncoding.encode("a\uD800"));
        assertThrows(IllegalArgumentException.class, () -> SegmentEncoding.encode("\uDC00b"));
    }

    private static String randomText(Random random, int codePoints) {
        StringBuilder text = new StringBuilder();
        while (text.codePointCount(0, text.length()) < codePoints) {
            int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x10FFFF + 1);
            if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }
}
