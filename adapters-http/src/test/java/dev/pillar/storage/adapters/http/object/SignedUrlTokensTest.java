package dev.pillar.storage.adapters.http.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.auth.Jwt;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.image.Transformation;
import dev.pillar.storage.domain.failure.InvalidToken;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.signing.DownloadGrant;
import dev.pillar.storage.domain.signing.UploadGrant;
import dev.pillar.storage.domain.signing.Validity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignedUrlTokensTest {
    private static final String SECRET = "super-secret-jwt-token-with-at-least-32-characters";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Validity MINUTE = Validity.seconds(NOW, 60);
    private static final BucketId DOCS = BucketId.of("docs");
    private static final ObjectName NAME = ObjectName.of("a folder/ünï file.txt");
    private final Jwt jwt = new Jwt(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    private final SignedUrlTokens tokens = new SignedUrlTokens(jwt);

    @Test
    void a_download_grant_travels_as_supabases_claims_and_back() throws IOException {
        DownloadGrant grant = new DownloadGrant(DOCS, NAME, MINUTE);

        String token = tokens.sign(grant, Optional.empty());

        JsonNode claims = payload(token);
        assertEquals("docs/a folder/ünï file.txt", claims.get("url").asText());
        assertEquals("download", claims.get("scope").asText());
        assertEquals(NOW.getEpochSecond(), claims.get("iat").asLong());
        assertEquals(NOW.getEpochSecond() + 60, claims.get("exp").asLong());
        assertFalse(claims.has("transformations"));
        assertEquals(grant, tokens.download(token));
    }

    @Test
    void a_transform_rides_along_in_the_download_token() throws IOException {
        Transformation transformation = Transformation.fromDescription("width:100,format:webp");
        String token = tokens.sign(new DownloadGrant(DOCS, NAME, MINUTE), Optional.of(transformation));

        assertEquals(transformation.describe(), payload(token).get("transformations").asText());
        assertEquals(Optional.of(transformation), tokens.transformation(token));
        assertEquals(Optional.empty(), tokens.transformation(tokens.sign(new DownloadGrant(DOCS, NAME, MINUTE),
                Optional.empty())));
    }

    @Test
    void an_upload_grant_travels_as_supabases_claims_and_back() throws IOException {
        UploadGrant grant = new UploadGrant(DOCS, NAME, Optional.of("8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e"), true, MINUTE);

        String token = tokens.sign(grant);

        JsonNode claims = payload(token);
        assertEquals("8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e", claims.get("owner").asText());
        assertEquals(true, claims.get("upsert").asBoolean());
        assertEquals("upload", claims.get("scope").asText());
        assertEquals(grant, tokens.upload(token));
        assertFalse(payload(tokens.sign(new UploadGrant(DOCS, NAME, Optional.empty(), false, MINUTE))).has("owner"));
    }

    @Test
    void an_expired_token_still_reads_back_since_its_grant_judges_the_time() {
        Validity past = new Validity(NOW.minusSeconds(120), NOW.minusSeconds(60));

        assertEquals(past, tokens.download(tokens.sign(new DownloadGrant(DOCS, NAME, past), Optional.empty())).validity());
    }

    @Test
    void a_download_token_is_no_upload_token_and_the_other_way_round() {
        String download = tokens.sign(new DownloadGrant(DOCS, NAME, MINUTE), Optional.empty());
        String upload = tokens.sign(new UploadGrant(DOCS, NAME, Optional.empty(), false, MINUTE));

        InvalidToken asUpload = assertThrows(InvalidToken.class, () -> tokens.upload(download));
        assertEquals(InvalidToken.Reason.INVALID_UPLOAD_SIGNATURE, asUpload.reason());
        assertEquals("Token is not scoped for upload", asUpload.getMessage());
        InvalidToken asDownload = assertThrows(InvalidToken.class, () -> tokens.download(upload));
        assertEquals(InvalidToken.Reason.INVALID_SIGNATURE, asDownload.reason());
        assertEquals("Token is not scoped for download", asDownload.getMessage());
    }

    @Test
    void tokens_from_before_supabase_scoped_them_are_told_apart_by_the_upsert_claim() {
        String download = jwt.sign(Json.object().put("url", "docs/a.txt").put("iat", 1).put("exp", 2));
        String upload = jwt.sign(Json.object().put("url", "docs/a.txt").put("upsert", false).put("iat", 1).put("exp", 2));

        assertEquals(ObjectName.of("a.txt"), tokens.download(download).name());
        assertEquals(ObjectName.of("a.txt"), tokens.upload(upload).name());
        assertThrows(InvalidToken.class, () -> tokens.upload(download));
        assertThrows(InvalidToken.class, () -> tokens.download(upload));
    }

    @Test
    void a_token_signed_with_another_secret_is_an_invalid_signature() {
        SignedUrlTokens foreign = new SignedUrlTokens(new Jwt("another-secret-another-secret-another", Clock.systemUTC()));

        assertInvalid(foreign.sign(new DownloadGrant(DOCS, NAME, MINUTE), Optional.empty()));
        InvalidToken upload = assertThrows(InvalidToken.class,
                () -> tokens.upload(foreign.sign(new UploadGrant(DOCS, NAME, Optional.empty(), false, MINUTE))));
        assertEquals(InvalidToken.Reason.INVALID_UPLOAD_SIGNATURE, upload.reason());
        assertEquals("Invalid upload Signature", upload.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"scope\":\"download\",\"iat\":1,\"exp\":2}",
            "{\"scope\":\"download\",\"url\":\"no-slash\",\"iat\":1,\"exp\":2}",
            "{\"scope\":\"download\",\"url\":\"b#d/a.txt\",\"iat\":1,\"exp\":2}",
            "{\"scope\":\"download\",\"url\":\"docs/../a.txt\",\"iat\":1,\"exp\":2}",
            "{\"scope\":\"download\",\"url\":7,\"iat\":1,\"exp\":2}",
            "{\"scope\":\"download\",\"url\":\"docs/a.txt\",\"exp\":2}",
            "{\"scope\":\"download\",\"url\":\"docs/a.txt\",\"iat\":1,\"exp\":\"soon\"}",
            "{\"scope\":\"download\",\"url\":\"docs/a.txt\",\"iat\":1,\"exp\":1e300}",
            "{\"scope\":\"download\",\"url\":\"docs/a.txt\",\"iat\":1,\"exp\":99999999999999999999}",
            "{\"scope\":\"admin\",\"url\":\"docs/a.txt\",\"iat\":1,\"exp\":2}"})
    void signed_claims_that_make_no_grant_are_an_invalid_signature(String claims) throws IOException {
        assertInvalid(jwt.sign((ObjectNode) Json.MAPPER.readTree(claims)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "a.b.c", "eyJhbGciOiJub25lIn0.eyJ1cmwiOiJkb2NzL2EudHh0In0."})
    void garbage_is_an_invalid_signature(String token) {
        assertInvalid(token);
    }

    private void assertInvalid(String token) {
        InvalidToken failure = assertThrows(InvalidToken.class, () -> tokens.download(token));
        assertEquals(InvalidToken.Reason.INVALID_SIGNATURE, failure.reason());
    }

    private static JsonNode payload(String token) throws IOException {
        return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
