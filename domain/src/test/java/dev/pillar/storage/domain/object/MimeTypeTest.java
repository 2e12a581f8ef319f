package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.failure.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MimeTypeTest {

    @Test
    void keeps_the_value_exactly_as_the_client_sent_it() {
        MimeType type = MimeType.of("text/plain;charset=UTF-8");

        assertEquals("text/plain;charset=UTF-8", type.value());
        assertEquals("text/plain;charset=UTF-8", type.toString());
    }

    @Test
    void trims_surrounding_whitespace_only() {
        assertEquals("Text/HTML; charset=utf-8", MimeType.of("  Text/HTML; charset=utf-8 ").value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "image/png|image/png",
            "Text/Plain;charset=UTF-8|text/plain",
            "application/json ; charset=utf-8|application/json",
            "image/svg+xml|image/svg+xml"})
    void its_essence_is_the_lower_cased_type_without_parameters(String raw, String essence) {
        assertEquals(essence, MimeType.of(raw).essence());
    }

    @ParameterizedTest
    @CsvSource({
            "image/png, image/png",
            "IMAGE/PNG, image/png",
            "image/png;q=1, image/png",
            "image/png, image/*",
            "video/mp4, */*"})
    void matches_an_exact_or_wildcard_pattern(String type, String pattern) {
        assertTrue(MimeType.of(type).matches(MimeType.of(pattern)));
    }

    @ParameterizedTest
    @CsvSource({
            "image/gif, image/png",
            "text/plain, image/*",
            "image/png, */png-not",
            "application/pdf, application/x-pdf"})
    void does_not_match_another_type(String type, String pattern) {
        assertFalse(MimeType.of(type).matches(MimeType.of(pattern)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"image", "image/", "/png", "image/png/extra", "ima ge/png", "image/pn g", "text/pl\u0000ain",
            "texte/é"})
    void refuses_a_malformed_type(String raw) {
        InvalidInput failure = assertThrows(InvalidInput.class, () -> MimeType.of(raw));

        assertEquals(InvalidInput.Reason.INVALID_REQUEST, failure.reason());
        assertTrue(failure.getMessage().startsWith("Invalid content type: "), failure.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refuses_a_missing_type(String raw) {
        InvalidInput failure = assertThrows(InvalidInput.class, () -> MimeType.of(raw));

        assertEquals("Invalid content type: ", failure.getMessage());
    }

    @Test
    void shows_unprintable_characters_as_question_marks_in_the_message() {
        InvalidInput failure = assertThrows(InvalidInput.class, () -> MimeType.of("text/é"));

        assertEquals("Invalid content type: text/?", failure.getMessage());
    }

    @Test
    void refuses_a_type_longer_than_255_characters() {
        assertThrows(InvalidInput.class, () -> MimeType.of("application/" + "x".repeat(244)));
    }

    @Test
    void accepts_exactly_what_the_token_grammar_accepts_over_many_generated_values() {
        Pattern token = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
        String alphabet = "aZ09!#$%&'*+.^_`|~-/;/ =\"(),:@[]{}?\t\u0000\u007f\u00e9";
        Random random = new Random(7);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder raw = new StringBuilder();
            for (int length = random.nextInt(10); raw.length() < length; ) {
                raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = raw.toString().trim();
            boolean expected = value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)
                    && grammar(token, value.indexOf(';') < 0 ? value : value.substring(0, value.indexOf(';')));
            boolean actual;
            try {
                actual = MimeType.of(raw.toString()).value().equals(value);
            } catch (InvalidInput e) {
                actual = false;
            }
            assertEquals(expected, actual, raw.toString());
            accepted += expected ? 1 : 0;
        }
        assertTrue(accepted > 1000, "too few well-formed values generated: " + accepted);
    }

    private static boolean grammar(Pattern token, String essence) {
        String[] parts = essence.trim().split("/", -1);
        return parts.length == 2 && token.matcher(parts[0]).matches() && token.matcher(parts[1]).matches();
    }
}
