package dev.pillar.storage.domain.signing;

import dev.pillar.storage.domain.failure.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidityTest {
    private static final Instant NOW = Instant.parse("2024-03-01T09:00:00.750Z");

    @Test
    void starts_at_the_current_second_and_lasts_the_seconds_asked_for() {
        Validity validity = Validity.seconds(NOW, 60);

        assertEquals(Instant.parse("2024-03-01T09:00:00Z"), validity.issuedAt());
        assertEquals(Instant.parse("2024-03-01T09:01:00Z"), validity.expiresAt());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE})
    void a_client_must_ask_for_a_positive_expiry_it_can_represent(long expiresIn) {
        InvalidInput failure = assertThrows(InvalidInput.class, () -> Validity.seconds(NOW, expiresIn));

        assertEquals("Invalid Parameter expiresIn", failure.getMessage());
        assertEquals(InvalidInput.Reason.INVALID_PARAMETER, failure.reason());
    }

    @Test
    void the_longest_validity_ends_at_the_latest_expiry_a_client_can_represent() {
        long longest = Validity.MAX_EXPIRY_EPOCH_SECOND - NOW.getEpochSecond();

        assertEquals(Validity.MAX_EXPIRY_EPOCH_SECOND, Validity.seconds(NOW, longest).expiresAt().getEpochSecond());
        assertThrows(InvalidInput.class, () -> Validity.seconds(NOW, longest + 1));
    }

    @Test
    void a_period_the_server_chose_also_starts_at_the_current_second() {
        Validity validity = Validity.of(NOW, Duration.ofHours(2));

        assertEquals(Instant.parse("2024-03-01T11:00:00Z"), validity.expiresAt());
    }

    @Test
    void is_over_from_its_expiry_on() {
        Validity validity = Validity.seconds(NOW, 1);

        assertFalse(validity.isOverAt(validity.expiresAt().minusMillis(1)));
        assertTrue(validity.isOverAt(validity.expiresAt()));
    }
}
