package dev.pillar.storage.application.object;

import dev.pillar.storage.application.digest.Md5;
import dev.pillar.storage.domain.failure.TooLarge;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes an upload through while counting it against a limit and feeding it to its MD5 (the ETag), which the
 * caller owns and closes: the stream fails with {@link TooLarge} the moment the limit is passed, so an oversized
 * upload is cut off early instead of being stored first and refused later.
 */
final class MeteredInputStream extends FilterInputStream {
    private final long limit;
    private final Md5 md5;
    private long count;
    private boolean exceeded;

    MeteredInputStream(InputStream in, long limit, Md5 md5) {
        super(in);
        this.limit = limit;
        this.md5 = md5;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            account(1);
            md5.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            account(n);
            md5.update(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("an upload is read in full");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Whether the limit was passed: the write failed because of the client, whatever the store made of it. */
    boolean exceeded() {
        return exceeded;
    }

    long count() {
        return count;
    }

    private void account(int n) {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw new TooLarge();
        }
    }
}
