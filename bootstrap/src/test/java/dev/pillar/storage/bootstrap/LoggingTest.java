package dev.pillar.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.support.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code LOG_LEVEL} and the JSON lines every log record becomes. */
class LoggingTest {
    private final System.Logger access = System.getLogger("dev.pillar.storage.access");

    @AfterEach
    void back_to_the_default() {
        Logging.level(ServerConfig.LogLevel.INFO);
    }

    @Test
    void log_level_comes_from_the_environment_and_a_bad_one_is_named() {
        assertEquals(ServerConfig.LogLevel.INFO, ServerConfig.fromEnvironment(Map.of()).logLevel());
        assertEquals(ServerConfig.LogLevel.DEBUG, ServerConfig.fromEnvironment(Map.of("LOG_LEVEL", "debug")).logLevel());
        ConfigurationException bad = assertThrows(ConfigurationException.class,
                () -> ServerConfig.fromEnvironment(Map.of("LOG_LEVEL", "loud")));
        assertEquals("LOG_LEVEL: must be one of error, warn, info, debug, trace (got \"loud\")", bad.getMessage());
    }

    @Test
    void warn_silences_the_access_log_and_debug_lets_debug_records_through() {
        Logging.level(ServerConfig.LogLevel.WARN);
        assertFalse(access.isLoggable(Level.INFO));
        assertTrue(access.isLoggable(Level.WARNING));

        Logging.level(ServerConfig.LogLevel.DEBUG);
        assertTrue(access.isLoggable(Level.DEBUG));
        assertFalse(access.isLoggable(Level.TRACE));
    }

    @Test
    void the_configured_console_handler_is_the_buffered_one_with_json_lines() {
        Logging.configure();

        List<java.util.logging.Handler> consoles = Arrays.stream(Logger.getLogger("").getHandlers())
                .filter(handler -> handler instanceof BufferedConsoleHandler).toList();
        assertEquals(1, consoles.size(), "one console handler, Helidon's shutdown one aside");
        assertTrue(consoles.getFirst().getFormatter() instanceof JsonLogFormatter);
    }

    @Test
    void an_access_record_reads_exactly_as_jackson_writes_it_whatever_its_strings_hold() throws IOException {
        String hostile = "q\"uote back\\slash /slash \b\f\n\r\t \u0000\u0001\u001f \u007f é 😀 \u2028 end";
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("request_id", hostile);
        fields.put("status", 404);
        fields.put("bytes_in", 5_000_000_000L);
        fields.put("duration_ms", 12.3);
        fields.put("tiny_ms", 0.0);
        fields.put("huge_ms", 1.0e7);
        fields.put("ratio", 0.25f);
        fields.put("not_a_number", Double.NaN);
        fields.put("dry_run", true);
        fields.put("nothing", null);
        fields.put("exact", new BigDecimal("1.50"));
        fields.put("list", List.of("a", 1));
        fields.put(hostile, "as a key too");
        LogRecord record = new LogRecord(java.util.logging.Level.INFO, "request " + hostile);
        record.setLoggerName("dev.pillar.storage.access");
        record.setParameters(new Object[]{fields});
        record.setInstant(Instant.parse("2026-11-28T02:14:59.007Z"));

        String text = new JsonLogFormatter().format(record);

        ObjectNode expected = Json.object().put("time", "2026-11-28T02:14:59.007Z").put("level", "info")
                .put("logger", "dev.pillar.storage.access").put("message", "request " + hostile);
        fields.forEach((key, value) -> expected.set(key, Json.MAPPER.valueToTree(value)));
        assertEquals(Json.MAPPER.writeValueAsString(expected) + System.lineSeparator(), text);
        assertEquals(hostile, Json.MAPPER.readTree(text).path("request_id").asText());
    }

    @Test
    void the_time_is_the_instants_own_text_across_seconds_and_whole_seconds() {
        JsonLogFormatter formatter = new JsonLogFormatter();
        for (String instant : List.of("2026-11-28T02:14:59.999Z", "2026-11-28T02:15:00Z", "2026-11-28T02:15:00.001Z",
                "2026-11-28T02:15:00.120Z", "1969-12-31T23:59:59.500Z", "2026-11-28T02:14:59.010Z")) {
            LogRecord record = new LogRecord(java.util.logging.Level.INFO, "tick");
            record.setInstant(Instant.parse(instant));

            String text = formatter.format(record);

            assertTrue(text.startsWith("{\"time\":\"" + Instant.parse(instant) + "\","), text);
        }
    }

    @Test
    void a_record_with_a_cause_is_one_json_line_with_the_error_and_its_stack() throws IOException {
        LogRecord record = new LogRecord(java.util.logging.Level.WARNING, "event=request_failed bucket={0}");
        record.setLoggerName("dev.pillar.storage.test");
        record.setParameters(new Object[]{"photos"});
        record.setThrown(new UncheckedIOException("disk gone", new IOException("EIO")));

        String text = new JsonLogFormatter().format(record);

        assertEquals(text.length() - 1, text.indexOf('\n'), "one line");
        JsonNode line = Json.MAPPER.readTree(text);
        assertEquals("warn", line.path("level").asText());
        assertEquals("event=request_failed bucket=photos", line.path("message").asText());
        assertEquals("java.io.UncheckedIOException: disk gone", line.path("error").asText());
        assertTrue(line.path("stack").asText().contains("Caused by: java.io.IOException: EIO"));
    }
}
