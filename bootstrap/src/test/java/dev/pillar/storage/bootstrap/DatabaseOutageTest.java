package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL goes away behind a running server, for real: a TCP proxy in front of it refuses connections, or
 * stops carrying bytes as a dead link does, or PostgreSQL terminates the server's backends. Requests answer 503
 * {@code DatabaseTimeout} in Supabase's JSON shape within the configured timeouts, no request stays stuck with a
 * connection, and the pool recovers by itself once the database is back; what was stored before is intact.
 */
class DatabaseOutageTest {
    private static final String SUITE = "faults-database";
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(1);
    /** The longest an answer may take: the statement timeout, the driver's 5 s margin, and slack for a busy CI. */
    private static final Duration BOUND = STATEMENT_TIMEOUT.plusSeconds(5).plusSeconds(3);
    private static final Pattern IN_USE =
            Pattern.compile("(?m)^storage_db_pool_connections_in_use(?:\\{[^}]*})? (\\S+)$");
    @TempDir
    static Path directory;
    private static TcpProxy proxy;
    private static TestServer server;
    private static Api api;
    private static byte[] kept;

    /** One server for the scenarios, each of which ends with the database reachable again. */
    @BeforeAll
    static void start() throws IOException {
        proxy = TcpProxy.to(5432);
        server = new TestServer(directory, Map.of(
                "DATABASE_CONNECTION_TIMEOUT", Long.toString(CONNECTION_TIMEOUT.toMillis()),
                "DATABASE_STATEMENT_TIMEOUT", Long.toString(STATEMENT_TIMEOUT.toMillis())), proxy.port());
        api = new Api(server);
        assertEquals(200, api.postJson("/bucket", "{\"name\":\"files\"}").statusCode());
        kept = Faults.bytes(256 * 1024, 7);
        assertEquals(200, api.sendBytes("POST", "/object/files/kept.bin", kept).statusCode());
    }

    /** A scenario that failed half-way must not leave the next one without its database. */
    @AfterEach
    void reconnect() {
        proxy.restore();
    }

    @AfterAll
    static void stop() {
        server.close();
        proxy.close();
    }

    @Test
    void a_database_that_refuses_connections_answers_503_and_the_pool_recovers_by_itself() throws Exception {
        List<Path> blobsBefore = blobs();
        proxy.cut();
        HardeningLedger.record(HardeningLedger.Kind.FAULT, SUITE, 1);

        assertEveryRequestFailsFast("refused.txt");

        proxy.restore();
        assertRecovered(blobsBefore, "refused.txt");
        HardeningLedger.record(HardeningLedger.Kind.SCENARIO, SUITE, 1);
    }

    @Test
    void a_database_that_stops_answering_is_given_up_within_the_timeouts() throws Exception {
        List<Path> blobsBefore = blobs();
        proxy.blackhole();
        HardeningLedger.record(HardeningLedger.Kind.FAULT, SUITE, 1);

        assertEveryRequestFailsFast("unanswered.txt");

        proxy.restore();
        assertRecovered(blobsBefore, "unanswered.txt");
        HardeningLedger.record(HardeningLedger.Kind.SCENARIO, SUITE, 1);
    }

    @Test
    void an_upload_whose_database_goes_away_mid_body_answers_503_and_leaves_no_blob() throws Exception {
        List<Path> blobsBefore = blobs();
        int size = 4 * 1024 * 1024;
        InputStream body = new PatternStream(size, 8);
        RawHttp.Response answer;
        URI url = URI.create(server.baseUrl() + "/object/files/mid-body.bin");
        try (RawHttp.Connection upload = RawHttp.start("POST", url, BOUND, "Authorization", "Bearer " + api.key(), "Content-Type", "application/octet-stream",
                "Content-Length", Integer.toString(size))) {
            upload.write(body, size / 2);
            Faults.await("the bytes are being written", Duration.ofSeconds(10), () -> !blobs().equals(blobsBefore));
            proxy.cut();
            HardeningLedger.record(HardeningLedger.Kind.FAULT, SUITE, 1);
            long cut = System.nanoTime();
            upload.write(body, size - size / 2);
            answer = upload.read("POST");
            Duration took = Duration.ofNanos(System.nanoTime() - cut);
            assertTrue(took.compareTo(BOUND) < 0, "answered after " + took);
        }
        assertUnavailable(answer.status(), answer.text());

        proxy.restore();
        assertRecovered(blobsBefore, "mid-body.bin");
        HardeningLedger.record(HardeningLedger.Kind.SCENARIO, SUITE, 1);
    }

