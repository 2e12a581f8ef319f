package dev.pillar.storage.application.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/** A stream opened only when first read, so a long sequence of blobs holds one open at a time. */
final class LazyStream extends InputStream {
    private final Supplier<InputStream> opener;
    private InputStream opened;

    LazyStream(Supplier<InputStream> opener) {
        this.opener = opener;
    }

    @Override
    public int read() throws IOException {
        return stream().read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return stream().read(buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
        if (opened != null) {
            opened.close();
        }
    }

    private InputStream stream() {
        if (opened == null) {
            opened = opener.get();
        }
        return opened;
    }
}
