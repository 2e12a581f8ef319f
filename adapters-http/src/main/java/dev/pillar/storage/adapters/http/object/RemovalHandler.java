package dev.pillar.storage.adapters.http.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.application.object.RemoveObjects;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.List;

/** {@code DELETE /object/{bucket}} with {@code {prefixes:[...]}}, and {@code DELETE /object/{bucket}/{path}}. */
final class RemovalHandler {
    private final Authenticator auth;
    private final RemoveObjects removeObjects;

    RemovalHandler(Authenticator auth, RemoveObjects removeObjects) {
        this.auth = auth;
        this.removeObjects = removeObjects;
    }

    void removeMany(ServerRequest req, ServerResponse res) {
        var caller = auth.caller(req);
        var bucketId = Requests.bucketId(req, "bucket");
        JsonNode prefixes = Json.readObject(req).get("prefixes");
        if (prefixes == null || prefixes.isNull()) {
            throw InvalidInput.missingParameter("prefixes");
        }
        if (!prefixes.isArray()) {
            throw InvalidInput.invalidParameter("prefixes");
        }
        List<ObjectName> names = new ArrayList<>();
        for (JsonNode prefix : prefixes) {
            if (!prefix.isTextual()) {
                throw InvalidInput.invalidParameter("prefixes");
            }
            names.add(ObjectName.of(prefix.asText()));
        }
        List<StoredObject> removed = removeObjects.remove(new RemoveObjects.Command(caller, bucketId, names));
        Json.ok(res, json -> {
            json.writeStartArray();
            for (StoredObject object : removed) {
                ObjectJson.writeRow(json, object);
            }
            json.writeEndArray();
        });
    }

    void removeOne(ServerRequest req, ServerResponse res) {
        removeObjects.removeOne(auth.caller(req), Requests.bucketId(req, "bucket"), Requests.objectName(req));
        Json.ok(res, Json.message("Successfully deleted"));
    }
}
