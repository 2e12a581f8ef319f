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
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The metadata jsonb, read and written by streaming: the same text and the same lenient reading as the tree
 * (Jackson's {@code ObjectNode} and {@code readTree}) the adapter used before, kept here as the reference.
 */
class ObjectMetadataTest {
    private static final ObjectMapper TREES = new ObjectMapper();
    private static final DateTimeFormatter JS_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void writes_supabase_metadata_as_it_always_has() {
        ObjectContent content = new ObjectContent(ByteSize.of(4096), MimeType.of("image/png"),
                CacheControl.of("max-age=3600"), "d41d8cd98f00b204e9800998ecf8427e");

        assertEquals("{\"eTag\":\"\\\"d41d8cd98f00b204e9800998ecf8427e\\\"\",\"size\":4096,\"mimetype\":\"image/png\","
                        + "\"cacheControl\":\"max-age=3600\",\"lastModified\":\"2026-11-28T06:00:01.002Z\","
                        + "\"contentLength\":4096,\"httpStatusCode\":200}",
                ObjectMetadata.toJson(content, Instant.parse("2026-11-28T06:00:01.002345Z")));
    }

    @Test
    void writes_the_same_text_as_a_tree_for_any_content() {
        List<ObjectContent> contents = List.of(
                new ObjectContent(ByteSize.of(0), MimeType.OCTET_STREAM, CacheControl.DEFAULT, ""),
                new ObjectContent(ByteSize.of(Long.MAX_VALUE), MimeType.of("text/plain;charset=UTF-8"),
                        CacheControl.of("no-cache, \"quoted\" \\ back"), "\u00e9t\u00e4g-\uD83D\uDE42\"\t\u0001"),
                new ObjectContent(ByteSize.of(5L << 30), MimeType.of("application/vnd.api+json; q=\"0.5\""),
                        CacheControl.of("public, max-age=31536000, immutable"), "abc-12"));
        for (ObjectContent content : contents) {
            for (Instant at : List.of(Instant.EPOCH, Instant.parse("9999-12-31T23:59:59.999999Z"),
                    Instant.parse("2024-02-29T12:00:00Z"))) {
                assertEquals(treeJson(content, at), ObjectMetadata.toJson(content, at));
            }
        }
    }

    @Test
    void reads_every_shape_of_metadata_as_the_tree_did() {
        List<String> rows = new ArrayList<>(List.of("", "  ", "null", "[]", "\"text\"", "42", "{}",
                "{\"eTag\":\"\\\"abc\\\"\",\"size\":4096,\"mimetype\":\"image/png\",\"cacheControl\":\"max-age=60\","
                        + "\"lastModified\":\"2026-11-28T06:00:00.000Z\",\"contentLength\":4096,\"httpStatusCode\":200}",
                "{\"size\": \"123\", \"contentLength\": 7}",
                "{\"size\": null, \"contentLength\": \"77\"}",
                "{\"contentLength\": \"1.9\"}",
                "{\"contentLength\": \" 12 \"}",
                "{\"contentLength\": \"-3\"}",
                "{\"contentLength\": \"x\"}",
                "{\"contentLength\": true}",
                "{\"contentLength\": false}",
                "{\"contentLength\": null}",
                "{\"contentLength\": {\"n\": 5}}",
                "{\"contentLength\": [5]}",
                "{\"contentLength\": 99999999999999999999}",
                "{\"contentLength\": 2.75}",
                "{\"size\": 1.9, \"contentLength\": 5}",
                "{\"size\": -5, \"contentLength\": 5}",
                "{\"size\": 1e30, \"contentLength\": 9}",
                "{\"size\": 99999999999999999999, \"contentLength\": 3}",
                "{\"size\": 9223372036854775807}",
                "{\"size\": {\"bytes\": 5}, \"contentLength\": 4}",
                "{\"size\": [1], \"contentLength\": 4}",
                "{\"size\": true, \"contentLength\": 4}",
                "{\"size\": 1, \"size\": 2, \"contentLength\": 3}",
                "{\"other\": {\"size\": 5, \"mimetype\": \"image/gif\"}, \"list\": [{\"eTag\": 1}], \"size\": 3}",
                "{\"mimetype\": 42, \"cacheControl\": 3600, \"eTag\": 7}",
                "{\"mimetype\": null, \"cacheControl\": null, \"eTag\": null}",
                "{\"mimetype\": {\"a\": 1}, \"cacheControl\": [\"x\"], \"eTag\": {}}",
                "{\"mimetype\": true, \"cacheControl\": 1.50, \"eTag\": false}",
                "{\"mimetype\": \"text/pl\\u0061in; charset=utf-8\", \"cacheControl\": \" no-store \"}",
                "{\"mimetype\": \"not a type\", \"cacheControl\": \"caf\u00e9\"}",
                "{\"mimetype\": \"  \", \"cacheControl\": \"\"}",
                "{\"eTag\": \"unquoted\"}",
                "{\"eTag\": \"\\\"\"}",
                "{\"eTag\": \"\\\"\\\"\"}",
                "{\"eTag\": \"\\\"a\\\"b\\\"\"}"));
        rows.add(null);
        for (String row : rows) {
            assertEquals(treeContent(row), ObjectMetadata.toContent(row), () -> "metadata " + row);
        }
    }

    @Test
    void unreadable_json_is_a_broken_row_not_a_default() {
        assertThrows(IllegalStateException.class, () -> ObjectMetadata.toContent("{\"size\": 1"));
        assertThrows(IllegalStateException.class, () -> ObjectMetadata.toContent("{size: 1}"));
    }

    /** The writer this class replaced. */
    private static String treeJson(ObjectContent content, Instant lastModified) {
        ObjectNode node = TREES.createObjectNode();
        node.put("eTag", "\"" + content.eTag() + "\"");
        node.put("size", content.size().bytes());
        node.put("mimetype", content.mimeType().value());
        node.put("cacheControl", content.cacheControl().value());
        node.put("lastModified", JS_DATE.format(lastModified));
        node.put("contentLength", content.size().bytes());
        node.put("httpStatusCode", 200);
        return node.toString();
    }

    /** The reader this class replaced. */
    private static ObjectContent treeContent(String json) {
        JsonNode node;
        try {
            node = json == null || json.isBlank() ? TREES.missingNode() : TREES.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        long size = node.path("size").canConvertToLong() ? node.path("size").asLong()
                : node.path("contentLength").asLong(0);
        String mime = node.path("mimetype").asText("");
        String cache = node.path("cacheControl").asText("");
        String eTag = node.path("eTag").asText("");
        return new ObjectContent(ByteSize.of(Math.max(0, size)), orDefault(mime, MimeType.OCTET_STREAM),
                cache.isBlank() ? CacheControl.DEFAULT : cacheControl(cache),
                eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                        ? eTag.substring(1, eTag.length() - 1) : eTag);
    }

    private static MimeType orDefault(String value, MimeType fallback) {
        try {
            return value.isBlank() ? fallback : MimeType.of(value);
        } catch (InvalidInput e) {
            return fallback;
        }
    }

    private static CacheControl cacheControl(String value) {
        try {
            return CacheControl.of(value);
        } catch (InvalidInput e) {
            return CacheControl.DEFAULT;
        }
    }
}
