package dev.pillar.storage.adapters.http.object;

import dev.pillar.storage.application.port.ObjectPageQuery.Position;
import dev.pillar.storage.application.port.ObjectPageQuery.SortColumn;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.failure.InvalidInput;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageCursorTest {
    @Test
    void a_cursor_reads_back_as_written_with_microsecond_times_and_any_name() {
        PageCursor byTime = new PageCursor(new Position("fötter/ä b/", Optional.of(Instant.parse(
                "2024-05-01T10:00:00.123456Z"))), SortColumn.UPDATED_AT, SortOrder.DESC);
        PageCursor byName = new PageCursor(new Position("a/b.txt", Optional.empty()), SortColumn.NAME, SortOrder.ASC);

        assertEquals(byTime, PageCursor.decode(byTime.encode()));
        assertEquals(byName, PageCursor.decode(byName.encode()));
    }

    @Test
    void anything_else_is_an_invalid_cursor_parameter() {
        for (String raw : new String[]{"not-a-cursor", "%%%", encoded("[]"), encoded("{\"column\":\"NAME\"}"),
                encoded("{\"after\":\"a\",\"column\":\"SIZE\",\"order\":\"ASC\"}"),
                encoded("{\"after\":\"a\",\"column\":\"NAME\",\"order\":\"ASC\",\"at\":\"2024-05-01T10:00:00Z\"}"),
                encoded("{\"after\":\"a\",\"column\":\"CREATED_AT\",\"order\":\"ASC\"}"),
                encoded("{\"after\":\"a\",\"column\":\"CREATED_AT\",\"order\":\"ASC\",\"at\":\"yesterday\"}")}) {
            InvalidInput failure = assertThrows(InvalidInput.class, () -> PageCursor.decode(raw), raw);
            assertEquals("Invalid Parameter cursor", failure.getMessage());
        }
    }

    private static String encoded(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
