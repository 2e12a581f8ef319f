package dev.pillar.storage.adapters.http.support;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.UserMetadata;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** JSON in and out of the HTTP adapter, in one place: parsing bodies, writing responses, timestamps. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY = 1024 * 1024;
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final long SECONDS_PER_DAY = 86_400;
    /** Years 0001 to 9999 print as four plain digits; outside them the pattern's era and sign rules apply. */
    private static final long FIRST_PLAIN_SECOND = LocalDate.of(1, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    private static final long END_PLAIN_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

    private Json() {
    }

    /** Reads a JSON object body (at most 1 MiB); an absent body reads as {@code {}}. */
    public static JsonNode readObject(ServerRequest request) {
        try (InputStream in = request.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw InvalidInput.invalidRequest("The request body is too large");
            }
            if (bytes.length == 0) {
                return MAPPER.createObjectNode();
            }
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw InvalidInput.invalidRequest("The request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw InvalidInput.invalidRequest("The request body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string field: absent or null reads as empty, any other type is an {@code InvalidParameter}. */
    public static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw InvalidInput.invalidParameter(field);
        }
        return Optional.of(value.asText());
    }

    /** A boolean field: absent or null reads as empty, any other type is an {@code InvalidParameter}. */
    public static Optional<Boolean> flag(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw InvalidInput.invalidParameter(field);
        }
        return Optional.of(value.asBoolean());
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static void send(ServerResponse response, Status status, JsonNode body) {
        try {
            send(response, status, MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    public static void ok(ServerResponse response, JsonNode body) {
        send(response, Status.OK_200, body);
    }

    /** Sends a body written straight through a generator (lists do so: no tree per row in between). */
    public static void ok(ServerResponse response, Body body) {
        send(response, Status.OK_200, bytes(body));
    }

    /** The UTF-8 bytes {@code body} writes, exactly what the same content sent as a tree would be. */
    public static byte[] bytes(Body body) {
        ByteArrayBuilder bytes = new ByteArrayBuilder();
        try (JsonGenerator json = MAPPER.createGenerator(bytes)) {
            body.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON into memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static void send(ServerResponse response, Status status, byte[] body) {
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        response.send(body);
    }

    public static ObjectNode message(String message) {
        return object().put("message", message);
    }

    /** User metadata must be a JSON object; it is kept in the normalised form Jackson writes. */
    public static UserMetadata userMetadata(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw InvalidInput.invalidParameter("metadata");
            }
            return new UserMetadata(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw InvalidInput.invalidParameter("metadata");
        }
    }

    /**
     * ISO-8601 UTC with milliseconds, as Supabase prints timestamps: {@code 2021-02-17T04:43:32.770Z}. Written by
     * hand for years 0001 to 9999 (a list prints four per entry); other years keep the formatter's output.
     */
    public static String timestamp(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        if (epochSecond < FIRST_PLAIN_SECOND || epochSecond >= END_PLAIN_SECOND) {
            return ISO_MILLIS.format(instant);
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        byte[] text = new byte[24];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, instant.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code value} as {@code width} decimal digits, zero-padded, ending just before {@code at + width}. */
    private static void digits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** A response body that writes itself through a Jackson generator. */
    @FunctionalInterface
    public interface Body {
        void writeTo(JsonGenerator json) throws IOException;
    }
}
