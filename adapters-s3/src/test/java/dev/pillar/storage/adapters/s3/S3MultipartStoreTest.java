package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.application.port.MultipartStore;
import dev.pillar.storage.application.port.MultipartStoreContract;
import dev.pillar.storage.application.port.ObjectStore;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.UploadedPart;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The multipart contract against a real S3 server (S3Proxy on loopback). */
class S3MultipartStoreTest extends MultipartStoreContract {
    private static final int MIB = 1024 * 1024;
    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();
    private S3ObjectStore store;

    @BeforeEach
    void openStore() {
        store = S3ObjectStore.open(S3.server().settings(S3ProxyServer.newBucketName()));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void a_part_larger_than_a_buffer_streams_straight_to_s3() {
        BlobKey key = new BlobKey("proj", BucketId.of("b"), ObjectName.of("streamed.bin"), "v1");
        byte[] big = bytes(7 * MIB, 1);
        byte[] tail = bytes(1000, 2);
        String upload = store.begin(key, BlobAttributes.DEFAULT);

        UploadedPart one = store.putPart(key, upload, 1, new ByteArrayInputStream(big), big.length);
        UploadedPart two = store.putPart(key, upload, 2, new ByteArrayInputStream(tail), tail.length);
        store.complete(key, upload, List.of(one, two));

        byte[] expected = Arrays.copyOf(big, big.length + tail.length);
        System.arraycopy(tail, 0, expected, big.length, tail.length);
        assertArrayEquals(expected, readAll(key));
    }

    @Test
    void a_streamed_part_whose_sender_fails_or_stops_short_is_the_senders_failure() {
        BlobKey key = new BlobKey("proj", BucketId.of("b"), ObjectName.of("broken.bin"), "v1");
        String upload = store.begin(key, BlobAttributes.DEFAULT);
        IOException gone = new IOException("client went away");
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(bytes(6 * MIB, 3)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw gone;
            }
        });

        UncheckedIOException failed = assertThrows(UncheckedIOException.class,
                () -> store.putPart(key, upload, 1, failing, 7 * MIB));
        assertThrows(UncheckedIOException.class,
                () -> store.putPart(key, upload, 2, new ByteArrayInputStream(bytes(6 * MIB, 4)), 7 * MIB));

        assertEquals(gone, failed.getCause());
        store.abort(key, upload);
    }

    private byte[] readAll(BlobKey key) {
        try (var content = store.read(key, Optional.empty())) {
            return content.stream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Override
    protected MultipartStore multipart() {
        return store;
    }

    @Override
    protected ObjectStore objects() {
        return store;
    }

    /** S3Proxy's filesystem backend takes parts for any upload id; MinIO's run of this contract checks it. */
    @Override
    protected boolean detectsUnknownUploads() {
        return false;
    }
}
