package dev.pillar.storage.adapters.postgres;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectContent;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code metadata} jsonb of an object row as Supabase writes it: {@code eTag} (quoted), {@code size},
 * {@code mimetype}, {@code cacheControl}, {@code lastModified}, {@code contentLength}, {@code httpStatusCode}.
 * Reading is lenient, since rows may come from other tools: what is missing or malformed gets its default.
 * Both ways stream the fields (lists read a hundred rows at a time, every write writes one): no tree is built
 * but for a value of an unexpected type, which is read as a tree and judged by the tree's rules.
 */
final class ObjectMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter JS_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ObjectMetadata() {
    }

    static String toJson(ObjectContent content, Instant lastModified) {
        StringWriter out = new StringWriter(192);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("eTag", "\"" + content.eTag() + "\"");
            json.writeNumberField("size", content.size().bytes());
            json.writeStringField("mimetype", content.mimeType().value());
            json.writeStringField("cacheControl", content.cacheControl().value());
            json.writeStringField("lastModified", JS_DATE.format(lastModified));
            json.writeNumberField("contentLength", content.size().bytes());
            json.writeNumberField("httpStatusCode", 200);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    static ObjectContent toContent(String json) {
        Fields fields = new Fields();
        if (json != null && !json.isBlank()) {
            try (JsonParser parser = JSON.createParser(json)) {
                fields.read(parser);
            } catch (IOException e) {
                throw new IllegalStateException("unreadable JSON in a storage row", e);
            }
        }
        return new ObjectContent(ByteSize.of(Math.max(0, fields.size())), mimeType(fields.mimeType),
                cacheControl(fields.cacheControl), unquote(fields.eTag));
    }

    /** A JSON array of strings (a {@code text[]} read as jsonb), empty for null. */
    static List<String> strings(String jsonArray) {
        List<String> values = new ArrayList<>();
        if (jsonArray == null || jsonArray.isBlank()) {
            return values;
        }
        try {
            JSON.readTree(jsonArray).forEach(element -> values.add(element.asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in a storage row", e);
        }
        return values;
    }

    /** The fields read so far (the last of a repeated name wins, as in a tree), with their defaults. */
    private static final class Fields {
        private String eTag = "";
        private String mimeType = "";
        private String cacheControl = "";
        private Count size;
        private Count contentLength;

        void read(JsonParser parser) throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return; // not an object: every field is missing
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "eTag" -> eTag = text(parser, value);
                    case "mimetype" -> mimeType = text(parser, value);
                    case "cacheControl" -> cacheControl = text(parser, value);
                    case "size" -> size = Count.read(parser, value);
                    case "contentLength" -> contentLength = Count.read(parser, value);
                    default -> parser.skipChildren();
                }
            }
        }

        /** {@code size} when it is a number within a long, else {@code contentLength} read as a long, else 0. */
        long size() {
            if (size != null && size.isNumber()) {
                return size.asLong();
            }
            return contentLength == null ? 0 : contentLength.asLong();
        }

        private static String text(JsonParser parser, JsonToken value) throws IOException {
            return value == JsonToken.VALUE_STRING ? parser.getText() : parser.<JsonNode>readValueAsTree().asText("");
        }
    }

    /** A count field's value: an integer within a long (as written), else the tree of whatever it is. */
    private record Count(long whole, JsonNode other) {
        static Count read(JsonParser parser, JsonToken value) throws IOException {
            return value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                    ? new Count(parser.getLongValue(), null)
                    : new Count(0, parser.readValueAsTree());
        }

        /** A number that converts to a long: an integer within a long, or a decimal within a long's range. */
        boolean isNumber() {
            return other == null || other.canConvertToLong();
        }

        /** As a tree reads it: numbers truncated, numeric text parsed, true 1, anything else 0. */
        long asLong() {
            return other == null ? whole : other.asLong(0);
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
