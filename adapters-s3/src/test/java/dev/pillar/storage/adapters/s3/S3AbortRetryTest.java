package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.object.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S3 stops in the middle of a multipart upload, so the abort fails too: the store remembers the upload and aborts
 * it once S3 answers a health check again, without a restart.
 */
class S3AbortRetryTest {
    private static final int MIB = 1024 * 1024;
    @TempDir
    Path directory;

    @Test
    void an_upload_whose_abort_failed_during_an_outage_is_aborted_once_s3_answers_again() throws Exception {
        S3ProxyServer[] server = {S3ProxyServer.start(directory.resolve("s3"))};
        int port = server[0].port();
        String bucket = S3ProxyServer.newBucketName();
        try (S3ObjectStore store = S3ObjectStore.open(server[0].settings(bucket))) {
            BlobKey key = new BlobKey("proj", BucketId.of("b"), ObjectName.of("cut.bin"), "v1");
            InputStream body = new StoppingS3After(7 * MIB, () -> {
                assertEquals(1, server[0].pendingMultipartUploads(bucket).size(), "the multipart upload began");
                server[0].close();
            });

            RuntimeException failure = assertThrows(RuntimeException.class, () -> store.write(key, body));
            assertTrue(failure instanceof Unavailable || failure instanceof SdkException, failure.toString());
            assertFalse(store.isHealthy());

            server[0] = S3ProxyServer.start(directory.resolve("s3"), port);
            assertEquals(1, server[0].pendingMultipartUploads(bucket).size(), "the abort failed while S3 was down");
            assertTrue(store.isHealthy());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!server[0].pendingMultipartUploads(bucket).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(List.of(), server[0].pendingMultipartUploads(bucket), "aborted once S3 answered");
            assertEquals(List.of(), server[0].keys(bucket));
        } finally {
            server[0].close();
        }
    }

    /** Random bytes without end; after the first {@code limit} it runs {@code outage}, then goes on. */
    private static final class StoppingS3After extends InputStream {
        private final Random random = new Random(1);
        private final Runnable outage;
        private long left;

        StoppingS3After(long limit, Runnable outage) {
            this.left = limit;
            this.outage = outage;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                outage.run();
                left = Long.MAX_VALUE;
            }
            int n = (int) Math.min(length, left);
            left -= n;
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            System.arraycopy(bytes, 0, buffer, offset, n);
            return n;
        }
    }
}
