package dev.pillar.storage.adapters.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pillar.storage.application.port.UploadedPart;
import dev.pillar.storage.application.upload.ResumableUpload;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.UserMetadata;
import dev.pillar.storage.domain.upload.UploadSession;
import dev.pillar.storage.domain.upload.UploadState;
import dev.pillar.storage.domain.upload.UploadTarget;
import io.helidon.dbclient.DbRow;

import java.util.ArrayList;
import java.util.List;

/** Mapping between {@code storage.upload_sessions} rows (parts and tail as JSON arrays) and resumable uploads. */
final class UploadRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UploadRows() {
    }

    static ResumableUpload upload(DbRow row) {
        UploadTarget target = new UploadTarget(BucketId.of(Columns.requiredText(row, "bucket_id")),
                ObjectName.of(Columns.requiredText(row, "name")), Columns.text(row, "owner_id"),
                Columns.flag(row, "upsert"), MimeType.of(Columns.requiredText(row, "content_type")),
                CacheControl.of(Columns.requiredText(row, "cache_control")),
                new UserMetadata(Columns.requiredText(row, "user_metadata")));
        UploadSession session = new UploadSession(Columns.requiredText(row, "id"), target,
                Columns.number(row, "upload_length").map(ByteSize::of),
                ByteSize.of(Columns.number(row, "size_limit").orElseThrow()),
                Columns.number(row, "upload_offset").orElseThrow(),
                UploadState.valueOf(Columns.requiredText(row, "state")), Columns.instant(row, "expires_at"));
        return new ResumableUpload(session, Columns.requiredText(row, "version"),
                Columns.number(row, "part_size").orElseThrow(), Columns.text(row, "multipart_id"),
                parts(Columns.requiredText(row, "parts")), tail(Columns.requiredText(row, "tail")));
    }

    static String partsJson(List<UploadedPart> parts) {
        ArrayNode array = JSON.createArrayNode();
        parts.forEach(part -> array.addObject().put("number", part.number()).put("etag", part.etag())
                .put("size", part.size()));
        return array.toString();
    }

    static String tailJson(List<ResumableUpload.Segment> tail) {
        ArrayNode array = JSON.createArrayNode();
        tail.forEach(segment -> array.addObject().put("version", segment.version()).put("size", segment.size()));
        return array.toString();
    }

    private static List<UploadedPart> parts(String json) {
        List<UploadedPart> parts = new ArrayList<>();
        parse(json).forEach(part -> parts.add(new UploadedPart(part.path("number").asInt(), part.path("etag").asText(),
                part.path("size").asLong())));
        return parts;
    }

    private static List<ResumableUpload.Segment> tail(String json) {
        List<ResumableUpload.Segment> tail = new ArrayList<>();
        parse(json).forEach(segment -> tail.add(new ResumableUpload.Segment(segment.path("version").asText(),
                segment.path("size").asLong())));
        return tail;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an upload session's JSON column is not JSON", e);
        }
    }
}
