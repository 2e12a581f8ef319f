package dev.pillar.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.support.Json;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The project the RLS matrix runs in: a real server with Supabase-style policies (signed-in users see every
 * bucket and read and write objects only under a folder named after their id; anyone may drop new files into
 * a drop box they cannot read back; only the service role creates, changes or deletes buckets), a private, a
 * public and a drop-box bucket, the four callers, and fresh fixtures per cell.
 */
final class RlsWorld implements AutoCloseable {
    static final String PRIVATE = "rls-private";
    static final String PUBLIC = "rls-public";
    static final String DROPBOX = "rls-dropbox";
    static final String OWNER_ID = "6b1e6c1e-0000-4000-8000-00000000a11c";
    static final String OTHER_ID = "6b1e6c1e-0000-4000-8000-000000000b0b";
    private static final String POLICIES = """
            create policy "signed-in users see the buckets" on storage.buckets for select to authenticated
            using (true);
            create policy "users read their own folder" on storage.objects for select to authenticated
            using ((storage.foldername(name))[1] = auth.uid()::text);
            create policy "users upload into their own folder" on storage.objects for insert to authenticated
            with check ((storage.foldername(name))[1] = auth.uid()::text);
            create policy "users update their own folder" on storage.objects for update to authenticated
            using ((storage.foldername(name))[1] = auth.uid()::text)
            with check ((storage.foldername(name))[1] = auth.uid()::text);
            create policy "users delete from their own folder" on storage.objects for delete to authenticated
            using ((storage.foldername(name))[1] = auth.uid()::text);
            create policy "anyone drops files into the drop box" on storage.objects for insert to anon, authenticated
            with check (bucket_id = 'rls-dropbox');
            """;

    /** Who calls: the columns of the matrix. */
    enum Actor { ANON, OWNER, OTHER, SERVICE }

    private final TestServer server;
    private final Map<Actor, Api> apis = new EnumMap<>(Actor.class);

    RlsWorld(Path storage) {
        server = new TestServer(storage, Map.of());
        server.sql(POLICIES);
        for (Actor actor : Actor.values()) {
            apis.put(actor, new Api(server, key(actor)));
        }
        createBucket(PRIVATE, false);
        createBucket(PUBLIC, true);
        createBucket(DROPBOX, false);
    }

    Api as(Actor actor) {
        return apis.get(actor);
    }

    TestServer server() {
        return server;
    }

    String key(Actor actor) {
        return switch (actor) {
            case ANON -> server.key("anon");
            case OWNER -> server.userKey(OWNER_ID);
            case OTHER -> server.userKey(OTHER_ID);
            case SERVICE -> server.key("service_role");
        };
    }

    /** The folder an actor writes into: a user's own; the owner's for those who have none. */
    static String folderOf(Actor actor) {
        return actor == Actor.OTHER ? OTHER_ID : OWNER_ID;
    }

    void createBucket(String id, boolean isPublic) {
        HttpResponse<String> created = as(Actor.SERVICE).postJson("/bucket",
                "{\"name\":\"" + id + "\",\"public\":" + isPublic + "}");
        assertEquals(200, created.statusCode(), created.body());
    }

    /** {@code <owner>/<tag>/file.txt} in {@code bucket}, uploaded by its owner; its bytes are {@link #textOf}. */
    String fixture(String bucket, String tag) {
        String name = OWNER_ID + "/" + tag + "/file.txt";
        HttpResponse<String> stored = as(Actor.OWNER).send("POST", "/object/" + bucket + "/" + name, textOf(tag),
                "content-type", "text/plain");
        assertEquals(200, stored.statusCode(), stored.body());
        return name;
    }

    /** {@code <owner>/<tag>/image.png} in {@code bucket}, a small PNG uploaded by its owner. */
    String imageFixture(String bucket, String tag) {
        String name = OWNER_ID + "/" + tag + "/image.png";
        HttpResponse<String> stored = as(Actor.OWNER).sendBytesTo(server.baseUrl() + "/object/" + bucket + "/" + name,
                "POST", png(), "content-type", "image/png");
        assertEquals(200, stored.statusCode(), stored.body());
        return name;
    }

    static String textOf(String tag) {
        return "the bytes of " + tag;
    }

    boolean objectExists(String bucket, String name) {
        return server.queryLong("select count(*) from storage.objects where bucket_id = '" + bucket
                + "' and name = '" + name + "'") == 1;
    }

    boolean bucketExists(String bucket) {
        return server.queryLong("select count(*) from storage.buckets where id = '" + bucket + "'") == 1;
    }

    /** The object's bytes as the service role reads them, or empty when it is gone. */
    Optional<String> contentOf(String bucket, String name) {
        HttpResponse<String> read = as(Actor.SERVICE).send("GET", "/object/" + bucket + "/" + name, null);
        return read.statusCode() == 200 ? Optional.of(read.body()) : Optional.empty();
    }

    /** A path the server answered with (a signed URL) fetched without any key. */
    HttpResponse<String> fetchWithoutKey(String method, String relativeUrl, String body) {
        return Api.withoutKey(server).sendTo(server.baseUrl() + relativeUrl, method, body);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xff8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.close();
    }
}
