package dev.pillar.storage.adapters.http.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.signed.CreateSignedUrl;
import dev.pillar.storage.application.signed.CreateSignedUrls;
import dev.pillar.storage.application.signed.DownloadSignedObject;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.image.Transformation;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.signing.DownloadGrant;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Signed download URLs: {@code POST /object/sign/{bucket}/{path}} and {@code POST /object/sign/{bucket}}
 * (batch) create them, {@code GET}/{@code HEAD /object/sign/{bucket}/{path}?token=} serves them like a
 * download. The returned {@code signedURL} holds the path unencoded, as Supabase's does, because
 * supabase-js passes it through {@code encodeURI}.
 */
final class SignedUrlHandler {
    static final String NOT_SIGNABLE = "Either the object does not exist or you do not have access to it";
    private final Authenticator auth;
    private final SignedUrlTokens tokens;
    private final CreateSignedUrl createSignedUrl;
    private final CreateSignedUrls createSignedUrls;
    private final DownloadSignedObject downloadSignedObject;

    SignedUrlHandler(Authenticator auth, SignedUrlTokens tokens, CreateSignedUrl createSignedUrl,
                     CreateSignedUrls createSignedUrls, DownloadSignedObject downloadSignedObject) {
        this.auth = auth;
        this.tokens = tokens;
        this.createSignedUrl = createSignedUrl;
        this.createSignedUrls = createSignedUrls;
        this.downloadSignedObject = downloadSignedObject;
    }

    void signOne(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        BucketId bucketId = Requests.bucketId(req, "bucket");
        ObjectName name = Requests.objectName(req);
        JsonNode body = Json.readObject(req);
        long expiresIn = expiresIn(body);
        Optional<Transformation> transform = transformation(body.get("transform"));
        DownloadGrant grant = createSignedUrl.sign(new CreateSignedUrl.Command(caller, bucketId, name, expiresIn));
        Json.ok(res, Json.object().put("signedURL", signedUrl(grant, transform)));
    }

    void signMany(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        BucketId bucketId = Requests.bucketId(req, "bucket");
        JsonNode body = Json.readObject(req);
        long expiresIn = expiresIn(body);
        List<CreateSignedUrls.Outcome> outcomes = createSignedUrls.sign(
                new CreateSignedUrls.Command(caller, bucketId, paths(body), expiresIn));
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (CreateSignedUrls.Outcome outcome : outcomes) {
            Optional<String> url = outcome.grant().map(grant -> signedUrl(grant, Optional.empty()));
            array.addObject()
                    .put("error", url.isPresent() ? null : NOT_SIGNABLE)
                    .put("path", outcome.path())
                    .put("signedURL", url.orElse(null));
        }
        Json.ok(res, array);
    }

    /** The object behind a signed URL, with everything a download offers (ranges, 304s, {@code download}). */
    void download(ServerRequest req, ServerResponse res) {
        DownloadGrant grant = tokens.download(SignedUrlTokens.token(req));
        DownloadHandler.respond(req, res, downloadSignedObject.download(new DownloadSignedObject.Command(grant,
                Requests.bucketId(req, "bucket"), Requests.objectName(req), DownloadHandler.range(req),
                DownloadHandler.ifNoneMatch(req), DownloadHandler.ifModifiedSince(req))));
    }

    private String signedUrl(DownloadGrant grant, Optional<Transformation> transform) {
        String route = transform.isPresent() ? "/render/image/sign/" : "/object/sign/";
        return route + grant.bucketId().value() + "/" + grant.name().value()
                + "?token=" + tokens.sign(grant, transform);
    }

    /** Seconds as a whole number; like Supabase (whose validator coerces), a numeric string is accepted too. */
    private static long expiresIn(JsonNode body) {
        JsonNode value = body.get("expiresIn");
        if (value == null || value.isNull()) {
            throw InvalidInput.missingParameter("expiresIn");
        }
        if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
            return Long.parseLong(value.asText());
        }
        throw InvalidInput.invalidParameter("expiresIn");
    }

    private static List<String> paths(JsonNode body) {
        JsonNode paths = body.get("paths");
        if (paths == null || paths.isNull()) {
            throw InvalidInput.missingParameter("paths");
        }
        if (!paths.isArray()) {
            throw InvalidInput.invalidParameter("paths");
        }
        List<String> list = new ArrayList<>(paths.size());
        for (JsonNode path : paths) {
            if (!path.isTextual()) {
                throw InvalidInput.invalidParameter("paths");
            }
            list.add(path.asText());
        }
        return list;
    }

    /**
     * {@code createSignedUrl}'s {@code transform} option, checked by the same rules as the render routes' query;
     * empty when it would leave the image as it is (no size, no quality, {@code format: origin}), as Supabase
     * then signs a plain object URL.
     */
    private static Optional<Transformation> transformation(JsonNode transform) {
        if (transform == null || transform.isNull()) {
            return Optional.empty();
        }
        if (!transform.isObject()) {
            throw InvalidInput.invalidParameter("transform");
        }
        Transformation parsed = Transformation.parse(name -> Optional.ofNullable(transform.get(name))
                .filter(value -> !value.isNull()).map(JsonNode::asText));
        boolean changesImage = Stream.of("width", "height", "quality").anyMatch(transform::hasNonNull)
                || !transform.path("format").asText("origin").equals("origin");
        return changesImage ? Optional.of(parsed) : Optional.empty();
    }
}
