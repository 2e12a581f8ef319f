package dev.pillar.storage.domain.object;

/** An inclusive range of bytes {@code first..last} inside an object of a known size. */
public record ByteRange(long first, long last) {
    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad range " + first + "-" + last);
        }
    }

    public long length() {
        return last - first + 1;
    }
}
