package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.failure.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UserMetadataTest {

    @Test
    void no_metadata_is_an_empty_json_object() {
        assertEquals("{}", UserMetadata.EMPTY.json());
    }

    @Test
    void keeps_the_json_object_text_trimmed() {
        assertEquals("{\"owner\": \"me\"}", new UserMetadata("  {\"owner\": \"me\"}\n").json());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"[]", "\"text\"", "42", "null", "{\"open\": 1"})
    void refuses_anything_but_a_json_object(String raw) {
        InvalidInput failure = assertThrows(InvalidInput.class, () -> new UserMetadata(raw));

        assertEquals(InvalidInput.Reason.INVALID_PARAMETER, failure.reason());
        assertEquals("Invalid Parameter metadata", failure.getMessage());
    }

    @Test
    void accepts_up_to_64_kib_and_refuses_more() {
        String atLimit = "{\"k\":\"" + "x".repeat(64 * 1024 - 8) + "\"}";
        assertEquals(64 * 1024, atLimit.length());

        assertEquals(atLimit, new UserMetadata(atLimit).json());
        assertThrows(InvalidInput.class, () -> new UserMetadata(atLimit.replace("{\"k\"", "{\"kk\"")));
    }
}
