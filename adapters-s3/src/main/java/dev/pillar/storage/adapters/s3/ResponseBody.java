package dev.pillar.storage.adapters.s3;

import software.amazon.awssdk.core.ResponseInputStream;

import java.io.FilterInputStream;
import java.io.IOException;

/**
 * An S3 response body that is dropped, not drained, when closed before its end. Closing the SDK's
 * stream early would read the rest of the object to reuse the connection: a HEAD request or a
 * client that goes away would then pull the whole object from S3 for nothing. Aborting costs one
 * connection instead.
 */
final class ResponseBody extends FilterInputStream {
    private final ResponseInputStream<?> response;
    private long remaining;

    ResponseBody(ResponseInputStream<?> response, long length) {
        super(response);
        this.response = response;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            remaining--;
        } else {
            remaining = 0;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            remaining -= n;
        } else if (n < 0) {
            remaining = 0;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        remaining -= skipped;
        return skipped;
    }

    @Override
    public void close() throws IOException {
        if (remaining > 0) {
            response.abort();
        }
        super.close();
    }
}
