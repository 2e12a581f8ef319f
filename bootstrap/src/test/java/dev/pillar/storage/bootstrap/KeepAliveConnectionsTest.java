package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1000 kept-alive connections, each having done one request, are held by the server while other clients' requests
 * still succeed; afterwards the held connections still answer. Loopback only, bounded in count and time.
 */
class KeepAliveConnectionsTest {
    private static final int CONNECTIONS = 1000;
    @TempDir
    static Path storage;

    @Test
    void a_thousand_kept_alive_connections_are_held_while_other_requests_succeed() {
        List<RawHttp.Connection> held = new ArrayList<>();
        try (TestServer server = new TestServer(storage, Map.of("HTTP_READ_TIMEOUT_MS", "120000"))) {
            Api api = new Api(server);
            assertEquals(200, api.postJson("/bucket", "{\"id\":\"alive\"}").statusCode());
            URI base = URI.create(server.baseUrl());
            RawHttp raw = new RawHttp(base.getHost(), base.getPort(), Duration.ofSeconds(30));
            byte[] list = RawHttp.request("GET /storage/v1/bucket/alive HTTP/1.1",
                    List.of("Host: x", "Authorization: Bearer " + server.key("service_role")), new byte[0]);
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    RawHttp.Connection connection = raw.open();
                    held.add(connection);
                    assertEquals(200, connection.exchange(list, false).status(), "connection " + i);
                }

                for (int i = 0; i < 20; i++) {
                    long start = System.nanoTime();
                    assertEquals(200, api.send("POST", "/object/alive/o" + i + ".txt", "ok",
                            "content-type", "text/plain").statusCode());
                    assertEquals("ok", api.send("GET", "/object/alive/o" + i + ".txt", null).body());
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "a request took " + took);
                }

                for (int i = 0; i < CONNECTIONS; i += 20) {
                    assertEquals(200, held.get(i).exchange(list, false).status(), "held connection " + i);
                }
            } finally {
                held.forEach(RawHttp.Connection::close);
            }
            HardeningLedger.record(HardeningLedger.Kind.SCENARIO, "KeepAliveConnectionsTest", 1);
        }
    }
}
