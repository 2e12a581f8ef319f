package dev.pillar.storage.adapters.http.bucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.MimeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The wire shape of buckets: exactly the keys supabase-js and its tests read. */
final class BucketJson {
    private BucketJson() {
    }

    static ObjectNode toJson(Bucket bucket) {
        ObjectNode node = Json.object()
                .put("id", bucket.id().value())
                .put("name", bucket.name())
                .put("owner", bucket.owner().orElse(""))
                .put("public", bucket.isPublic());
        Optional<ByteSize> limit = bucket.settings().fileSizeLimit();
        if (limit.isPresent()) {
            node.put("file_size_limit", limit.get().bytes());
        } else {
            node.putNull("file_size_limit");
        }
        List<MimeType> types = bucket.settings().allowedMimeTypes();
        if (types.isEmpty()) {
            node.putNull("allowed_mime_types");
        } else {
            ArrayNode array = node.putArray("allowed_mime_types");
            types.forEach(type -> array.add(type.value()));
        }
        return node.put("created_at", Json.timestamp(bucket.createdAt()))
                .put("updated_at", Json.timestamp(bucket.updatedAt()));
    }

    /** {@code file_size_limit}: absent → no change; null or 0 → no limit; a number or {@code "20MB"}. */
    static Optional<Optional<ByteSize>> fileSizeLimit(JsonNode body) {
        if (!body.has("file_size_limit")) {
            return Optional.empty();
        }
        JsonNode value = body.get("file_size_limit");
        if (value.isNull()) {
            return Optional.of(Optional.empty());
        }
        ByteSize size;
        if (value.isIntegralNumber()) {
            size = ByteSize.of(value.asLong());
        } else if (value.isTextual()) {
            size = ByteSize.parse(value.asText());
        } else {
            throw InvalidInput.invalidParameter("file_size_limit");
        }
        return Optional.of(size.bytes() == 0 ? Optional.empty() : Optional.of(size));
    }

    /** {@code allowed_mime_types}: absent → no change; null or [] → any type. */
    static Optional<List<MimeType>> allowedMimeTypes(JsonNode body) {
        if (!body.has("allowed_mime_types")) {
            return Optional.empty();
        }
        JsonNode value = body.get("allowed_mime_types");
        if (value.isNull()) {
            return Optional.of(List.of());
        }
        if (!value.isArray()) {
            throw InvalidInput.invalidParameter("allowed_mime_types");
        }
        List<MimeType> types = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw InvalidInput.invalidParameter("allowed_mime_types");
            }
            types.add(MimeType.of(item.asText()));
        }
        return Optional.of(types);
    }
}
