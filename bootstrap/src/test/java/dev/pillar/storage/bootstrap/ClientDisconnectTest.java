package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that vanish in the middle of an upload, for real: a socket sends the headers and part of the body, then
 * is reset. Raw and multipart-form bodies, small ones and ones larger than an S3 part. Afterwards there is no row,
 * no temporary file, no stored blob and (on S3) no multipart upload left; the object stored before is intact.
 * This class runs on the file backend; {@link ClientDisconnectOnS3Test} runs it on S3.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientDisconnectTest {
    static final int MIB = 1024 * 1024;
    private static final String BOUNDARY = "----fault-test-boundary";
    private Path directory;
    private TestServer server;
    private Api api;
    private byte[] kept;

    /** The server's backend; the file backend here. */
    protected Map<String, String> backendEnvironment(Path dir) {
        return Map.of();
    }

    /** Everything the backend holds: the storage directory's files, temporary ones included. */
    protected List<String> storedThings() {
        try (Stream<Path> files = Files.walk(directory.resolve("objects"))) {
            return files.filter(Files::isRegularFile).map(path -> directory.relativize(path).toString()).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected String suite() {
        return "faults-client-disconnect-file";
    }

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        directory = dir;
        server = new TestServer(directory.resolve("objects"), backendEnvironment(directory));
        api = new Api(server);
        assertEquals(200, api.postJson("/bucket", "{\"name\":\"files\"}").statusCode());
        kept = Faults.bytes(MIB, 11);
        assertEquals(200, api.sendBytes("POST", "/object/files/kept.bin", kept).statusCode());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void a_raw_upload_cut_after_several_parts_leaves_nothing() throws Exception {
        assertVanishingClientLeavesNothing("POST", "raw-large.bin", 12 * MIB, 7 * MIB, false);
    }

    @Test
    void a_small_raw_overwrite_cut_early_leaves_nothing() throws Exception {
        assertVanishingClientLeavesNothing("PUT", "raw-small.bin", 200 * 1024, 10 * 1024, false);
    }

    @Test
    void a_multipart_form_upload_cut_after_several_parts_leaves_nothing() throws Exception {
        assertVanishingClientLeavesNothing("POST", "form-large.bin", 12 * MIB, 7 * MIB, true);
    }

    @Test
    void a_small_multipart_form_upload_cut_early_leaves_nothing() throws Exception {
        assertVanishingClientLeavesNothing("POST", "form-small.bin", 200 * 1024, 10 * 1024, true);
    }

    private void assertVanishingClientLeavesNothing(String method, String name, int size, int sent, boolean form)
            throws Exception {
        List<String> before = storedThings();
        byte[] head = form ? formHead(name) : new byte[0];
        byte[] tail = form ? ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII) : new byte[0];
        String contentType = form ? "multipart/form-data; boundary=" + BOUNDARY : "application/octet-stream";
        InputStream body = new PatternStream(size, name.hashCode());
        URI url = URI.create(server.baseUrl() + "/object/files/" + name);
        try (RawHttp.Connection upload = RawHttp.start(method, url, Duration.ofSeconds(30),
                "Authorization", "Bearer " + api.key(), "Content-Type", contentType, "x-upsert", "true",
                "Content-Length", Long.toString(head.length + (long) size + tail.length))) {
            upload.write(head).write(body, sent);
            if (sent > 5 * MIB) {
                Faults.await("the upload reached the backend", Duration.ofSeconds(10),
                        () -> !storedThings().equals(before));
            }
            upload.abort();
        }
        HardeningLedger.record(HardeningLedger.Kind.FAULT, suite(), 1);

        Faults.await("nothing is left of the upload", Duration.ofSeconds(10), () -> storedThings().equals(before));
        assertEquals(0, server.queryLong("select count(*) from storage.objects where name = '" + name + "'"));
        HttpResponse<byte[]> after = api.sendBytes("GET", "/object/files/kept.bin", null);
        boolean intact = after.statusCode() == 200 && Arrays.equals(kept, after.body());
        HardeningLedger.record(HardeningLedger.Kind.OBJECT_LOST, suite(), intact ? 0 : 1);
        assertTrue(intact, "the object stored before reads back intact");
        byte[] whole = Faults.bytes(64 * 1024, 5);
        assertEquals(200, api.sendBytes(method, "/object/files/" + name, whole, "x-upsert", "true").statusCode(),
                "the same name can be uploaded right after");
        assertEquals(200, api.send("DELETE", "/object/files/" + name, null).statusCode());
        HardeningLedger.record(HardeningLedger.Kind.SCENARIO, suite(), 1);
    }

    private static byte[] formHead(String name) {
        List<String> lines = new ArrayList<>(List.of(
                "--" + BOUNDARY,
                "Content-Disposition: form-data; name=\"cacheControl\"",
                "",
                "3600",
                "--" + BOUNDARY,
                "Content-Disposition: form-data; name=\"\"; filename=\"" + name + "\"",
                "Content-Type: application/octet-stream",
                "",
                ""));
        return String.join("\r\n", lines).getBytes(StandardCharsets.US_ASCII);
    }
}
