package dev.pillar.storage.adapters.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.support.RequestNotes;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.access.Role;
import dev.pillar.storage.domain.failure.InvalidToken;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.Optional;

/** Finds and verifies the caller's key: {@code Authorization: Bearer}, else the {@code apikey} header. */
public final class Authenticator {
    private static final HeaderName APIKEY = HeaderNames.create("apikey");
    private final Jwt jwt;

    public Authenticator(Jwt jwt) {
        this.jwt = jwt;
    }

    public Caller caller(ServerRequest request) {
        Optional<String> token = request.headers().first(HeaderNames.AUTHORIZATION)
                .map(String::trim)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim())
                .or(() -> request.headers().first(APIKEY).map(String::trim))
                .filter(value -> !value.isEmpty());
        if (token.isEmpty()) {
            throw new InvalidToken(InvalidToken.Reason.INVALID_JWT,
                    "headers must have required property 'authorization'");
        }
        Caller caller = callerFrom(jwt.verify(token.get()));
        RequestNotes.of(request).ifPresent(notes -> notes.role(caller.role().dbName()));
        return caller;
    }

    private static Caller callerFrom(JsonNode claims) {
        Role role = Role.fromClaim(claims.path("role").asText(""));
        Optional<String> subject = Optional.ofNullable(claims.get("sub"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .filter(sub -> !sub.isEmpty());
        return new Caller(role, subject, claims.toString());
    }
}
