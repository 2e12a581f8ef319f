package dev.pillar.storage.adapters.http.object;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.domain.object.StoredObject;

/** The wire shapes of objects: list entries, deleted rows and Supabase's {@code metadata} block. */
final class ObjectJson {
    private ObjectJson() {
    }

    /** Supabase's system metadata of an object: {@code {eTag, size, mimetype, cacheControl, ...}}. */
    static ObjectNode metadata(StoredObject object) {
        return Json.object()
                .put("eTag", "\"" + object.content().eTag() + "\"")
                .put("size", object.content().size().bytes())
                .put("mimetype", object.content().mimeType().value())
                .put("cacheControl", object.content().cacheControl().value())
                .put("lastModified", Json.timestamp(object.updatedAt()))
                .put("contentLength", object.content().size().bytes())
                .put("httpStatusCode", 200);
    }

    /** One entry of {@code POST /object/list}: a file, or a folder with nulls. */
    static ObjectNode listEntry(ListedEntry entry) {
        ObjectNode node = Json.object().put("name", entry.name());
        if (entry.object().isEmpty()) {
            node.putNull("id").putNull("updated_at").putNull("created_at").putNull("last_accessed_at")
                    .putNull("metadata");
            return node;
        }
        StoredObject object = entry.object().get();
        node.put("id", object.id().toString())
                .put("updated_at", Json.timestamp(object.updatedAt()))
                .put("created_at", Json.timestamp(object.createdAt()))
                .put("last_accessed_at", Json.timestamp(object.lastAccessedAt()));
        node.set("metadata", metadata(object));
        return node;
    }

    /** A whole object row, as {@code DELETE /object/{bucket}} returns the removed ones. */
    static ObjectNode row(StoredObject object) {
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
        node.set("metadata", metadata(object));
        node.set("user_metadata", userMetadata(object));
        return node;
    }

    static com.fasterxml.jackson.databind.JsonNode userMetadata(StoredObject object) {
        try {
            return Json.MAPPER.readTree(object.userMetadata().json());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Json.object();
        }
    }
}
