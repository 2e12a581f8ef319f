package dev.pillar.storage.adapters.http.object;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.application.object.ListObjectPage;
import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.ListedFile;
import dev.pillar.storage.application.port.ObjectPage;
import dev.pillar.storage.application.port.ObjectPageQuery;
import dev.pillar.storage.application.port.ObjectPageQuery.SortColumn;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.failure.InvalidInput;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /object/list-v2/{bucket}} with {@code {prefix, limit, cursor, with_delimiter, sortBy}}: one
 * page of keys as {@code {hasNext, nextCursor, folders, objects}}, names being full keys as in Supabase
 * (a folder's ends in {@code /}); with the delimiter, {@code key} is the entry's own segment.
 */
final class PageHandler {
    static final int MAX_LIMIT = 1000;
    private final Authenticator auth;
    private final ListObjectPage listObjectPage;

    PageHandler(Authenticator auth, ListObjectPage listObjectPage) {
        this.auth = auth;
        this.listObjectPage = listObjectPage;
    }

    void list(ServerRequest req, ServerResponse res) {
        var caller = auth.caller(req);
        var bucketId = Requests.bucketId(req, "bucket");
        JsonNode body = Json.readObject(req);
        String prefix = Json.text(body, "prefix").orElse("");
        boolean delimited = Json.flag(body, "with_delimiter").orElse(false);
        Optional<PageCursor> cursor = Json.text(body, "cursor").filter(raw -> !raw.isEmpty()).map(PageCursor::decode);
        JsonNode sortBy = body.path("sortBy");
        SortColumn column = cursor.map(PageCursor::column).orElseGet(() -> sortColumn(Json.text(sortBy, "column")));
        SortOrder order = cursor.map(PageCursor::order)
                .orElseGet(() -> Requests.sortOrder(Json.text(sortBy, "order"), "sortBy.order"));
        ObjectPageQuery query = new ObjectPageQuery(prefix, delimited, limit(body), column, order,
                cursor.map(PageCursor::position));
        ObjectPage page = listObjectPage.list(caller, bucketId, query);
        Json.ok(res, json -> writePage(json, page, query));
    }

    /** The body {@code {hasNext, nextCursor, folders, objects}}, folders and objects each in the page's order. */
    static void writePage(JsonGenerator json, ObjectPage page, ObjectPageQuery query) throws IOException {
        json.writeStartObject();
        json.writeBooleanField("hasNext", page.hasNext());
        if (page.next().isPresent()) {
            json.writeStringField("nextCursor",
                    new PageCursor(page.next().get(), query.sortColumn(), query.sortOrder()).encode());
        }
        int level = (int) query.prefix().chars().filter(c -> c == '/').count();
        json.writeArrayFieldStart("folders");
        for (ListedEntry entry : page.entries()) {
            if (entry.isFolder()) {
                json.writeStartObject();
                json.writeStringField("key", segment(entry.name(), level));
                json.writeStringField("name", entry.name());
                json.writeEndObject();
            }
        }
        json.writeEndArray();
        json.writeArrayFieldStart("objects");
        for (ListedEntry entry : page.entries()) {
            if (!entry.isFolder()) {
                writeObject(json, entry.file().orElseThrow(),
                        query.delimited() ? Optional.of(segment(entry.name(), level)) : Optional.empty());
            }
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeObject(JsonGenerator json, ListedFile file, Optional<String> key) throws IOException {
        String updatedAt = Json.timestamp(file.updatedAt());
        json.writeStartObject();
        json.writeStringField("id", file.id().toString());
        if (key.isPresent()) {
            json.writeStringField("key", key.get());
        }
        json.writeStringField("name", file.name().value());
        json.writeStringField("updated_at", updatedAt);
        json.writeStringField("created_at", Json.timestamp(file.createdAt()));
        json.writeStringField("last_accessed_at", Json.timestamp(file.lastAccessedAt()));
        ObjectJson.writeMetadata(json, file.content(), updatedAt);
        json.writeEndObject();
    }

    /** The {@code level}-th (0-based) {@code /}-separated segment of a full key. */
    private static String segment(String name, int level) {
        String[] segments = name.split("/", -1);
        return level < segments.length ? segments[level] : "";
    }

    private static int limit(JsonNode body) {
        JsonNode value = body.get("limit");
        if (value == null || value.isNull()) {
            return MAX_LIMIT;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw InvalidInput.invalidParameter("limit");
        }
        return Math.min(value.asInt(), MAX_LIMIT);
    }

    private static SortColumn sortColumn(Optional<String> raw) {
        return switch (raw.orElse("name").toLowerCase(Locale.ROOT)) {
            case "name" -> SortColumn.NAME;
            case "created_at" -> SortColumn.CREATED_AT;
            case "updated_at" -> SortColumn.UPDATED_AT;
            default -> throw InvalidInput.invalidParameter("sortBy.column");
        };
    }
}
