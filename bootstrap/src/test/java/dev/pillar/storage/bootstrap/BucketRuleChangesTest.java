package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes read their bucket from a briefly remembered copy (ADR 0020): a change made through this server is
 * obeyed by the very next request, and a bucket deleted behind its back (as by another instance) still leaves
 * neither a row nor bytes behind, the row's foreign key refusing the upload.
 */
class BucketRuleChangesTest {
    private static final byte[] FIFTY_BYTES = new byte[50];
    @TempDir
    static Path directory;
    private static BlobWorld world;
    private static Api api;

    @BeforeAll
    static void start() {
        world = BlobWorld.start(ServerConfig.Backend.FILE, directory);
        api = new Api(world.server());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void a_changed_size_limit_is_obeyed_by_the_very_next_upload() {
        assertEquals(200, api.postJson("/bucket", "{\"name\":\"sized\",\"file_size_limit\":100}").statusCode());
        assertEquals(200, upload("sized", "first.bin", "application/octet-stream").statusCode());

        update("sized", "{\"file_size_limit\":10}");
        HttpResponse<String> refused = upload("sized", "second.bin", "application/octet-stream");
        update("sized", "{\"file_size_limit\":100}");
        HttpResponse<String> accepted = upload("sized", "third.bin", "application/octet-stream");

        assertEquals(413, refused.statusCode(), refused.body());
        assertEquals(200, accepted.statusCode(), accepted.body());
    }

    @Test
    void changed_accepted_types_are_obeyed_by_the_very_next_upload_and_copy() {
        assertEquals(200, api.postJson("/bucket", "{\"name\":\"typed\",\"allowed_mime_types\":[\"text/plain\"]}")
                .statusCode());
        assertEquals(200, upload("typed", "note.txt", "text/plain").statusCode());

        update("typed", "{\"allowed_mime_types\":[\"image/png\"]}");
        HttpResponse<String> upload = upload("typed", "later.txt", "text/plain");
        HttpResponse<String> copy = api.postJson("/object/copy",
                "{\"bucketId\":\"typed\",\"sourceKey\":\"note.txt\",\"destinationKey\":\"copy.txt\"}");

        assertEquals(415, upload.statusCode(), upload.body());
        assertEquals(415, copy.statusCode(), copy.body());
    }

    @Test
    void a_changed_public_flag_is_obeyed_by_the_very_next_public_download() {
        assertEquals(200, api.postJson("/bucket", "{\"name\":\"shown\",\"public\":false}").statusCode());
        assertEquals(200, upload("shown", "photo.bin", "application/octet-stream").statusCode());
        Api browser = Api.withoutKey(world.server());

        update("shown", "{\"public\":true}");
        int whilePublic = browser.send("GET", "/object/public/shown/photo.bin", null).statusCode();
        update("shown", "{\"public\":false}");
        int whilePrivate = browser.send("GET", "/object/public/shown/photo.bin", null).statusCode();

        assertEquals(200, whilePublic);
        assertTrue(whilePrivate >= 400, "a private bucket's object is not public: " + whilePrivate);
    }

    @Test
    void an_upload_into_a_bucket_deleted_through_this_server_is_refused_at_once() {
        assertEquals(200, api.postJson("/bucket", "{\"name\":\"dropped\"}").statusCode());
        assertEquals(200, upload("dropped", "once.bin", "application/octet-stream").statusCode());
        assertEquals(200, api.send("DELETE", "/object/dropped/once.bin", null).statusCode());
        assertEquals(200, api.send("DELETE", "/bucket/dropped", null).statusCode());

        HttpResponse<String> late = upload("dropped", "late.bin", "application/octet-stream");

        assertBucketNotFound(late);
        assertEquals(Set.of(), world.rows("dropped"));
        assertEquals(Set.of(), world.blobs("dropped"));
    }

    @Test
    void an_upload_into_a_bucket_another_instance_deleted_meanwhile_is_not_found_and_leaves_nothing() {
        assertEquals(200, api.postJson("/bucket", "{\"name\":\"elsewhere\"}").statusCode());
        assertEquals(200, upload("elsewhere", "once.bin", "application/octet-stream").statusCode());
        assertEquals(200, api.send("DELETE", "/object/elsewhere/once.bin", null).statusCode());
        world.server().sql("delete from storage.buckets where id = 'elsewhere'"); // not through this server

        HttpResponse<String> late = upload("elsewhere", "late.bin", "application/octet-stream");

        assertBucketNotFound(late);
        assertEquals(Set.of(), world.rows("elsewhere"));
        assertEquals(Set.of(), world.blobs("elsewhere"), "the bytes streamed before the refusal are removed");
    }

    private static HttpResponse<String> upload(String bucket, String name, String contentType) {
        return api.sendBytesTo(world.server().baseUrl() + "/object/" + bucket + "/" + name, "POST", FIFTY_BYTES,
                "content-type", contentType);
    }

    private static void update(String bucket, String json) {
        HttpResponse<String> answer = api.send("PUT", "/bucket/" + bucket, json, "content-type", "application/json");
        assertEquals(200, answer.statusCode(), answer.body());
    }

    private static void assertBucketNotFound(HttpResponse<String> answer) {
        assertEquals(404, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("Bucket not found"), answer.body());
    }
}
