package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.failure.RangeNotSatisfiable;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestedRangeTest {
    private static final long SIZE = 10;

    @Test
    void a_closed_range_is_taken_as_is() {
        ByteRange range = closed(2, 4).resolve(SIZE);

        assertEquals(new ByteRange(2, 4), range);
        assertEquals(3, range.length());
    }

    @Test
    void a_single_byte_range_has_length_one() {
        assertEquals(1, closed(0, 0).resolve(SIZE).length());
    }

    @Test
    void an_open_range_runs_to_the_last_byte() {
        assertEquals(new ByteRange(7, 9), open(7).resolve(SIZE));
    }

    @Test
    void a_suffix_range_takes_the_last_bytes() {
        assertEquals(new ByteRange(7, 9), suffix(3).resolve(SIZE));
    }

    @Test
    void a_suffix_longer_than_the_object_is_the_whole_object() {
        assertEquals(new ByteRange(0, 9), suffix(20).resolve(SIZE));
    }

    @Test
    void an_end_past_the_object_is_clamped_to_the_last_byte() {
        assertEquals(new ByteRange(5, 9), closed(5, 100).resolve(SIZE));
    }

    @Test
    void a_start_at_the_end_of_the_object_is_unsatisfiable() {
        assertUnsatisfiable(open(10), SIZE);
    }

    @Test
    void a_start_past_the_end_of_the_object_is_unsatisfiable() {
        assertUnsatisfiable(closed(11, 20), SIZE);
    }

    @Test
    void an_end_before_the_start_is_unsatisfiable() {
        assertUnsatisfiable(closed(5, 4), SIZE);
    }

    @Test
    void an_empty_suffix_is_unsatisfiable() {
        assertUnsatisfiable(suffix(0), SIZE);
    }

    @Test
    void no_range_of_an_empty_object_is_satisfiable() {
        assertUnsatisfiable(open(0), 0);
        assertUnsatisfiable(closed(0, 0), 0);
        assertUnsatisfiable(suffix(5), 0);
    }

    @Test
    void a_range_needs_a_start_or_a_suffix_length() {
        assertThrows(IllegalArgumentException.class, () -> new RequestedRange(OptionalLong.empty(), OptionalLong.empty()));
    }

    private static void assertUnsatisfiable(RequestedRange requested, long size) {
        RangeNotSatisfiable failure = assertThrows(RangeNotSatisfiable.class, () -> requested.resolve(size));
        assertEquals(size, failure.size(), "the size goes into Content-Range: bytes */size");
        assertEquals("invalid range provided", failure.getMessage());
    }

    private static RequestedRange closed(long first, long last) {
        return new RequestedRange(OptionalLong.of(first), OptionalLong.of(last));
    }

    private static RequestedRange open(long first) {
        return new RequestedRange(OptionalLong.of(first), OptionalLong.empty());
    }

    private static RequestedRange suffix(long length) {
        return new RequestedRange(OptionalLong.empty(), OptionalLong.of(length));
    }
}