    @Test
    void backends_terminated_by_postgres_are_replaced_without_a_failed_request() throws Exception {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertEquals(200, api.send("GET", "/bucket", null).statusCode());
            }
            long terminated = server.queryLong("select count(*) from (select pg_terminate_backend(pid) from"
                    + " pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
                    + " and application_name = 'pillar-storage') as t");
            assertTrue(terminated > 0, "the server's backends were terminated");
            HardeningLedger.record(HardeningLedger.Kind.FAULT, SUITE, terminated);

            assertEquals(200, api.send("GET", "/bucket", null).statusCode());
            assertEquals(200, api.send("GET", "/object/info/files/kept.bin", null).statusCode());
            assertKeptIsIntact();
            byte[] fresh = Faults.bytes(1024, round);
            assertEquals(200, api.sendBytes("POST", "/object/files/fresh.bin", fresh, "x-upsert", "true")
                    .statusCode());
        }
        HardeningLedger.record(HardeningLedger.Kind.SCENARIO, SUITE, 1);
    }

    /** Reads, listings, an upload and the health check: each a 503 in Supabase's shape, none slower than the bound. */
    private void assertEveryRequestFailsFast(String name) {
        List<Runnable> requests = List.of(
                () -> assertUnavailable(api.send("GET", "/bucket", null)),
                () -> assertUnavailable(api.send("GET", "/object/info/files/kept.bin", null)),
                () -> assertUnavailable(api.send("GET", "/object/files/kept.bin", null)),
                () -> assertUnavailable(api.postJson("/object/list/files", "{\"prefix\":\"\"}")),
                () -> assertUnavailable(api.send("POST", "/object/files/" + name, "written while it is away")),
                () -> {
                    HttpResponse<String> health = api.send("GET", "/health", null);
                    assertEquals(503, health.statusCode(), health.body());
                    assertTrue(health.body().contains("\"database\":\"unavailable\""), health.body());
                });
        for (Runnable request : requests) {
            long started = System.nanoTime();
            request.run();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(BOUND) < 0, "answered after " + took + ", more than " + BOUND);
        }
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertUnavailable(response.statusCode(), response.body());
    }

    private static void assertUnavailable(int status, String body) {
        assertEquals(503, status, body);
        Faults.assertErrorShape(body, "503");
        assertTrue(body.contains("\"code\":\"DatabaseTimeout\""), body);
    }

    /** Requests succeed again without a restart, nothing was left behind, no connection is held by a stuck request. */
    private void assertRecovered(List<Path> blobsBefore, String name) throws Exception {
        Faults.await("the server reaches the database again", Duration.ofSeconds(15),
                () -> api.send("GET", "/bucket", null).statusCode() == 200);
        assertEquals(200, api.send("GET", "/health", null).statusCode());
        assertEquals(0, server.queryLong("select count(*) from storage.objects where name = '" + name + "'"),
                "no row for the upload the outage refused");
        assertEquals(blobsBefore, blobs(), "no blob left behind by the refused upload");
        assertKeptIsIntact();
        assertEquals(200, api.send("POST", "/object/files/" + name, "written after the outage").statusCode());
        Faults.await("no connection is still lent out", Duration.ofSeconds(5), () -> connectionsInUse() == 0);
    }

    private static void assertKeptIsIntact() {
        HttpResponse<byte[]> after = api.sendBytes("GET", "/object/files/kept.bin", null);
        boolean intact = after.statusCode() == 200 && Arrays.equals(kept, after.body());
        HardeningLedger.record(HardeningLedger.Kind.OBJECT_LOST, SUITE, intact ? 0 : 1);
        assertTrue(intact, "the object stored before the fault reads back intact");
    }

    private static double connectionsInUse() {
        Matcher matcher = IN_USE.matcher(api.send("GET", "/metrics", null).body());
        assertTrue(matcher.find(), "the pool's gauge is exported");
        return Double.parseDouble(matcher.group(1));
    }

    private static List<Path> blobs() {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).map(directory::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
