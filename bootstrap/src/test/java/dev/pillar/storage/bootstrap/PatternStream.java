package dev.pillar.storage.bootstrap;

import java.io.InputStream;
import java.util.Objects;

/**
 * {@code size} pseudo-random bytes made on the fly from {@code seed}: a body of any size that
 * never exists in memory, and the same bytes again for comparison.
 */
final class PatternStream extends InputStream {
    private long remaining;
    private long state;

    PatternStream(long size, long seed) {
        this.remaining = size;
        this.state = seed ^ 0x9E3779B97F4A7C15L;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (remaining == 0) {
            return -1;
        }
        int n = (int) Math.min(length, remaining);
        for (int i = 0; i < n; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            buffer[offset + i] = (byte) state;
        }
        remaining -= n;
        return n;
    }
}
