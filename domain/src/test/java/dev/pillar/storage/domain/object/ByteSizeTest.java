package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.failure.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteSizeTest {
    private static final String FORMAT_HINT = "Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B";

    @ParameterizedTest
    @CsvSource({
            "20MB, 20000000",
            "30kb, 30000",
            "3B, 3",
            "1GB, 1000000000",
            "1tb, 1000000000000",
            "1.5MB, 1500000",
            "2.25GB, 2250000000",
            "' 20 mb ', 20000000",
            "1024, 1024",
            "0, 0"})
    void parses_a_human_size_in_decimal_units_as_supabase_does(String raw, long bytes) {
        assertEquals(ByteSize.of(bytes), ByteSize.parse(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "MB", "20 megabytes", "20MBs", "-1", "-20MB", "1e3", "20,5MB", "0x10", "20PB",
            "99999999999TB"})
    void refuses_anything_else_with_the_supabase_hint(String raw) {
        InvalidInput failure = assertThrows(InvalidInput.class, () -> ByteSize.parse(raw));

        assertEquals(InvalidInput.Reason.INVALID_REQUEST, failure.reason());
        assertEquals(FORMAT_HINT, failure.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refuses_a_missing_size_with_the_supabase_hint(String raw) {
        assertEquals(FORMAT_HINT, assertThrows(InvalidInput.class, () -> ByteSize.parse(raw)).getMessage());
    }

    @Test
    void cannot_be_negative() {
        InvalidInput failure = assertThrows(InvalidInput.class, () -> ByteSize.of(-1));

        assertEquals("A size cannot be negative", failure.getMessage());
    }

    @Test
    void counts_mebibytes() {
        assertEquals(ByteSize.of(50L * 1024 * 1024), ByteSize.mebibytes(50));
    }

    @Test
    void compares_by_bytes() {
        ByteSize small = ByteSize.of(10);
        ByteSize large = ByteSize.of(11);

        assertTrue(large.isGreaterThan(small));
        assertFalse(small.isGreaterThan(large));
        assertFalse(small.isGreaterThan(ByteSize.of(10)));
        assertEquals(small, small.min(large));
        assertEquals(small, large.min(small));
        assertTrue(small.compareTo(large) < 0);
    }
}
