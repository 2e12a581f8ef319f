package dev.pillar.storage.adapters.http.object;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.ListedFile;
import dev.pillar.storage.domain.object.ObjectContent;
import dev.pillar.storage.domain.object.StoredObject;

import java.io.IOException;
import java.util.List;

/**
 * The wire shapes of objects: list entries, deleted rows and Supabase's {@code metadata} block. They are written
 * straight through a generator, since lists send them by the hundred and a tree per row cost more than the rows.
 */
final class ObjectJson {
    /** The fields a folder entry of a list has, all null. */
    private static final List<String> FOLDER_NULLS =
            List.of("id", "updated_at", "created_at", "last_accessed_at", "metadata");

    private ObjectJson() {
    }

    /**
     * Supabase's system metadata of an object as field {@code metadata}: {@code {eTag, size, mimetype, ...}}, last
     * modified when it was updated ({@code updatedAt}, as {@link Json#timestamp} writes it).
     */
    static void writeMetadata(JsonGenerator json, ObjectContent content, String updatedAt) throws IOException {
        json.writeObjectFieldStart("metadata");
        json.writeStringField("eTag", "\"" + content.eTag() + "\"");
        json.writeNumberField("size", content.size().bytes());
        json.writeStringField("mimetype", content.mimeType().value());
        json.writeStringField("cacheControl", content.cacheControl().value());
        json.writeStringField("lastModified", updatedAt);
        json.writeNumberField("contentLength", content.size().bytes());
        json.writeNumberField("httpStatusCode", 200);
        json.writeEndObject();
    }

    /** One entry of {@code POST /object/list}: a file, or a folder with nulls. */
    static void writeListEntry(JsonGenerator json, ListedEntry entry) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", entry.name());
        if (entry.isFolder()) {
            for (String field : FOLDER_NULLS) {
                json.writeNullField(field);
            }
        } else {
            ListedFile file = entry.file().get();
            String updatedAt = Json.timestamp(file.updatedAt());
            json.writeStringField("id", file.id().toString());
            json.writeStringField("updated_at", updatedAt);
            json.writeStringField("created_at", Json.timestamp(file.createdAt()));
            json.writeStringField("last_accessed_at", Json.timestamp(file.lastAccessedAt()));
            writeMetadata(json, file.content(), updatedAt);
        }
        json.writeEndObject();
    }

    /** A whole object row, as {@code DELETE /object/{bucket}} returns the removed ones. */
    static void writeRow(JsonGenerator json, StoredObject object) throws IOException {
        json.writeStartObject();
        json.writeStringField("bucket_id", object.bucketId().value());
        json.writeStringField("name", object.name().value());
        json.writeStringField("id", object.id().toString());
        json.writeStringField("owner", object.owner().orElse(null));
        json.writeStringField("owner_id", object.owner().orElse(null));
        json.writeStringField("version", object.version());
        String updatedAt = Json.timestamp(object.updatedAt());
        json.writeStringField("created_at", Json.timestamp(object.createdAt()));
        json.writeStringField("updated_at", updatedAt);
        json.writeStringField("last_accessed_at", Json.timestamp(object.lastAccessedAt()));
        writeMetadata(json, object.content(), updatedAt);
        json.writeFieldName("user_metadata");
        json.writeTree(userMetadata(object));
        json.writeEndObject();
    }

    static JsonNode userMetadata(StoredObject object) {
        try {
            return Json.MAPPER.readTree(object.userMetadata().json());
        } catch (JsonProcessingException e) {
            return Json.object();
        }
    }
}
