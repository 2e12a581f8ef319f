package dev.pillar.storage.domain.object;

import dev.pillar.storage.domain.failure.RangeNotSatisfiable;

import java.util.OptionalLong;

/**
 * A byte range as a client asks for it, before the object's size is known: {@code first-last},
 * {@code first-} (open end) or, with no first, a suffix of {@code last} bytes.
 */
public record RequestedRange(OptionalLong first, OptionalLong last) {
    public RequestedRange {
        if (first.isEmpty() && last.isEmpty()) {
            throw new IllegalArgumentException("a range needs a start or a suffix length");
        }
    }

    /** The concrete range inside an object of {@code size} bytes; refuses one that lies outside. */
    public ByteRange resolve(long size) {
        if (first.isEmpty()) {
            long suffix = last.getAsLong();
            if (suffix <= 0 || size == 0) {
                throw new RangeNotSatisfiable(size);
            }
            return new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long start = first.getAsLong();
        if (start >= size || (last.isPresent() && last.getAsLong() < start)) {
            throw new RangeNotSatisfiable(size);
        }
        long end = last.isPresent() ? Math.min(last.getAsLong(), size - 1) : size - 1;
        return new ByteRange(start, end);
    }
}
