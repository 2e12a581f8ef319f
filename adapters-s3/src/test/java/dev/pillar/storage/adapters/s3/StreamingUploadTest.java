package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.TooLarge;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.object.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streamed uploads of several parts against a real S3 server (S3Proxy on loopback): the next part is read from the
 * client while the previous one is sent, or one after the other when the pool has no second buffer, and every way
 * such an upload can fail leaves nothing behind. An interceptor on the store's S3 client watches, holds or spoils
 * the parts as they are sent.
 */
class StreamingUploadTest {
    private static final int PART = (int) S3Settings.MIN_PART_SIZE;
    /** Longest a test waits for something that should happen at once; it fails the test instead of hanging it. */
    private static final long PATIENCE_SECONDS = 30;
    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();
    private final PartWatch parts = new PartWatch();
    private final String bucketName = S3ProxyServer.newBucketName();
    private S3ObjectStore store;

    @AfterEach
    void closeStore() {
        store.close();
    }

    @ParameterizedTest(name = "{0} buffer(s)")
    @ValueSource(ints = {1, 2})
    void a_body_of_several_parts_and_a_bit_is_stored_byte_for_byte_in_order(int buffers) {
        open(buffers);
        byte[] payload = Body.bytes(3L * PART + 12_345);

        assertEquals(payload.length, store.write(key("whole.bin"), new Body(payload.length, at -> { })).size());

        assertArrayEquals(payload, readAll(key("whole.bin")));
        assertEquals(4, parts.sent.get());
        assertEquals(List.of(), S3.server().pendingMultipartUploads(bucketName));
    }

    @Test
    void with_a_second_buffer_the_next_part_is_read_while_the_previous_one_is_sent() {
        open(2);
        CountDownLatch nextPartRead = new CountDownLatch(1);
        parts.hold(1, nextPartRead);
        long length = 2L * PART + 1;

        store.write(key("overlap.bin"), new Body(length, at -> {
            if (at > PART + 1) {
                nextPartRead.countDown();
            }
        }));

        assertEquals(0, parts.released.getCount(), "part 1 was held until part 2 was being read, then sent");
        assertArrayEquals(Body.bytes(length), readAll(key("overlap.bin")));
    }

    @Test
    void with_every_buffer_taken_parts_are_sent_one_after_the_other() {
        open(1);
        List<Integer> partsSendingWhileRead = new ArrayList<>();
        long length = 3L * PART;

        store.write(key("sequential.bin"), new Body(length, at -> {
            if (parts.sending.get() > 0) {
                partsSendingWhileRead.add(parts.sending.get());
            }
        }));

        assertEquals(List.of(), partsSendingWhileRead);
        assertArrayEquals(Body.bytes(length), readAll(key("sequential.bin")));
    }

