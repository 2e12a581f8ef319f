package dev.pillar.storage.adapters.postgres;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrefixRangeTest {
    private static final String MAX = Character.toString(Character.MAX_CODE_POINT);

    @Test
    void the_upper_bound_raises_the_last_code_point() {
        assertEquals(Optional.of("abd"), PrefixRange.upperBound("abc"));
        assertEquals(Optional.of("photos0"), PrefixRange.upperBound("photos/"));
        assertEquals(Optional.of("ê"), PrefixRange.upperBound("é"));
        assertEquals(Optional.of("a" + Character.toString(0x1F601)), PrefixRange.upperBound("a\uD83D\uDE00"));
    }

    @Test
    void the_bound_steps_over_the_surrogate_range_and_past_the_greatest_code_point() {
        assertEquals(Optional.of("a\uE000"), PrefixRange.upperBound("a\uD7FF"));
        assertEquals(Optional.of("b"), PrefixRange.upperBound("a" + MAX));
    }

    @Test
    void an_empty_or_all_greatest_prefix_has_no_upper_bound() {
        assertEquals(Optional.empty(), PrefixRange.upperBound(""));
        assertEquals(Optional.empty(), PrefixRange.upperBound(MAX + MAX));
    }
}
