package dev.pillar.storage.application.port;

import java.io.InputStream;

/** An open stream over a blob (or the requested part of it) and the number of bytes it will yield. */
public record BlobContent(InputStream stream, long length) implements AutoCloseable {
    @Override
    public void close() throws java.io.IOException {
        stream.close();
    }
}
