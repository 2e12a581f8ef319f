package dev.pillar.storage.bootstrap;

import dev.pillar.storage.adapters.http.cors.CorsSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CORS variables: any origin by default, a list, none, and one clear error per unusable value. */
class CorsConfigTest {

    @Test
    void every_origin_by_default_with_a_two_hour_preflight_cache() {
        assertEquals(CorsSettings.anyOrigin(Duration.ofHours(2)), cors(Map.of()));
        assertEquals(CorsSettings.anyOrigin(Duration.ofSeconds(60)),
                cors(Map.of("CORS_ALLOWED_ORIGINS", " * ", "CORS_MAX_AGE", "60")));
    }

    @Test
    void a_list_allows_exactly_its_origins_whatever_their_case() {
        CorsSettings settings = cors(Map.of("CORS_ALLOWED_ORIGINS",
                "https://App.example.com, http://localhost:3000,http://[::1]:8080"));

        assertEquals(Set.of("https://app.example.com", "http://localhost:3000", "http://[::1]:8080"),
                settings.allowedOrigins());
        assertTrue(settings.allows("https://app.example.com"));
        assertTrue(settings.allows("http://[::1]:8080"));
        assertFalse(settings.allows("http://localhost:3001"));
        assertFalse(settings.allows("https://app.example.com.evil.test"));
        assertFalse(settings.allows("null"));
    }

    @Test
    void none_allows_no_origin_for_a_gateway_that_adds_cors_itself() {
        CorsSettings settings = cors(Map.of("CORS_ALLOWED_ORIGINS", "none"));

        assertFalse(settings.anyOrigin());
        assertFalse(settings.allows("http://localhost:3000"));
    }

    @Test
    void unusable_values_are_named() {
        assertEquals("CORS_ALLOWED_ORIGINS: must be *, none or a comma-separated list of origins such as"
                        + " https://app.example.com,http://localhost:3000 (got \"https://app.example.com/\")",
                refusal("CORS_ALLOWED_ORIGINS", "https://app.example.com/"));
        assertEquals("CORS_ALLOWED_ORIGINS: must be *, none or a comma-separated list of origins such as"
                        + " https://app.example.com,http://localhost:3000 (got \"*,http://localhost\")",
                refusal("CORS_ALLOWED_ORIGINS", "*,http://localhost"));
        assertEquals("CORS_MAX_AGE: must be an integer from 0 to 86400 (got \"1h\")", refusal("CORS_MAX_AGE", "1h"));
    }

    private static CorsSettings cors(Map<String, String> env) {
        return ServerConfig.fromEnvironment(env).cors();
    }

    private static String refusal(String name, String value) {
        return assertThrows(ConfigurationException.class,
                () -> ServerConfig.fromEnvironment(Map.of(name, value))).getMessage();
    }
}
