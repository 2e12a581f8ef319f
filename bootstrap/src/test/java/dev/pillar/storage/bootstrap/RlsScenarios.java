package dev.pillar.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.bootstrap.RlsWorld.Actor;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

import static dev.pillar.storage.bootstrap.RlsWorld.DROPBOX;
import static dev.pillar.storage.bootstrap.RlsWorld.OTHER_ID;
import static dev.pillar.storage.bootstrap.RlsWorld.OWNER_ID;
import static dev.pillar.storage.bootstrap.RlsWorld.PRIVATE;
import static dev.pillar.storage.bootstrap.RlsWorld.PUBLIC;
import static dev.pillar.storage.bootstrap.RlsWorld.folderOf;
import static dev.pillar.storage.bootstrap.RlsWorld.json;
import static dev.pillar.storage.bootstrap.RlsWorld.textOf;

/**
 * What each row of the RLS matrix does: seed its own fixtures (named after the cell, so cells never share
 * state), send the request storage-js would send as the actor, and report the status, the error code and
 * whether the operation took effect (a read returned the fixture; a write changed what it was asked to).
 */
final class RlsScenarios {
    /** What one cell saw. */
    record Observed(int status, String code, boolean tookEffect) {
        static Observed of(HttpResponse<String> response, boolean tookEffect) {
            return new Observed(response.statusCode(), json(response).path("code").asText(""), tookEffect);
        }
    }

    /** One row: runs the route as {@code actor} on fixtures named after {@code tag}. */
    interface Scenario {
        Observed run(Actor actor, String tag);
    }

    private final RlsWorld world;

    RlsScenarios(RlsWorld world) {
        this.world = world;
    }

