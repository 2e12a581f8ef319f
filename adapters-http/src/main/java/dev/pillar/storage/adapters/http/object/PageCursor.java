package dev.pillar.storage.adapters.http.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.application.port.ObjectPageQuery.Position;
import dev.pillar.storage.application.port.ObjectPageQuery.SortColumn;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.failure.InvalidInput;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque {@code cursor} of list-v2: where the last page ended and the order it was in (which, as in
 * Supabase, the next page keeps), as base64url JSON. Anything that does not decode is an invalid parameter.
 */
record PageCursor(Position position, SortColumn column, SortOrder order) {

    String encode() {
        ObjectNode node = Json.object().put("after", position.name())
                .put("column", column.name()).put("order", order.name());
        position.time().ifPresent(time -> node.put("at", time.toString()));
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static PageCursor decode(String raw) {
        try {
            JsonNode node = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(raw));
            if (node == null || !node.isObject()) {
                throw invalid();
            }
            SortColumn column = SortColumn.valueOf(node.path("column").asText());
            Optional<Instant> time = node.hasNonNull("at") ? Optional.of(Instant.parse(node.get("at").asText()))
                    : Optional.empty();
            if (!node.path("after").isTextual() || (column == SortColumn.NAME) != time.isEmpty()) {
                throw invalid();
            }
            return new PageCursor(new Position(node.get("after").asText(), time), column,
                    SortOrder.valueOf(node.path("order").asText()));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    private static InvalidInput invalid() {
        return InvalidInput.invalidParameter("cursor");
    }
}
