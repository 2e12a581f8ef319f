package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.domain.failure.Unavailable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health and start-up against a real S3 server that is up, then stopped. */
class S3HealthTest {
    @TempDir
    Path directory;

    @Test
    void healthy_while_the_server_answers_and_unhealthy_within_the_timeout_once_it_is_stopped() {
        S3ProxyServer server = S3ProxyServer.start(directory.resolve("s3"));
        try (S3ObjectStore store = S3ObjectStore.open(server.settings(S3ProxyServer.newBucketName()))) {
            assertTrue(store.isHealthy());

            server.close();
            long started = System.nanoTime();
            boolean healthy = store.isHealthy();

            assertFalse(healthy);
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() <= 2_500, "answered within the timeout");
        }
    }

    @Test
    void self_hosted_creates_a_missing_bucket_and_cloud_refuses_to_start_without_one() {
        try (S3ProxyServer server = S3ProxyServer.start(directory.resolve("s3"))) {
            S3Settings selfHosted = server.settings(S3ProxyServer.newBucketName());
            S3Settings cloud = new S3Settings(selfHosted.endpoint(), selfHosted.region(), S3ProxyServer.newBucketName(),
                    selfHosted.credentials(), true, false, selfHosted.partSize(), 4, selfHosted.healthTimeout());

            try (S3ObjectStore created = S3ObjectStore.open(selfHosted)) {
                assertTrue(created.backingBucket().exists());
            }
            Unavailable refused = assertThrows(Unavailable.class, () -> S3ObjectStore.open(cloud));
            assertEquals("The S3 bucket \"" + cloud.bucket()
                    + "\" does not exist: create it, or check S3_BUCKET, S3_REGION and S3_ENDPOINT", refused.getMessage());

            S3Settings existing = new S3Settings(selfHosted.endpoint(), selfHosted.region(), selfHosted.bucket(),
                    selfHosted.credentials(), true, false, selfHosted.partSize(), 4, selfHosted.healthTimeout());
            try (S3ObjectStore checked = S3ObjectStore.open(existing)) {
                assertTrue(checked.isHealthy(), "cloud mode uses a bucket that is there");
            }
        }
    }
}
