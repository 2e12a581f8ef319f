package dev.pillar.storage.adapters.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.support.RequestNotes;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.access.Role;
import dev.pillar.storage.domain.failure.InvalidToken;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Finds and verifies the caller's key: {@code Authorization: Bearer}, else the {@code apikey} header. */
public final class Authenticator {
    private static final HeaderName APIKEY = HeaderNames.create("apikey");
    private static final int REMEMBERED = 1024;
    private final Jwt jwt;
    /**
     * Keys already verified, by their exact text: clients send the same key on every request, and the HMAC, two
     * JSON parses and the claims' serialisation cost more than the rest of a small read. Expiry is still checked
     * on every use; the map is emptied when full, so it stays small whatever the callers send.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(Caller caller, JsonNode claims) {
    }

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
        Verified known = verified.get(token.get());
        if (known == null) {
            JsonNode claims = jwt.verify(token.get());
            known = new Verified(callerFrom(claims), claims);
            if (verified.size() >= REMEMBERED) {
                verified.clear();
            }
            verified.put(token.get(), known);
        } else {
            jwt.checkTimes(known.claims());
        }
        Caller caller = known.caller();
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
