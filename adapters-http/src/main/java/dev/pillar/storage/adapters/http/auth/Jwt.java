package dev.pillar.storage.adapters.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.domain.failure.InvalidToken;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;

/**
 * HS256 JSON Web Tokens signed with the project secret: verifies callers' keys and signs the
 * server's own tokens. Only HS256 is accepted; {@code none} and every other algorithm are refused.
 */
public final class Jwt {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final byte[] HEADER = B64.encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    /** Keyed once and never used itself: each signature works on a clone, cheaper than a look-up and keying. */
    private final Mac keyedMac;
    private final Clock clock;

    public Jwt(String secret, Clock clock) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a JWT secret is required");
        }
        try {
            this.keyedMac = Mac.getInstance("HmacSHA256");
            keyedMac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides HmacSHA256", e);
        }
        this.clock = clock;
    }

    public String sign(ObjectNode claims) {
        try {
            String signingInput = new String(HEADER, StandardCharsets.US_ASCII) + "."
                    + B64.encodeToString(Json.MAPPER.writeValueAsBytes(claims));
            return signingInput + "." + B64.encodeToString(mac(signingInput));
        } catch (IOException e) {
            throw new IllegalStateException("claims always serialise", e);
        }
    }

    /** The verified claims, or {@link InvalidToken} saying why the token cannot be trusted. */
    public JsonNode verify(String token) {
        JsonNode claims = verifySignature(token);
        checkTimes(claims);
        return claims;
    }

    /** Refuses claims that are expired or not yet valid now: for claims verified earlier and kept. */
    public void checkTimes(JsonNode claims) {
        long now = clock.instant().getEpochSecond();
        if (claims.has("exp") && (!claims.get("exp").isNumber() || claims.get("exp").asLong() <= now)) {
            throw invalid("jwt expired");
        }
        if (claims.has("nbf") && claims.get("nbf").isNumber() && claims.get("nbf").asLong() > now) {
            throw invalid("jwt not active");
        }
    }

    /**
     * The claims of a well-formed HS256 token signed with the project secret, whatever its times say: for
     * tokens whose expiry is judged by their reader (signed URLs).
     */
    public JsonNode verifySignature(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            throw invalid("jwt malformed");
        }
        JsonNode header = decode(parts[0]);
        if (!"HS256".equals(header.path("alg").asText())) {
            throw invalid("invalid algorithm");
        }
        byte[] signature;
        try {
            signature = B64D.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw invalid("invalid signature");
        }
        if (!MessageDigest.isEqual(signature, mac(parts[0] + "." + parts[1]))) {
            throw invalid("invalid signature");
        }
        return decode(parts[1]);
    }

    private byte[] mac(String signingInput) {
        try {
            return ((Mac) keyedMac.clone()).doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", e);
        }
    }

    private static JsonNode decode(String part) {
        try {
            JsonNode node = Json.MAPPER.readTree(B64D.decode(part));
            if (node == null || !node.isObject()) {
                throw invalid("jwt malformed");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("jwt malformed");
        }
    }

    private static InvalidToken invalid(String message) {
        return new InvalidToken(InvalidToken.Reason.INVALID_JWT, message);
    }
}