    /** Every row by its name in the matrix. */
    Map<String, Scenario> all() {
        Map<String, Scenario> rows = new LinkedHashMap<>();
        rows.put("bucket list", (actor, tag) -> {
            HttpResponse<String> listed = world.as(actor).send("GET", "/bucket", null);
            return Observed.of(listed, StreamSupport.stream(json(listed).spliterator(), false)
                    .anyMatch(bucket -> bucket.path("id").asText().equals(PRIVATE)));
        });
        rows.put("bucket get", (actor, tag) -> {
            HttpResponse<String> got = world.as(actor).send("GET", "/bucket/" + PRIVATE, null);
            return Observed.of(got, json(got).path("id").asText().equals(PRIVATE));
        });
        rows.put("bucket create", (actor, tag) -> Observed.of(world.as(actor).postJson("/bucket",
                "{\"name\":\"" + tag + "\"}"), world.bucketExists(tag)));
        rows.put("bucket update", (actor, tag) -> {
            world.createBucket(tag, false);
            HttpResponse<String> updated = world.as(actor).send("PUT", "/bucket/" + tag, "{\"public\":true}",
                    "content-type", "application/json");
            return Observed.of(updated, world.server().queryLong(
                    "select count(*) from storage.buckets where public and id = '" + tag + "'") == 1);
        });
        rows.put("bucket empty", (actor, tag) -> {
            world.createBucket(tag, false);
            String name = world.fixture(tag, tag);
            return Observed.of(world.as(actor).send("POST", "/bucket/" + tag + "/empty", null),
                    !world.objectExists(tag, name));
        });
        rows.put("bucket delete", (actor, tag) -> {
            world.createBucket(tag, false);
            return Observed.of(world.as(actor).send("DELETE", "/bucket/" + tag, null), !world.bucketExists(tag));
        });
        rows.put("bucket delete, not empty", (actor, tag) -> {
            world.createBucket(tag, false);
            world.fixture(tag, tag);
            return Observed.of(world.as(actor).send("DELETE", "/bucket/" + tag, null), !world.bucketExists(tag));
        });
        rows.put("upload", (actor, tag) -> {
            String name = OWNER_ID + "/" + tag + "/new.txt";
            return Observed.of(world.as(actor).send("POST", "/object/" + PRIVATE + "/" + name, "new",
                    "content-type", "text/plain"), world.objectExists(PRIVATE, name));
        });
        rows.put("upload with x-upsert", (actor, tag) -> overwrite(actor, tag, "POST", "x-upsert", "true"));
        rows.put("upload, name taken", (actor, tag) -> overwrite(actor, tag, "POST"));
        rows.put("update (PUT)", (actor, tag) -> overwrite(actor, tag, "PUT"));
        rows.put("download", (actor, tag) -> read(actor, tag, "/object/" + PRIVATE + "/"));
        rows.put("download, authenticated route",
                (actor, tag) -> read(actor, tag, "/object/authenticated/" + PRIVATE + "/"));
        rows.put("info", (actor, tag) -> info(actor, tag, PRIVATE, "/object/info/"));
        rows.put("exists (HEAD)", (actor, tag) -> {
            String name = world.fixture(PRIVATE, tag);
            HttpResponse<String> head = world.as(actor).send("HEAD", "/object/" + PRIVATE + "/" + name, null);
            return Observed.of(head, head.statusCode() == 200
                    && head.headers().firstValueAsLong("content-length").orElse(-1) == textOf(tag).length());
        });
        rows.put("list", (actor, tag) -> list(actor, tag, PRIVATE));
        rows.put("list a public bucket", (actor, tag) -> list(actor, tag, PUBLIC));
        rows.put("list-v2", (actor, tag) -> {
            String name = world.fixture(PRIVATE, tag);
            HttpResponse<String> page = world.as(actor).postJson("/object/list-v2/" + PRIVATE,
                    "{\"prefix\":\"" + OWNER_ID + "/" + tag + "/\",\"limit\":100}");
            return Observed.of(page, StreamSupport.stream(json(page).path("objects").spliterator(), false)
                    .anyMatch(object -> object.path("name").asText().equals(name)));
        });
        rows.put("remove", (actor, tag) -> {
            String name = world.fixture(PRIVATE, tag);
            HttpResponse<String> removed = world.as(actor).send("DELETE", "/object/" + PRIVATE,
                    "{\"prefixes\":[\"" + name + "\"]}", "content-type", "application/json");
            return Observed.of(removed, !world.objectExists(PRIVATE, name));
        });
        rows.put("remove one", (actor, tag) -> {
            String name = world.fixture(PRIVATE, tag);
            HttpResponse<String> removed = world.as(actor).send("DELETE", "/object/" + PRIVATE + "/" + name, null);
            return Observed.of(removed, !world.objectExists(PRIVATE, name));
        });
        rows.put("copy", (actor, tag) -> transfer(actor, tag, "copy", PRIVATE));
        rows.put("copy to another bucket", (actor, tag) -> transfer(actor, tag, "copy", PUBLIC));
        rows.put("copy into another user's folder", (actor, tag) -> transfer(actor, tag, "copy", PRIVATE,
                folderOfTheOtherParty(actor)));
        rows.put("move", (actor, tag) -> transfer(actor, tag, "move", PRIVATE));
        rows.put("move to another bucket", (actor, tag) -> transfer(actor, tag, "move", PUBLIC));
        rows.put("move into another user's folder", (actor, tag) -> transfer(actor, tag, "move", PRIVATE,
                folderOfTheOtherParty(actor)));
        rows.put("sign", (actor, tag) -> sign(actor, tag, PRIVATE));
        rows.put("sign in a public bucket", (actor, tag) -> sign(actor, tag, PUBLIC));
        rows.put("sign many", (actor, tag) -> {
            String name = world.fixture(PRIVATE, tag);
            HttpResponse<String> signed = world.as(actor).postJson("/object/sign/" + PRIVATE,
                    "{\"expiresIn\":60,\"paths\":[\"" + name + "\"]}");
            return Observed.of(signed, servesFixture(json(signed).path(0).path("signedURL"), tag));
        });
        rows.put("signed download", (actor, tag) -> {
            String name = world.fixture(PRIVATE, tag);
            String url = json(world.as(Actor.SERVICE).postJson("/object/sign/" + PRIVATE + "/" + name,
                    "{\"expiresIn\":60}")).path("signedURL").asText();
            HttpResponse<String> read = world.as(actor).send("GET", url, null);
            return Observed.of(read, read.statusCode() == 200 && read.body().equals(textOf(tag)));
        });
        rows.put("signed render", (actor, tag) -> {
            String name = world.imageFixture(PRIVATE, tag);
            String url = json(world.as(Actor.SERVICE).postJson("/object/sign/" + PRIVATE + "/" + name,
                    "{\"expiresIn\":60,\"transform\":{\"width\":8}}")).path("signedURL").asText();
            HttpResponse<String> rendered = world.as(actor).send("GET", url, null);
            return Observed.of(rendered, url.startsWith("/render/image/sign/") && rendered.statusCode() == 200
                    && rendered.headers().firstValue("content-type").orElse("").startsWith("image/"));
        });
        rows.put("signed upload URL", (actor, tag) -> {
            String name = OWNER_ID + "/" + tag + "/signed.txt";
            HttpResponse<String> signed = world.as(actor).send("POST", "/object/upload/sign/" + PRIVATE + "/" + name,
                    null);
            if (signed.statusCode() == 200) {
                world.fetchWithoutKey("PUT", json(signed).path("url").asText(), "signed");
            }
            return Observed.of(signed, world.objectExists(PRIVATE, name));
        });
        rows.put("signed upload URL, name taken", (actor, tag) -> {
            String name = world.fixture(PRIVATE, tag);
            return Observed.of(world.as(actor).send("POST", "/object/upload/sign/" + PRIVATE + "/" + name, null),
                    false);
        });
        rows.put("upload to a signed URL", (actor, tag) -> {
            String name = OWNER_ID + "/" + tag + "/signed.txt";
            String url = json(world.as(Actor.OWNER).send("POST", "/object/upload/sign/" + PRIVATE + "/" + name, null))
                    .path("url").asText();
            return Observed.of(world.as(actor).send("PUT", url, "signed", "content-type", "text/plain"),
                    world.objectExists(PRIVATE, name));
        });
        rows.put("public URL", (actor, tag) -> read(actor, tag, PUBLIC, "/object/public/" + PUBLIC + "/"));
        rows.put("public URL of a private bucket", (actor, tag) -> read(actor, tag, "/object/public/" + PRIVATE + "/"));
        rows.put("download from a public bucket", (actor, tag) -> read(actor, tag, PUBLIC, "/object/" + PUBLIC + "/"));
        rows.put("info from a public bucket", (actor, tag) -> info(actor, tag, PUBLIC, "/object/info/"));
        rows.put("info, public route", (actor, tag) -> info(actor, tag, PUBLIC, "/object/info/public/"));
        rows.put("TUS upload", (actor, tag) -> {
            String name = OWNER_ID + "/" + tag + "/resumable.txt";
            TusClient tus = new TusClient(world.server(), world.key(actor));
            HttpResponse<String> created = tus.create(PRIVATE, name, "Upload-Length", "9");
            if (created.statusCode() == 201) {
                tus.patch(location(created), 0, "resumable");
            }
            return new Observed(created.statusCode(), "", world.objectExists(PRIVATE, name));
        });
        rows.put("TUS: continue the owner's upload", (actor, tag) -> {
            String name = OWNER_ID + "/" + tag + "/resumable.txt";
            HttpResponse<String> created = new TusClient(world.server(), world.key(Actor.OWNER))
                    .create(PRIVATE, name, "Upload-Length", "9");
            HttpResponse<String> patched = new TusClient(world.server(), world.key(actor))
                    .patch(location(created), 0, "resumable");
            return new Observed(patched.statusCode(), "", world.objectExists(PRIVATE, name));
        });
        rows.put("TUS upload with x-upsert", (actor, tag) -> {
            String name = world.fixture(PRIVATE, tag);
            TusClient tus = new TusClient(world.server(), world.key(actor));
            HttpResponse<String> created = tus.create(PRIVATE, name, "Upload-Length", "9", "x-upsert", "true");
            if (created.statusCode() == 201) {
                tus.patch(location(created), 0, "resumable");
            }
            String content = world.contentOf(PRIVATE, name).orElse("");
            return new Observed(created.statusCode(), "", content.equals("resumable"));
        });
        rows.put("render", (actor, tag) -> render(actor, tag, PRIVATE, "/render/image/authenticated/"));
        rows.put("render from a public bucket", (actor, tag) -> render(actor, tag, PUBLIC,
                "/render/image/authenticated/"));
        rows.put("render, public route", (actor, tag) -> render(actor, tag, PUBLIC, "/render/image/public/"));
        rows.put("drop box: upload", (actor, tag) -> Observed.of(world.as(actor).send("POST",
                "/object/" + DROPBOX + "/" + tag + ".txt", "dropped", "content-type", "text/plain"),
                world.objectExists(DROPBOX, tag + ".txt")));
        rows.put("drop box: upload with x-upsert", (actor, tag) -> Observed.of(world.as(actor).send("POST",
                "/object/" + DROPBOX + "/" + tag + ".txt", "dropped", "content-type", "text/plain", "x-upsert", "true"),
                world.objectExists(DROPBOX, tag + ".txt")));
        rows.put("drop box: read back a dropped file", (actor, tag) -> {
            HttpResponse<String> dropped = world.as(actor).send("POST", "/object/" + DROPBOX + "/" + tag + ".txt",
                    textOf(tag), "content-type", "text/plain");
            if (dropped.statusCode() != 200) {
                throw new AssertionError("the drop failed: " + dropped.body());
            }
            HttpResponse<String> read = world.as(actor).send("GET", "/object/" + DROPBOX + "/" + tag + ".txt", null);
            return Observed.of(read, read.statusCode() == 200 && read.body().equals(textOf(tag)));
        });
        rows.put("drop box: signed upload URL with x-upsert", (actor, tag) -> {
            HttpResponse<String> signed = world.as(actor).send("POST",
                    "/object/upload/sign/" + DROPBOX + "/" + tag + ".txt", null, "x-upsert", "true");
            if (signed.statusCode() == 200) {
                world.fetchWithoutKey("PUT", json(signed).path("url").asText(), "signed");
            }
            return Observed.of(signed, world.objectExists(DROPBOX, tag + ".txt"));
        });
        rows.put("drop box: TUS upload with x-upsert", (actor, tag) -> {
            TusClient tus = new TusClient(world.server(), world.key(actor));
            HttpResponse<String> created = tus.create(DROPBOX, tag + ".txt", "Upload-Length", "9", "x-upsert", "true");
            if (created.statusCode() == 201) {
                tus.patch(location(created), 0, "resumable");
            }
            return new Observed(created.statusCode(), "", world.objectExists(DROPBOX, tag + ".txt"));
        });
        return rows;
    }

