package dev.pillar.storage.adapters.http.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.domain.failure.InvalidToken;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JwtTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String SECRET = "super-secret-jwt-token-with-at-least-32-characters";
    private final Jwt jwt = new Jwt(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void a_signed_token_verifies_and_yields_its_claims() {
        String token = jwt.sign(claims(NOW.getEpochSecond() + 60));
        assertEquals("authenticated", jwt.verify(token).get("role").asText());
    }

    @Test
    void an_expired_token_is_refused() {
        assertRefused("jwt expired", jwt.sign(claims(NOW.getEpochSecond())));
    }

    @Test
    void checking_the_signature_alone_leaves_the_expiry_to_the_tokens_reader() {
        String expired = jwt.sign(claims(NOW.getEpochSecond() - 3600));

        assertEquals(NOW.getEpochSecond() - 3600, jwt.verifySignature(expired).get("exp").asLong());
        Jwt other = new Jwt("another-secret-another-secret-another", Clock.fixed(NOW, ZoneOffset.UTC));
        InvalidToken forged = assertThrows(InvalidToken.class, () -> jwt.verifySignature(other.sign(claims(0))));
        assertEquals("invalid signature", forged.getMessage());
    }

    @Test
    void a_token_signed_with_another_secret_is_refused() {
        Jwt other = new Jwt("another-secret-another-secret-another", Clock.fixed(NOW, ZoneOffset.UTC));
        assertRefused("invalid signature", other.sign(claims(NOW.getEpochSecond() + 60)));
    }

    @Test
    void a_tampered_payload_is_refused() {
        String[] parts = jwt.sign(claims(NOW.getEpochSecond() + 60)).split("\\.");
        String forged = b64("{\"role\":\"service_role\",\"exp\":" + (NOW.getEpochSecond() + 60) + "}");
        assertRefused("invalid signature", parts[0] + "." + forged + "." + parts[2]);
    }

    @Test
    void alg_none_and_other_algorithms_are_refused() {
        String payload = b64("{\"role\":\"service_role\"}");
        assertRefused("invalid algorithm", b64("{\"alg\":\"none\"}") + "." + payload + ".");
        assertRefused("invalid algorithm", b64("{\"alg\":\"HS512\"}") + "." + payload + ".c2ln");
    }

    @Test
    void tokens_signed_at_the_same_time_on_many_threads_each_carry_their_own_correct_signature() throws Exception {
        List<Callable<String>> signings = IntStream.range(0, 2000)
                .<Callable<String>>mapToObj(i -> () -> jwt.sign(claims(NOW.getEpochSecond() + 1 + i))).toList();
        List<String> tokens = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (Future<String> token : threads.invokeAll(signings)) {
                tokens.add(token.get());
            }
        }

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            int lastDot = token.lastIndexOf('.');
            byte[] expected = mac.doFinal(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
            assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected), token.substring(lastDot + 1));
            assertEquals(NOW.getEpochSecond() + 1 + i, jwt.verify(token).get("exp").asLong());
        }
    }

    @Test
    void garbage_is_malformed() {
        assertRefused("jwt malformed", "not-a-token");
        assertRefused("jwt malformed", "a.b.c");
    }

    private void assertRefused(String message, String token) {
        InvalidToken refused = assertThrows(InvalidToken.class, () -> jwt.verify(token));
        assertEquals(message, refused.getMessage());
        assertEquals(InvalidToken.Reason.INVALID_JWT, refused.reason());
    }

    private static ObjectNode claims(long exp) {
        return Json.object().put("role", "authenticated").put("sub", "u1").put("exp", exp);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
