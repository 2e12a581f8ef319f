package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.failure.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CacheControlTest {

    @Test
    void the_default_is_one_hour() {
        assertEquals("max-age=3600", CacheControl.DEFAULT.value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"3600|max-age=3600", "0|max-age=0", " 60 |max-age=60"})
    void a_bare_number_from_a_client_means_max_age(String raw, String stored) {
        assertEquals(stored, CacheControl.fromClient(raw).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-cache", "max-age=3600", "public, max-age=31536000, immutable", "private"})
    void any_other_value_from_a_client_is_kept_verbatim(String raw) {
        assertEquals(raw, CacheControl.fromClient(raw).value());
    }

    @Test
    void a_header_value_is_kept_verbatim_apart_from_surrounding_spaces() {
        assertEquals("no-store, max-age=0", CacheControl.of("  no-store, max-age=0 ").value());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "max-age=1\r\nSet-Cookie: x", "tab\there", "caché"})
    void refuses_blank_values_and_characters_a_header_cannot_carry(String raw) {
        InvalidInput failure = assertThrows(InvalidInput.class, () -> CacheControl.fromClient(raw));

        assertEquals(InvalidInput.Reason.INVALID_PARAMETER, failure.reason());
        assertEquals("Invalid Parameter cacheControl", failure.getMessage());
    }

    @Test
    void refuses_a_value_longer_than_1024_characters() {
        assertThrows(InvalidInput.class, () -> CacheControl.of("x".repeat(1025)));
    }

    @Test
    void refuses_a_negative_max_age() {
        assertThrows(InvalidInput.class, () -> CacheControl.maxAge(-1));
    }
}
