package dev.pillar.storage.adapters.http.object;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.ListedFile;
import dev.pillar.storage.application.port.ObjectPage;
import dev.pillar.storage.application.port.ObjectPageQuery;
import dev.pillar.storage.application.port.ObjectPageQuery.Position;
import dev.pillar.storage.application.port.ObjectPageQuery.SortColumn;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectContent;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The written shapes are byte for byte what the Jackson trees they replaced serialised to: the reference trees
 * below are those trees, kept here only to pin the wire format.
 */
class ObjectJsonTest {
    private static final StoredObject PLAIN = object("small/a.txt", Optional.empty(), UserMetadata.EMPTY,
            "text/plain;charset=UTF-8", "max-age=3600", 4096);
    private static final StoredObject DECORATED = object("fötter/\"quoted\"\\ ✓.bin", Optional.of("user-1"),
            new UserMetadata("{\"b\": [1, 2.5, null, true], \"a\": {\"nested\": \"é\\u0000\"}}"),
            "application/octet-stream", "no-cache, max-age=0", 0);
    private static final StoredObject BROKEN_USER_METADATA = object("x/y", Optional.of("u"),
            new UserMetadata("{not json}"), "image/png", "max-age=60", Long.MAX_VALUE);
    private static final List<ListedEntry> ENTRIES = List.of(
            new ListedEntry("folder/", Optional.empty()),
            new ListedEntry("a.txt", Optional.of(listed(PLAIN))),
            new ListedEntry("sub dir\t\u0001 ✓/", Optional.empty()),
            new ListedEntry("\"quoted\"\\ ✓.bin", Optional.of(listed(DECORATED))),
            new ListedEntry("y", Optional.of(listed(BROKEN_USER_METADATA))));

    @Test
    void a_list_is_written_as_its_tree_was_for_files_folders_and_an_empty_list() {
        assertSame(treeOfList(ENTRIES), json -> {
            json.writeStartArray();
            for (ListedEntry entry : ENTRIES) {
                ObjectJson.writeListEntry(json, entry);
            }
            json.writeEndArray();
        });
        assertSame(Json.MAPPER.createArrayNode(), json -> {
            json.writeStartArray();
            json.writeEndArray();
        });
    }

    @Test
    void removed_rows_are_written_as_their_trees_were_with_owners_and_user_metadata() {
        for (StoredObject object : List.of(PLAIN, DECORATED, BROKEN_USER_METADATA)) {
            assertSame(treeOfRow(object), json -> ObjectJson.writeRow(json, object));
        }
    }

    @Test
    void a_page_is_written_as_its_tree_was_with_and_without_delimiter_and_next_cursor() {
        List<ListedEntry> keys = ENTRIES.stream()
                .map(entry -> new ListedEntry("small/" + entry.name(), entry.file())).toList();
        ObjectPage last = new ObjectPage(keys, Optional.empty());
        ObjectPage more = new ObjectPage(keys, Optional.of(new Position("small/a.txt", Optional.empty())));
        for (boolean delimited : new boolean[]{false, true}) {
            for (ObjectPage page : List.of(last, more)) {
                ObjectPageQuery query = new ObjectPageQuery("small/", delimited, 100, SortColumn.NAME, SortOrder.ASC,
                        Optional.empty());
                assertSame(treeOfPage(page, query), json -> PageHandler.writePage(json, page, query));
            }
        }
    }

