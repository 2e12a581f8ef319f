package dev.pillar.storage.adapters.s3;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A part's body as the SDK reads it: exactly {@code length} bytes of the sender's stream. It
 * remembers a failure of that stream (the sender went away, or stopped short of the announced
 * length) so that the store can blame the sender rather than S3 when the request fails.
 */
final class PartStream extends FilterInputStream {
    private long remaining;
    private IOException senderFailure;

    PartStream(InputStream in, long length) {
        super(in);
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n;
        try {
            n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("the part ended " + remaining + " bytes early");
            }
        } catch (IOException e) {
            senderFailure = e;
            throw e;
        }
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("a part is read in full");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The sender's failure, as the port reports it, if the stream failed. */
    Optional<UncheckedIOException> senderFailure() {
        return Optional.ofNullable(senderFailure).map(e -> new UncheckedIOException("reading the part failed", e));
    }
}
