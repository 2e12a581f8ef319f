package dev.pillar.storage.adapters.http.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.application.object.ListObjects;
import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.ObjectListQuery;
import dev.pillar.storage.domain.failure.InvalidInput;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code POST /object/list/{bucket}}: one folder level, with folders as entries whose id is null. */
final class ListHandler {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private final Authenticator auth;
    private final ListObjects listObjects;

    ListHandler(Authenticator auth, ListObjects listObjects) {
        this.auth = auth;
        this.listObjects = listObjects;
    }

    void list(ServerRequest req, ServerResponse res) {
        var caller = auth.caller(req);
        var bucketId = Requests.bucketId(req, "bucket");
        JsonNode body = Json.readObject(req);
        String prefix = Json.text(body, "prefix").orElseThrow(() -> InvalidInput.missingParameter("prefix"));
        JsonNode sortBy = body.path("sortBy");
        ObjectListQuery query = new ObjectListQuery(prefix,
                Json.text(body, "search").orElse(""),
                integer(body, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
                integer(body, "offset", 0, 0, Integer.MAX_VALUE),
                sortColumn(Json.text(sortBy, "column")),
                Requests.sortOrder(Json.text(sortBy, "order"), "sortBy.order"));
        List<ListedEntry> entries = listObjects.list(caller, bucketId, query);
        Json.ok(res, json -> {
            json.writeStartArray();
            for (ListedEntry entry : entries) {
                ObjectJson.writeListEntry(json, entry);
            }
            json.writeEndArray();
        });
    }

    private static int integer(JsonNode body, String field, int fallback, int min, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || value.asInt() < min) {
            throw InvalidInput.invalidParameter(field);
        }
        return Math.min(value.asInt(), max);
    }

    private static ObjectListQuery.SortColumn sortColumn(Optional<String> raw) {
        return switch (raw.orElse("name").toLowerCase(Locale.ROOT)) {
            case "name" -> ObjectListQuery.SortColumn.NAME;
            case "created_at" -> ObjectListQuery.SortColumn.CREATED_AT;
            case "updated_at" -> ObjectListQuery.SortColumn.UPDATED_AT;
            case "last_accessed_at" -> ObjectListQuery.SortColumn.LAST_ACCESSED_AT;
            default -> throw InvalidInput.invalidParameter("sortBy.column");
        };
    }
}
