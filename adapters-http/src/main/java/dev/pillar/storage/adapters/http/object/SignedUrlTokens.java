package dev.pillar.storage.adapters.http.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.auth.Jwt;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.image.Transformation;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.InvalidToken;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.signing.DownloadGrant;
import dev.pillar.storage.domain.signing.UploadGrant;
import dev.pillar.storage.domain.signing.Validity;
import io.helidon.webserver.http.ServerRequest;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signed-URL grants as Supabase's tokens: HS256 JWTs signed with the project secret, claims
 * {@code {url: "bucket/name", scope: "download", iat, exp}} (plus {@code transformations})
 * and {@code {owner, url, upsert, scope: "upload", iat, exp}}. Reading one back checks its signature and
 * that it is the right kind of token; whether it fits the object asked for, and is still valid, the grant
 * decides. Tokens from before Supabase scoped them are told apart as it does: only upload tokens carry
 * {@code upsert}.
 */
public final class SignedUrlTokens {
    private static final String DOWNLOAD = "download";
    private static final String UPLOAD = "upload";
    private static final String TRANSFORMATIONS = "transformations";
    private final Jwt jwt;

    public SignedUrlTokens(Jwt jwt) {
        this.jwt = jwt;
    }

    /** The {@code token} query parameter every signed URL carries. */
    public static String token(ServerRequest req) {
        return Requests.query(req, "token").filter(token -> !token.isEmpty())
                .orElseThrow(() -> InvalidInput.missingParameter("token"));
    }

    String sign(DownloadGrant grant, Optional<Transformation> transform) {
        ObjectNode claims = Json.object();
        transform.ifPresent(t -> claims.put(TRANSFORMATIONS, t.describe()));
        return jwt.sign(timed(claims.put("url", url(grant.bucketId(), grant.name())).put("scope", DOWNLOAD),
                grant.validity()));
    }

    String sign(UploadGrant grant) {
        ObjectNode claims = Json.object();
        grant.owner().ifPresent(owner -> claims.put("owner", owner));
        return jwt.sign(timed(claims.put("url", url(grant.bucketId(), grant.name())).put("upsert", grant.upsert())
                .put("scope", UPLOAD), grant.validity()));
    }

    /** The grant a download token carries; {@code InvalidSignature} if it is not one of ours. */
    public DownloadGrant download(String token) {
        Supplier<InvalidToken> invalid = InvalidToken::invalidSignature;
        JsonNode claims = verified(token, invalid);
        if (!scoped(claims, DOWNLOAD, !claims.has("upsert"))) {
            throw new InvalidToken(InvalidToken.Reason.INVALID_SIGNATURE, "Token is not scoped for download");
        }
        String[] url = url(claims, invalid);
        return of(invalid, () -> new DownloadGrant(BucketId.of(url[0]), ObjectName.of(url[1]), validity(claims)));
    }

    /** The image transformation a download token was signed with, if any (its signature already checked). */
    public Optional<Transformation> transformation(String token) {
        return Optional.ofNullable(verified(token, InvalidToken::invalidSignature).get(TRANSFORMATIONS))
                .filter(JsonNode::isTextual)
                .map(claim -> Transformation.fromDescription(claim.asText()));
    }

    /** The grant an upload token carries; {@code InvalidUploadSignature} if it is not one of ours. */
    UploadGrant upload(String token) {
        Supplier<InvalidToken> invalid = InvalidToken::invalidUploadSignature;
        JsonNode claims = verified(token, invalid);
        if (!scoped(claims, UPLOAD, claims.has("upsert"))) {
            throw new InvalidToken(InvalidToken.Reason.INVALID_UPLOAD_SIGNATURE, "Token is not scoped for upload");
        }
        String[] url = url(claims, invalid);
        Optional<String> owner = Optional.ofNullable(claims.get("owner")).filter(JsonNode::isTextual)
                .map(JsonNode::asText);
        return of(invalid, () -> new UploadGrant(BucketId.of(url[0]), ObjectName.of(url[1]), owner,
                claims.path("upsert").asBoolean(false), validity(claims)));
    }

    private JsonNode verified(String token, Supplier<InvalidToken> invalid) {
        try {
            return jwt.verifySignature(token);
        } catch (InvalidToken e) {
            throw invalid.get();
        }
    }

    /** {@code scope} names the kind of token; a token without one is of that kind only if {@code legacy}. */
    private static boolean scoped(JsonNode claims, String scope, boolean legacy) {
        JsonNode claim = claims.get("scope");
        return claim == null ? legacy : scope.equals(claim.asText());
    }

    private static String url(BucketId bucketId, ObjectName name) {
        return bucketId.value() + "/" + name.value();
    }

    private static String[] url(JsonNode claims, Supplier<InvalidToken> invalid) {
        String url = claims.path("url").asText("");
        int slash = url.indexOf('/');
        if (!claims.path("url").isTextual() || slash < 0) {
            throw invalid.get();
        }
        return new String[] {url.substring(0, slash), url.substring(slash + 1)};
    }

    private static ObjectNode timed(ObjectNode claims, Validity validity) {
        return claims.put("iat", validity.issuedAt().getEpochSecond())
                .put("exp", validity.expiresAt().getEpochSecond());
    }

    private static Validity validity(JsonNode claims) {
        JsonNode iat = claims.path("iat");
        JsonNode exp = claims.path("exp");
        if (!iat.isIntegralNumber() || !exp.isIntegralNumber() || !iat.canConvertToLong() || !exp.canConvertToLong()) {
            throw new IllegalArgumentException("a signed URL token states when it was issued and when it expires");
        }
        return new Validity(Instant.ofEpochSecond(iat.asLong()), Instant.ofEpochSecond(exp.asLong()));
    }

    /** A grant from claims we signed ourselves, or {@code invalid} if they do not make one. */
    private static <G> G of(Supplier<InvalidToken> invalid, Supplier<G> grant) {
        try {
            return grant.get();
        } catch (InvalidInput | IllegalArgumentException | DateTimeException e) {
            throw invalid.get();
        }
    }
}