    @Test
    void concurrent_uploads_on_a_small_pool_all_finish() throws Exception {
        open(2);
        long length = 2L * PART + 7;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> uploads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                BlobKey key = key("concurrent-" + i);
                uploads.add(clients.submit(() -> store.write(key, new Body(length, at -> { }))));
            }
            for (Future<?> upload : uploads) {
                upload.get(4 * PATIENCE_SECONDS, TimeUnit.SECONDS);
            }
        }

        for (int i = 0; i < 3; i++) {
            assertArrayEquals(Body.bytes(length), readAll(key("concurrent-" + i)));
        }
    }

    @Test
    void the_client_failing_while_a_part_is_in_flight_cancels_it_and_aborts_the_upload() {
        open(2);
        parts.hold(2, new CountDownLatch(1));
        IOException clientGone = new IOException("client went away");

        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> store.write(key("cut.bin"), new Body(Long.MAX_VALUE, at -> {
                    if (at > 2L * PART) {
                        awaitQuietly(parts.held);
                        throw clientGone;
                    }
                })));

        assertEquals(clientGone, failure.getCause());
        assertTrue(parts.heldPartCancelled, "the part in flight was stopped, not left to finish");
        assertNothingLeft();
    }

    @Test
    void s3_failing_a_part_while_the_next_is_read_stops_reading_and_aborts_the_upload() {
        open(2);
        parts.spoil(1);
        AtomicInteger readsPastTwoParts = new AtomicInteger();

        Unavailable failure = assertThrows(Unavailable.class,
                () -> store.write(key("refused.bin"), new Body(Long.MAX_VALUE, at -> {
                    if (at == PART + 1) {
                        awaitQuietly(parts.failed);
                    }
                    if (at >= 2L * PART) {
                        readsPastTwoParts.incrementAndGet();
                    }
                })));

        assertTrue(failure.getMessage().startsWith("The object store failed (PutObject: 400"), failure.getMessage());
        assertEquals(0, readsPastTwoParts.get(), "the client is not read past the part being read");
        assertNothingLeft();
    }

    @Test
    void a_size_limit_passed_while_a_part_is_in_flight_aborts_the_upload() {
        open(2);
        parts.hold(2, new CountDownLatch(1));
        TooLarge tooLarge = new TooLarge();

        TooLarge thrown = assertThrows(TooLarge.class, () -> store.write(key("big.bin"), new Body(Long.MAX_VALUE, at -> {
            if (at > 2L * PART) {
                awaitQuietly(parts.held);
                throw tooLarge;
            }
        })));

        assertEquals(tooLarge, thrown);
        assertTrue(parts.heldPartCancelled, "the part in flight was stopped, not left to finish");
        assertNothingLeft();
    }

    private void open(int buffers) {
        S3Settings settings = S3.server().settings(bucketName);
        S3Client client = S3Clients.build(settings, List.of(parts));
        store = new S3ObjectStore(client, settings, new PartBuffers(PART, buffers), ServerSideCopy.SINGLE_COPY_LIMIT,
                ServerSideCopy.COPY_PART_SIZE);
        store.backingBucket().prepare(true);
    }

    private void assertNothingLeft() {
        assertEquals(List.of(), S3.server().pendingMultipartUploads(bucketName), "no multipart upload lingers");
        assertEquals(List.of(), S3.server().keys(bucketName));
    }

    private byte[] readAll(BlobKey key) {
        try (var content = store.read(key, Optional.empty())) {
            return content.stream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BlobKey key(String name) {
        return new BlobKey("proj", BucketId.of("b"), ObjectName.of(name), "v1");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertTrue(latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the client sends: {@code length} bytes, each a function of its position, a little at a time. */
    private static final class Body extends InputStream {
        private static final int CHUNK = 64 * 1024;
        private final long length;
        private final BeforeRead beforeRead;
        private long delivered;

        /** Runs before each read with the bytes delivered so far; may throw as a failing client does. */
        interface BeforeRead {
            void at(long delivered) throws IOException;
        }

        Body(long length, BeforeRead beforeRead) {
            this.length = length;
            this.beforeRead = beforeRead;
        }

        static byte[] bytes(long length) {
            byte[] bytes = new byte[(int) length];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = at(i);
            }
            return bytes;
        }

        private static byte at(long position) {
            return (byte) (position ^ (position >>> 8) * 31 ^ (position >>> 16) * 7);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (delivered == length) {
                return -1;
            }
            beforeRead.at(delivered);
            int n = (int) Math.min(Math.min(count, CHUNK), length - delivered);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = at(delivered + i);
            }
            delivered += n;
            return n;
        }
    }

    /** Counts the parts sent and in flight; holds one until a latch opens, or spoils one so that S3 refuses it. */
    private static final class PartWatch implements ExecutionInterceptor {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger sending = new AtomicInteger();
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        final CountDownLatch failed = new CountDownLatch(1);
        volatile boolean heldPartCancelled;
        private volatile int heldPart;
        private volatile CountDownLatch holdUntil;
        private volatile int spoiledPart;

        void hold(int part, CountDownLatch until) {
            holdUntil = until;
            heldPart = part;
        }

        void spoil(int part) {
            spoiledPart = part;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest) {
                sending.incrementAndGet();
            }
        }

        /** A Content-MD5 that matches no body: S3 answers 400 BadDigest, as it does for a part damaged in transit. */
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            if (isPart(context.request(), spoiledPart)) {
                return context.httpRequest().toBuilder().putHeader("Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA==").build();
            }
            return context.httpRequest();
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (!isPart(context.request(), heldPart)) {
                return;
            }
            held.countDown();
            try {
                if (holdUntil.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                    released.countDown();
                }
            } catch (InterruptedException e) {
                heldPartCancelled = true;
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the part was cancelled", e);
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest) {
                sent.incrementAndGet();
                sending.decrementAndGet();
            }
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest) {
                sending.decrementAndGet();
                if (isPart(context.request(), spoiledPart)) {
                    failed.countDown();
                }
            }
        }

        private static boolean isPart(SdkRequest request, int number) {
            return request instanceof UploadPartRequest part && part.partNumber() == number;
        }
    }
}
