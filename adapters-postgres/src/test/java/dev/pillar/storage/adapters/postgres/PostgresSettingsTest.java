package dev.pillar.storage.adapters.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresSettingsTest {

    @Test
    void a_database_url_becomes_a_jdbc_url_with_decoded_credentials_and_defaults() {
        PostgresSettings settings = PostgresSettings.fromDatabaseUrl(
                "postgres://storage%40app:p%40ss%2Bw%3Ard@db.example.com:6543/postgres?sslmode=require");

        assertEquals("jdbc:postgresql://db.example.com:6543/postgres?sslmode=require", settings.jdbcUrl());
        assertEquals("storage@app", settings.user());
        assertEquals("p@ss+w:rd", settings.password());
        assertEquals(PostgresSettings.DEFAULT_MAX_POOL_SIZE, settings.maxPoolSize());
        assertEquals(PostgresSettings.DEFAULT_CONNECTION_TIMEOUT, settings.connectionTimeout());
        assertEquals(PostgresSettings.DEFAULT_STATEMENT_TIMEOUT, settings.statementTimeout());
    }

    @Test
    void postgresql_scheme_ipv6_hosts_several_hosts_and_missing_parts_are_understood() {
        assertEquals("jdbc:postgresql://localhost/app", PostgresSettings.fromDatabaseUrl(
                "postgresql://me@localhost/app").jdbcUrl());
        assertEquals("jdbc:postgresql://[::1]:5432/app", PostgresSettings.fromDatabaseUrl(
                "postgres://me:secret@[::1]:5432/app").jdbcUrl());
        assertEquals("jdbc:postgresql://a:5432,b:5433/app?targetServerType=primary", PostgresSettings.fromDatabaseUrl(
                "postgres://me@a:5432,b:5433/app?targetServerType=primary").jdbcUrl());
        PostgresSettings noDatabase = PostgresSettings.fromDatabaseUrl("postgres://me@localhost");
        assertEquals("jdbc:postgresql://localhost/me", noDatabase.jdbcUrl());
        assertEquals("", noDatabase.password());
    }

    @Test
    void a_jdbc_url_is_taken_as_it_is() {
        PostgresSettings settings = PostgresSettings.fromDatabaseUrl(
                "jdbc:postgresql://127.0.0.1:5432/storage?user=me&password=secret");

        assertEquals("jdbc:postgresql://127.0.0.1:5432/storage?user=me&password=secret", settings.jdbcUrl());
        assertEquals("", settings.user());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "mysql://me:secret@host/db", "postgres://me:secret@/db",
            "postgres://me:secret@host:99999/db", "postgres://me:secret@host:port/db", "postgres://me:sec%2@host/db",
            "postgres://me:secret@[::1/db", "postgres://:secret@host"})
    void a_malformed_url_is_refused_with_a_clear_message_that_never_shows_the_password(String url) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> PostgresSettings.fromDatabaseUrl(url));

        assertTrue(failure.getMessage().startsWith("Malformed database URL: "), failure.getMessage());
        assertFalse(failure.getMessage().contains("secret"), failure.getMessage());
        assertFalse(failure.getMessage().contains("sec%2"), failure.getMessage());
    }

    @Test
    void to_string_hides_passwords() {
        PostgresSettings settings = new PostgresSettings("jdbc:postgresql://h/db?user=u&password=secret", "u",
                "hunter2", 4, Duration.ofSeconds(1), Duration.ofSeconds(3));

        assertFalse(settings.toString().contains("secret"), settings.toString());
        assertFalse(settings.toString().contains("hunter2"), settings.toString());
        assertTrue(settings.toString().contains("maxPoolSize=4"), settings.toString());
    }

    @Test
    void settings_refuse_unusable_bounds() {
        assertThrows(IllegalArgumentException.class, () -> PostgresSettings.of("jdbc:mysql://h/db", "u", ""));
        assertThrows(IllegalArgumentException.class, () -> PostgresSettings.of("jdbc:postgresql://h/db", "u", "")
                .withMaxPoolSize(0));
        assertThrows(IllegalArgumentException.class, () -> PostgresSettings.of("jdbc:postgresql://h/db", "u", "")
                .withConnectionTimeout(Duration.ofMillis(10)));
        assertThrows(IllegalArgumentException.class, () -> PostgresSettings.of("jdbc:postgresql://h/db", "u", "")
                .withStatementTimeout(Duration.ZERO));
    }
}
