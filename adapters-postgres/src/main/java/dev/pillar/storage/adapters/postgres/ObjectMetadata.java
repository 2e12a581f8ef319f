package dev.pillar.storage.adapters.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectContent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code metadata} jsonb of an object row as Supabase writes it: {@code eTag} (quoted), {@code size},
 * {@code mimetype}, {@code cacheControl}, {@code lastModified}, {@code contentLength}, {@code httpStatusCode}.
 * Reading is lenient, since rows may come from other tools: what is missing or malformed gets its default.
 */
final class ObjectMetadata {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter JS_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ObjectMetadata() {
    }

    static String toJson(ObjectContent content, Instant lastModified) {
        ObjectNode node = JSON.createObjectNode();
        node.put("eTag", "\"" + content.eTag() + "\"");
        node.put("size", content.size().bytes());
        node.put("mimetype", content.mimeType().value());
        node.put("cacheControl", content.cacheControl().value());
        node.put("lastModified", JS_DATE.format(lastModified));
        node.put("contentLength", content.size().bytes());
        node.put("httpStatusCode", 200);
        return node.toString();
    }

    static ObjectContent toContent(String json) {
        JsonNode node = parse(json);
        long size = node.path("size").canConvertToLong() ? node.path("size").asLong()
                : node.path("contentLength").asLong(0);
        return new ObjectContent(ByteSize.of(Math.max(0, size)), mimeType(node.path("mimetype").asText("")),
                cacheControl(node.path("cacheControl").asText("")), unquote(node.path("eTag").asText("")));
    }

    /** A JSON array of strings (a {@code text[]} read as jsonb), empty for null. */
    static List<String> strings(String jsonArray) {
        List<String> values = new ArrayList<>();
        parse(jsonArray).forEach(element -> values.add(element.asText()));
        return values;
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in a storage row", e);
        }
    }

    private static MimeType mimeType(String value) {
        try {
            return value.isBlank() ? MimeType.OCTET_STREAM : MimeType.of(value);
        } catch (InvalidInput e) {
            return MimeType.OCTET_STREAM;
        }
    }

    private static CacheControl cacheControl(String value) {
        try {
            return value.isBlank() ? CacheControl.DEFAULT : CacheControl.of(value);
        } catch (InvalidInput e) {
            return CacheControl.DEFAULT;
        }
    }

    private static String unquote(String eTag) {
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1)
                : eTag;
    }
}
