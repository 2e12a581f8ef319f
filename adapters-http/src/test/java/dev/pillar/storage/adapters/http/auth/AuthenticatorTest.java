package dev.pillar.storage.adapters.http.auth;

import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.adapters.http.support.RequestNotes;
import dev.pillar.storage.application.access.Role;
import dev.pillar.storage.domain.failure.InvalidToken;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Keys verified once are remembered, yet an expired key is refused even when it was accepted before. */
class AuthenticatorTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private final MovableClock clock = new MovableClock();
    private final Jwt jwt = new Jwt("authenticator-secret", clock);
    private final Authenticator auth = new Authenticator(jwt);

    @Test
    void a_remembered_key_that_expired_since_is_refused() {
        String key = jwt.sign(Json.object().put("role", "authenticated").put("sub", "u1")
                .put("exp", NOW.getEpochSecond() + 60));
        assertEquals(Role.AUTHENTICATED, auth.caller(request(key)).role());
        assertEquals(Optional.of("u1"), auth.caller(request(key)).subject());

        clock.now = NOW.plusSeconds(61);

        InvalidToken refused = assertThrows(InvalidToken.class, () -> auth.caller(request(key)));
        assertEquals("jwt expired", refused.getMessage());
    }

    @Test
    void a_forged_key_is_refused_however_similar_to_a_remembered_one() {
        String key = jwt.sign(Json.object().put("role", "anon"));
        auth.caller(request(key));
        String forged = key.substring(0, key.lastIndexOf('.') + 1) + "AAAA";

        assertThrows(InvalidToken.class, () -> auth.caller(request(forged)));
    }

    private static ServerRequest request(String key) {
        ServerRequest request = mock(ServerRequest.class, RETURNS_DEEP_STUBS);
        when(request.headers().first(HeaderNames.AUTHORIZATION)).thenReturn(Optional.of("Bearer " + key));
        when(request.context().get(RequestNotes.class)).thenReturn(Optional.empty());
        return request;
    }

    private static final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