    private Observed list(Actor actor, String tag, String bucket) {
        world.fixture(bucket, tag);
        HttpResponse<String> listed = world.as(actor).postJson("/object/list/" + bucket,
                "{\"prefix\":\"" + OWNER_ID + "/" + tag + "\",\"limit\":100,\"offset\":0}");
        return Observed.of(listed, StreamSupport.stream(json(listed).spliterator(), false)
                .anyMatch(entry -> entry.path("name").asText().equals("file.txt")));
    }

    private Observed sign(Actor actor, String tag, String bucket) {
        String name = world.fixture(bucket, tag);
        HttpResponse<String> signed = world.as(actor).postJson("/object/sign/" + bucket + "/" + name,
                "{\"expiresIn\":60}");
        return Observed.of(signed, servesFixture(json(signed).path("signedURL"), tag));
    }

    private Observed info(Actor actor, String tag, String bucket, String route) {
        String name = world.fixture(bucket, tag);
        HttpResponse<String> info = world.as(actor).send("GET", route + bucket + "/" + name, null);
        return Observed.of(info, json(info).path("name").asText().equals(name));
    }

    private Observed overwrite(Actor actor, String tag, String method, String... headers) {
        String name = world.fixture(PRIVATE, tag);
        String[] all = new String[headers.length + 2];
        all[0] = "content-type";
        all[1] = "text/plain";
        System.arraycopy(headers, 0, all, 2, headers.length);
        HttpResponse<String> written = world.as(actor).send(method, "/object/" + PRIVATE + "/" + name, "replaced", all);
        String content = world.contentOf(PRIVATE, name).orElse("");
        if (!content.equals("replaced") && !content.equals(textOf(tag))) {
            throw new AssertionError("a refused overwrite changed the object: \"" + content + "\"");
        }
        return Observed.of(written, content.equals("replaced"));
    }

