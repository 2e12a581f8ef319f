package dev.pillar.storage.adapters.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Guards every request body (ADR 0016). A body must keep pace: the time a handler spends waiting for its bytes may
 * not exceed the read timeout plus one second per {@value #MIN_BYTES_PER_SECOND} bytes received, so one that
 * trickles in a byte a second fails at its next byte after about the read timeout; a single read that waits longer
 * than the read timeout fails on the socket's own timeout. Both are answered 408. Time the server spends elsewhere
 * (the database, the object store) does not count against the client. Framing errors Helidon raises while reading a
 * body (a bad chunk, a body shorter than its length) become {@link IOException}s, answered 400 instead of 500.
 */
final class BodyPace implements Filter {
    static final int MIN_BYTES_PER_SECOND = 1024;
    private final long allowanceNanos;

    BodyPace(Duration readTimeout) {
        this.allowanceNanos = readTimeout.toNanos();
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        req.streamFilter(PacedInputStream::new);
        chain.proceed();
    }

    /** Thrown when a body arrives too slowly; the error handlers answer it with 408. */
    static final class TooSlow extends SocketTimeoutException {
        TooSlow() {
            super("the request body arrived too slowly");
        }
    }

    private final class PacedInputStream extends FilterInputStream {
        private static final long NANOS_PER_BYTE = 1_000_000_000L / MIN_BYTES_PER_SECOND;
        private long waitedNanos;
        private long received;

        PacedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            long start = System.nanoTime();
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                throw timedOut(e) ? new TooSlow() : e instanceof IOException io ? io
                        : new IOException("the request body could not be read", e);
            }
            waitedNanos += System.nanoTime() - start;
            if (n > 0) {
                received += n;
            }
            if (waitedNanos > allowanceNanos + received * NANOS_PER_BYTE) {
                throw new TooSlow();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] discard = new byte[(int) Math.min(n, 8192)];
            return Math.max(read(discard, 0, discard.length), 0);
        }

        private static boolean timedOut(Throwable thrown) {
            for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
                if (cause instanceof SocketTimeoutException) {
                    return true;
                }
            }
            return false;
        }
    }
}
