package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.BucketQuery;
import dev.pillar.storage.domain.failure.Unavailable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated();
    private static final Duration FAST = Duration.ofMillis(2_500);

    @Test
    void a_reachable_database_is_healthy() {
        assertTrue(DB.open().isHealthy());
    }

    @Test
    void a_database_behind_a_closed_port_is_unhealthy_quickly() throws IOException {
        PostgresMetadataStore store = DB.open(closedPort());

        assertTimeoutPreemptively(FAST, () -> assertFalse(store.isHealthy()));
        assertTimeoutPreemptively(FAST, () -> assertFalse(store.isHealthy()), "and again, once the pool retries");
    }

    @Test
    void requests_to_a_database_behind_a_closed_port_fail_as_unavailable_within_the_connection_timeout()
            throws IOException {
        PostgresMetadataStore store = DB.open(closedPort());

        Unavailable failure = assertTimeoutPreemptively(FAST, () -> assertThrows(Unavailable.class,
                () -> store.inTransaction(Fixtures.SERVICE, repos -> repos.buckets().list(BucketQuery.all()))));
        assertEquals(Unavailable.Service.DATABASE, failure.service());
    }

    @Test
    void connecting_to_a_database_behind_a_closed_port_fails_as_unavailable() throws IOException {
        PostgresSettings settings = closedPort();

        assertTimeoutPreemptively(FAST, () -> assertThrows(Unavailable.class,
                () -> PostgresMetadataStore.connect(settings)));
    }

    @Test
    void a_closed_store_is_unhealthy_and_unavailable() {
        PostgresMetadataStore store = PostgresMetadataStore.connect(DB.settings().withMaxPoolSize(2));
        assertTrue(store.isHealthy());

        store.close();

        assertFalse(store.isHealthy());
        assertThrows(Unavailable.class, () -> store.inTransaction(Fixtures.SERVICE,
                repos -> repos.buckets().list(BucketQuery.all())));
    }

    private static PostgresSettings closedPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return PostgresSettings.of("jdbc:postgresql://127.0.0.1:" + port + "/nothing", "postgres", "")
                .withConnectionTimeout(Duration.ofMillis(500));
    }
}
