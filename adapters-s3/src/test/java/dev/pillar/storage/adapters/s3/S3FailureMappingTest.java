package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.object.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3's failures as the store's callers see them (a storage failure, a clear message) and as the log keeps them. */
class S3FailureMappingTest {
    private static final BlobKey KEY = new BlobKey("proj", BucketId.of("b"), ObjectName.of("a.txt"), "v1");
    private final Logger failureLog = Logger.getLogger(S3Failures.class.getName());
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        failureLog.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        failureLog.removeHandler(capture);
    }

    @Test
    void slow_down_is_unavailable_after_the_sdks_retries_and_the_request_id_is_logged() throws IOException {
        try (FaultyS3Server s3 = new FaultyS3Server(503, "SlowDown", "REQ-SLOW-1");
             S3ObjectStore store = storeAt(s3.endpoint())) {

            Unavailable failure = assertThrows(Unavailable.class, () -> store.read(KEY, Optional.empty()));

            assertEquals("The object store is busy; try again (GetObject: SlowDown)", failure.getMessage());
            assertEquals(Unavailable.Service.OBJECT_STORE, failure.service());
            assertNull(failure.getCause(), "no SDK exception travels to the HTTP layer");
            assertTrue(s3.requests() > 1, "the SDK retried a throttled request");
            assertTrue(logged.stream().anyMatch(line -> line.contains("event=s3_request_failed operation=GetObject")
                    && line.contains("status=503 code=SlowDown") && line.contains("request_id=REQ-SLOW-1")), logged.toString());
        }
    }

    @Test
    void an_internal_error_is_unavailable_too() throws IOException {
        try (FaultyS3Server s3 = new FaultyS3Server(500, "InternalError", "REQ-500");
             S3ObjectStore store = storeAt(s3.endpoint())) {

            Unavailable failure = assertThrows(Unavailable.class, () -> store.delete(KEY));

            assertEquals("The object store is busy; try again (DeleteObject: InternalError)", failure.getMessage());
        }
    }

    @Test
    void an_unreachable_service_is_unavailable_quickly_and_unhealthy() throws IOException {
        URI nobody = URI.create("http://127.0.0.1:" + freePort());
        try (S3ObjectStore store = storeAt(nobody)) {
            long started = System.nanoTime();

            Unavailable failure = assertThrows(Unavailable.class, () -> store.head(KEY));

            assertEquals("The object store could not be reached (HeadObject)", failure.getMessage());
            assertFalse(store.isHealthy());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5_000, "no hanging");
        }
    }

    @Test
    void starting_against_an_unreachable_service_names_the_bucket() throws IOException {
        S3Settings settings = S3ProxyServer.settings(URI.create("http://127.0.0.1:" + freePort()), "media");

        Unavailable failure = assertThrows(Unavailable.class, () -> S3ObjectStore.open(settings));

        assertEquals("Cannot use the S3 bucket \"media\": The object store could not be reached (HeadBucket)",
                failure.getMessage());
    }

    private static S3ObjectStore storeAt(URI endpoint) {
        S3Settings settings = S3ProxyServer.settings(endpoint, "bucket");
        S3Client client = S3Clients.build(settings, List.of());
        return new S3ObjectStore(client, settings, new PartBuffers((int) settings.partSize(), 1),
                ServerSideCopy.SINGLE_COPY_LIMIT, ServerSideCopy.COPY_PART_SIZE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
