package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tus 1.0.0 protocol at the HTTP level against the real server: the headers the spec asks for and every
 * refusal with its status, below what tus-js-client exercises.
 */
class ResumableUploadProtocolTest {
    @TempDir
    static Path storage;
    private static TestServer server;
    private static TusClient tus;

    @BeforeAll
    static void start() {
        server = new TestServer(storage, Map.of("FILE_SIZE_LIMIT", "1MB"));
        server.sql("create policy \"users own their folder\" on storage.objects for all to authenticated"
                + " using ((storage.foldername(name))[1] = auth.uid()::text)"
                + " with check ((storage.foldername(name))[1] = auth.uid()::text)");
        tus = new TusClient(server, server.key("service_role"));
        assertEquals(200, new Api(server).postJson("/bucket", "{\"name\":\"tus\"}").statusCode());
        assertEquals(200, new Api(server).postJson("/bucket",
                "{\"name\":\"tus-small\",\"file_size_limit\":100,\"allowed_mime_types\":[\"text/*\"]}").statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void options_advertises_the_version_the_extensions_and_the_maximum_size_without_a_key() {
        HttpResponse<String> options = tus.raw("OPTIONS", "/upload/resumable", HttpRequest.BodyPublishers.noBody());

        assertEquals(204, options.statusCode());
        assertEquals("1.0.0", header(options, "Tus-Resumable"));
        assertEquals("1.0.0", header(options, "Tus-Version"));
        assertEquals("creation,creation-with-upload,creation-defer-length,termination,expiration",
                header(options, "Tus-Extension"));
        assertEquals("1000000", header(options, "Tus-Max-Size"));
    }

    @Test
    void creation_answers_201_with_an_absolute_location_the_offset_and_the_expiry_and_head_reports_them() {
        HttpResponse<String> created = tus.create("tus", name("a.txt"), "Upload-Length", "10");

        assertEquals(201, created.statusCode(), created.body());
        String location = header(created, "Location");
        assertTrue(location.startsWith(server.baseUrl() + "/upload/resumable/"), location);
        assertEquals("0", header(created, "Upload-Offset"));
        assertEquals("1.0.0", header(created, "Tus-Resumable"));
        assertTrue(header(created, "Upload-Expires").endsWith(" GMT"), header(created, "Upload-Expires"));

        HttpResponse<String> head = tus.head(location);
        assertEquals(200, head.statusCode());
        assertEquals("0", header(head, "Upload-Offset"));
        assertEquals("10", header(head, "Upload-Length"));
        assertEquals("no-store", header(head, "Cache-Control"));
        assertEquals("", head.body());
    }

    @Test
    void chunks_move_the_offset_and_the_last_one_publishes_the_object_after_which_the_upload_is_gone() {
        String location = header(tus.create("tus", name("b.txt"), "Upload-Length", "11"), "Location");

        HttpResponse<String> first = tus.patch(location, 0, "hello ");
        assertEquals(204, first.statusCode(), first.body());
        assertEquals("6", header(first, "Upload-Offset"));
        assertEquals("6", header(tus.head(location), "Upload-Offset"));
        assertEquals(204, tus.patch(location, 6, "world").statusCode());

        assertEquals(404, tus.head(location).statusCode());
        HttpResponse<String> again = tus.patch(location, 11, "!");
        assertEquals(404, again.statusCode(), "a PATCH after completion finds no upload");
        assertEquals("Upload not found", again.body());
    }

    @Test
    void a_chunk_at_the_wrong_offset_is_a_409_conflict_and_changes_nothing() {
        String location = header(tus.create("tus", name("c.txt"), "Upload-Length", "10"), "Location");
        tus.patch(location, 0, "abc");

        HttpResponse<String> wrong = tus.patch(location, 2, "xyz");

        assertEquals(409, wrong.statusCode());
        assertEquals("Upload-Offset 2 does not match the current offset 3", wrong.body());
        assertTrue(header(wrong, "Content-Type").startsWith("text/plain"), header(wrong, "Content-Type"));
        assertEquals("3", header(tus.head(location), "Upload-Offset"));
    }

    @Test
    void a_second_chunk_while_another_request_writes_the_upload_is_a_409_and_the_first_one_completes()
            throws IOException, InterruptedException {
        String location = header(tus.create("tus", name("busy.txt"), "Upload-Length", "10"), "Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        URI uri = URI.create(location);
        try (Socket first = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = first.getOutputStream();
            out.write(("PATCH " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer " + server.key("service_role")
                    + "\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: 10"
                    + "\r\nConnection: close\r\n\r\n12345").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitLeased(id);

            HttpResponse<String> second = tus.patch(location, 0, "abcdefghij");
            out.write("67890".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertEquals(409, second.statusCode());
            assertEquals("The upload is being written by another request", second.body());
            String statusLine = new BufferedReader(new InputStreamReader(first.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 204 No Content", statusLine);
        }
        assertEquals(404, tus.head(location).statusCode(), "the first request completed the upload");
        HardeningLedger.record(HardeningLedger.Kind.SCENARIO, "races", 1);
    }
    @Test
    void missing_or_wrong_headers_are_refused_with_the_status_tus_names() {
        String location = header(tus.create("tus", name("d.txt"), "Upload-Length", "10"), "Location");

        HttpResponse<String> noVersion = tus.raw("HEAD", location.substring(server.baseUrl().length()),
                HttpRequest.BodyPublishers.noBody(), "Authorization", "Bearer " + server.key("service_role"));
        assertEquals(412, noVersion.statusCode());
        assertEquals("1.0.0", header(noVersion, "Tus-Version"));

        assertEquals(415, tus.send(location, "PATCH", "abc", "Upload-Offset", "0", "Content-Type", "text/plain").statusCode());
        HttpResponse<String> noOffset = tus.send(location, "PATCH", "abc", "Content-Type", "application/offset+octet-stream");
        assertEquals(400, noOffset.statusCode());
        assertEquals("Upload-Offset is required", noOffset.body());
        assertEquals(411, tus.patchChunked(location, 0, "abc").statusCode());
        assertEquals(400, tus.create("tus", name("e.txt")).statusCode(), "neither Upload-Length nor deferral");
        assertEquals(400, tus.create("tus", name("e.txt"), "Upload-Length", "-1").statusCode());
        HttpResponse<String> noBucket = tus.raw("POST", "/upload/resumable", HttpRequest.BodyPublishers.noBody(),
                "Tus-Resumable", "1.0.0", "Authorization", "Bearer " + server.key("service_role"), "Upload-Length", "1",
                "Upload-Metadata", "objectName " + TusClient.b64("x"));
        assertEquals(400, noBucket.statusCode());
        assertEquals("Missing Required Parameter bucketName", noBucket.body());
        assertEquals(400, tus.raw("POST", "/upload/resumable", HttpRequest.BodyPublishers.noBody(), "Tus-Resumable",
                "1.0.0", "Upload-Length", "1").statusCode(), "no key");
    }

    @Test
    void an_unknown_upload_is_404() {
        String unknown = server.baseUrl() + "/upload/resumable/" + UUID.randomUUID();

        assertEquals(404, tus.head(unknown).statusCode());
        assertEquals(404, tus.patch(unknown, 0, "a").statusCode());
        assertEquals(404, tus.send(unknown, "DELETE", null).statusCode());
    }

    @Test
    void sizes_over_the_buckets_or_the_global_limit_and_refused_types_are_refused_at_creation() {
        assertEquals(413, tus.create("tus-small", "a.txt", "Upload-Length", "101", "contentType", "text/plain").statusCode());
        assertEquals(413, tus.create("tus", name("big.bin"), "Upload-Length", "1000001").statusCode());
        HttpResponse<String> type = tus.create("tus-small", "a.png", "Upload-Length", "1", "contentType", "image/png");
        assertEquals(415, type.statusCode());
        assertEquals(201, tus.create("tus-small", "a.txt", "Upload-Length", "100", "contentType", "text/plain").statusCode());
    }

    @Test
    void a_zero_byte_upload_is_an_object_as_soon_as_it_is_created() {
        String name = name("empty.txt");

        HttpResponse<String> created = tus.create("tus", name, "Upload-Length", "0");

        assertEquals(201, created.statusCode());
        assertEquals("0", header(created, "Upload-Offset"));
        HttpResponse<String> info = new Api(server).send("GET", "/object/info/tus/" + name, null);
        assertEquals(200, info.statusCode(), info.body());
        assertTrue(info.body().contains("\"size\":0"), info.body());
    }

    @Test
    void a_deferred_length_is_declared_by_the_last_chunk() {
        String location = header(tus.create("tus", name("deferred.txt"), "Upload-Defer-Length", "1"), "Location");
        assertEquals("1", header(tus.head(location), "Upload-Defer-Length"));
        tus.patch(location, 0, "abc");

        HttpResponse<String> last = tus.send(location, "PATCH", "def", "Upload-Offset", "3", "Upload-Length", "6",
                "Content-Type", "application/offset+octet-stream");

        assertEquals(204, last.statusCode(), last.body());
        assertEquals(404, tus.head(location).statusCode(), "complete");
    }

    @Test
    void creation_with_upload_stores_the_first_chunk_with_the_creation() {
        HttpResponse<String> created = tus.send(server.baseUrl() + "/upload/resumable", "POST", "hello",
                tus.creationHeaders("tus", name("with-upload.txt"), "Upload-Length", "10",
                        "Content-Type", "application/offset+octet-stream"));

        assertEquals(201, created.statusCode(), created.body());
        assertEquals("5", header(created, "Upload-Offset"));
        assertEquals("5", header(tus.head(header(created, "Location")), "Upload-Offset"));
    }

    @Test
    void a_caller_the_policies_refuse_gets_403_with_the_reason_and_may_not_touch_anothers_upload() {
        String userA = UUID.randomUUID().toString();
        String userB = UUID.randomUUID().toString();
        TusClient alice = new TusClient(server, server.userKey(userA));
        TusClient bob = new TusClient(server, server.userKey(userB));

        HttpResponse<String> denied = alice.create("tus", userB + "/x.txt", "Upload-Length", "3");
        assertEquals(403, denied.statusCode());
        assertEquals("new row violates row-level security policy", denied.body());

        String location = header(alice.create("tus", userA + "/x.txt", "Upload-Length", "3"), "Location");
        HttpResponse<String> foreign = bob.patch(location, 0, "abc");
        assertEquals(403, foreign.statusCode());
        assertEquals("The upload belongs to another user", foreign.body());
        assertEquals(204, alice.patch(location, 0, "abc").statusCode());
    }

    @Test
    void termination_answers_204_and_the_upload_is_gone() {
        String name = name("t.txt");
        String location = header(tus.create("tus", name, "Upload-Length", "10"), "Location");
        tus.patch(location, 0, "abc");

        assertEquals(204, tus.send(location, "DELETE", null).statusCode());

        assertEquals(404, tus.head(location).statusCode());
        assertEquals(404, new Api(server).send("GET", "/object/info/tus/" + name, null).statusCode());
    }

    /** Waits (boundedly) until a request holds the upload's lease. */
    private static void awaitLeased(String id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (server.queryLong("select count(*) from storage.upload_sessions where id = '" + id
                    + "' and lease_token is not null") == 1) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no request took the lease");
    }

    private static String name(String file) {
        return UUID.randomUUID() + "/" + file;
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
