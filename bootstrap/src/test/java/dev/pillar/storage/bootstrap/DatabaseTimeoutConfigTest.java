package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The database timeouts: 5 s for a connection and 30 s per statement by default, milliseconds when set. */
class DatabaseTimeoutConfigTest {

    @Test
    void defaults_and_values_in_milliseconds() {
        ServerConfig defaults = ServerConfig.fromEnvironment(Map.of());
        assertEquals(Duration.ofSeconds(5), defaults.databaseConnectionTimeout());
        assertEquals(Duration.ofSeconds(30), defaults.databaseStatementTimeout());

        ServerConfig set = ServerConfig.fromEnvironment(Map.of("DATABASE_CONNECTION_TIMEOUT", "1500",
                "DATABASE_STATEMENT_TIMEOUT", "250"));
        assertEquals(Duration.ofMillis(1500), set.databaseConnectionTimeout());
        assertEquals(Duration.ofMillis(250), set.databaseStatementTimeout());
    }

    @Test
    void unusable_values_are_named() {
        assertEquals("DATABASE_CONNECTION_TIMEOUT: must be an integer from 250 to 2147483647 (got \"100\")",
                refusal("DATABASE_CONNECTION_TIMEOUT", "100"));
        assertEquals("DATABASE_STATEMENT_TIMEOUT: must be an integer from 1 to 2147483647 (got \"30s\")",
                refusal("DATABASE_STATEMENT_TIMEOUT", "30s"));
    }

    private static String refusal(String name, String value) {
        return assertThrows(ConfigurationException.class,
                () -> ServerConfig.fromEnvironment(Map.of(name, value))).getMessage();
    }
}