    private Observed read(Actor actor, String tag, String route) {
        return read(actor, tag, PRIVATE, route);
    }

    private Observed read(Actor actor, String tag, String bucket, String route) {
        String name = world.fixture(bucket, tag);
        HttpResponse<String> read = world.as(actor).send("GET", route + name, null);
        return Observed.of(read, read.statusCode() == 200 && read.body().equals(textOf(tag)));
    }

    /** A copy or move of the owner's fixture into the actor's own folder of {@code destinationBucket}. */
    private Observed transfer(Actor actor, String tag, String operation, String destinationBucket) {
        return transfer(actor, tag, operation, destinationBucket, folderOf(actor));
    }

    /** The folder of a user who is not the actor: the other user's for the owner, the owner's for the other. */
    private static String folderOfTheOtherParty(Actor actor) {
        return actor == Actor.OTHER ? OWNER_ID : OTHER_ID;
    }

    private Observed transfer(Actor actor, String tag, String operation, String destinationBucket, String folder) {
        String source = world.fixture(PRIVATE, tag);
        String destination = folder + "/" + tag + "/" + operation + ".txt";
        HttpResponse<String> sent = world.as(actor).postJson("/object/" + operation,
                "{\"bucketId\":\"" + PRIVATE + "\",\"sourceKey\":\"" + source + "\",\"destinationKey\":\""
                        + destination + "\",\"destinationBucket\":\"" + destinationBucket + "\"}");
        boolean arrived = world.contentOf(destinationBucket, destination).orElse("").equals(textOf(tag));
        boolean sourceKept = world.contentOf(PRIVATE, source).orElse("").equals(textOf(tag));
        boolean moved = arrived && !sourceKept && !world.objectExists(PRIVATE, source);
        boolean untouched = !world.objectExists(destinationBucket, destination) && sourceKept;
        boolean tookEffect = operation.equals("move") ? moved : arrived && sourceKept;
        if (!tookEffect && !untouched) {
            throw new AssertionError(operation + " was half done: destination " + arrived + ", source " + sourceKept);
        }
        return Observed.of(sent, tookEffect);
    }

    private String location(HttpResponse<String> created) {
        String location = created.headers().firstValue("location").orElseThrow();
        return location.startsWith("http") ? location
                : world.server().baseUrl() + location.substring(location.indexOf("/upload/"));
    }

    private boolean servesFixture(JsonNode signedUrl, String tag) {
        if (!signedUrl.isTextual()) {
            return false;
        }
        HttpResponse<String> read = world.fetchWithoutKey("GET", signedUrl.asText(), null);
        return read.statusCode() == 200 && read.body().equals(textOf(tag));
    }

    private Observed render(Actor actor, String tag, String bucket, String route) {
        String name = world.imageFixture(bucket, tag);
        HttpResponse<String> rendered = world.as(actor).send("GET", route + bucket + "/" + name + "?width=8", null);
        return Observed.of(rendered, rendered.statusCode() == 200
                && rendered.headers().firstValue("content-type").orElse("").startsWith("image/"));
    }
}
