package dev.pillar.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.support.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.logging.LogRecord;

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