    private static void assertSame(JsonNode tree, Json.Body written) {
        try {
            assertEquals(new String(Json.MAPPER.writeValueAsBytes(tree), StandardCharsets.UTF_8),
                    new String(Json.bytes(written), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static StoredObject object(String name, Optional<String> owner, UserMetadata userMetadata, String type,
                                       String cacheControl, long size) {
        return new StoredObject(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)), BucketId.of("bench"),
                ObjectName.of(name), owner, "v-" + size,
                new ObjectContent(ByteSize.of(size), MimeType.of(type), CacheControl.of(cacheControl), "e\"tag" + size),
                userMetadata, Instant.parse("2021-02-17T04:43:32.770123Z"), Instant.parse("2024-12-31T23:59:59.999Z"),
                Instant.parse("1970-01-01T00:00:00Z"));
    }

    private static ListedFile listed(StoredObject object) {
        return new ListedFile(object.id(), object.name(), object.content(), object.createdAt(), object.updatedAt(),
                object.lastAccessedAt());
    }

    private static ArrayNode treeOfList(List<ListedEntry> entries) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (ListedEntry entry : entries) {
            ObjectNode node = Json.object().put("name", entry.name());
            if (entry.file().isEmpty()) {
                node.putNull("id").putNull("updated_at").putNull("created_at").putNull("last_accessed_at")
                        .putNull("metadata");
            } else {
                ListedFile file = entry.file().get();
                node.put("id", file.id().toString())
                        .put("updated_at", Json.timestamp(file.updatedAt()))
                        .put("created_at", Json.timestamp(file.createdAt()))
                        .put("last_accessed_at", Json.timestamp(file.lastAccessedAt()));
                node.set("metadata", treeOfMetadata(file.content(), file.updatedAt()));
            }
            array.add(node);
        }
        return array;
    }

    private static ObjectNode treeOfMetadata(ObjectContent content, Instant updatedAt) {
        return Json.object()
                .put("eTag", "\"" + content.eTag() + "\"")
                .put("size", content.size().bytes())
                .put("mimetype", content.mimeType().value())
                .put("cacheControl", content.cacheControl().value())
                .put("lastModified", Json.timestamp(updatedAt))
                .put("contentLength", content.size().bytes())
                .put("httpStatusCode", 200);
    }

    private static ObjectNode treeOfRow(StoredObject object) {
        ObjectNode node = Json.object()
                .put("bucket_id", object.bucketId().value())
                .put("name", object.name().value())
                .put("id", object.id().toString())
                .put("owner", object.owner().orElse(null))
                .put("owner_id", object.owner().orElse(null))
                .put("version", object.version())
                .put("created_at", Json.timestamp(object.createdAt()))
                .put("updated_at", Json.timestamp(object.updatedAt()))
                .put("last_accessed_at", Json.timestamp(object.lastAccessedAt()));
        node.set("metadata", treeOfMetadata(object.content(), object.updatedAt()));
        node.set("user_metadata", ObjectJson.userMetadata(object));
        return node;
    }

    private static ObjectNode treeOfPage(ObjectPage page, ObjectPageQuery query) {
        ObjectNode node = Json.object().put("hasNext", page.hasNext());
        page.next().ifPresent(next -> node.put("nextCursor",
                new PageCursor(next, query.sortColumn(), query.sortOrder()).encode()));
        ArrayNode folders = node.putArray("folders");
        ArrayNode objects = node.putArray("objects");
        int level = (int) query.prefix().chars().filter(c -> c == '/').count();
        for (ListedEntry entry : page.entries()) {
            String[] segments = entry.name().split("/", -1);
            String segment = level < segments.length ? segments[level] : "";
            if (entry.isFolder()) {
                folders.add(Json.object().put("key", segment).put("name", entry.name()));
            } else {
                ListedFile listed = entry.file().orElseThrow();
                ObjectNode file = Json.object().put("id", listed.id().toString());
                if (query.delimited()) {
                    file.put("key", segment);
                }
                file.put("name", listed.name().value())
                        .put("updated_at", Json.timestamp(listed.updatedAt()))
                        .put("created_at", Json.timestamp(listed.createdAt()))
                        .put("last_accessed_at", Json.timestamp(listed.lastAccessedAt()));
                file.set("metadata", treeOfMetadata(listed.content(), listed.updatedAt()));
                objects.add(file);
            }
        }
        return node;
    }
}
