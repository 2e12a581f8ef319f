package dev.pillar.storage.adapters.http.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.object.GetObjectInfo;
import dev.pillar.storage.application.object.ReadRoute;
import dev.pillar.storage.domain.object.StoredObject;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /object/info/{bucket}/{path}} (also {@code /info/authenticated/…}) and, without a key,
 * {@code /object/info/public/…}: the object's description in the shape storage-js's {@code info()} reads.
 */
final class InfoHandler {
    private final Authenticator auth;
    private final GetObjectInfo getObjectInfo;

    InfoHandler(Authenticator auth, GetObjectInfo getObjectInfo) {
        this.auth = auth;
        this.getObjectInfo = getObjectInfo;
    }

    void authenticated(ServerRequest req, ServerResponse res) {
        send(req, res, auth.caller(req), ReadRoute.AUTHENTICATED);
    }

    void ofPublic(ServerRequest req, ServerResponse res) {
        send(req, res, Caller.system(), ReadRoute.PUBLIC);
    }

    private void send(ServerRequest req, ServerResponse res, Caller caller, ReadRoute route) {
        StoredObject object = getObjectInfo.info(new GetObjectInfo.Command(caller, Requests.bucketId(req, "bucket"),
                Requests.objectName(req), route));
        Json.ok(res, info(object));
    }

    /** Supabase's info body: {@code metadata} is the user metadata ({@code {}} when none), system fields flat. */
    static ObjectNode info(StoredObject object) {
        ObjectNode node = Json.object()
                .put("id", object.id().toString())
                .put("name", object.name().value())
                .put("version", object.version())
                .put("bucket_id", object.bucketId().value())
                .put("size", object.content().size().bytes())
                .put("content_type", object.content().mimeType().value())
                .put("cache_control", object.content().cacheControl().value())
                .put("etag", "\"" + object.content().eTag() + "\"");
        node.set("metadata", ObjectJson.userMetadata(object));
        return node.put("last_modified", Json.timestamp(object.updatedAt()))
                .put("created_at", Json.timestamp(object.createdAt()));
    }
}
