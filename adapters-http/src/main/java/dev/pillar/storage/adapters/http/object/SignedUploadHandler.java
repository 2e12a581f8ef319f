package dev.pillar.storage.adapters.http.object;

import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.application.signed.CreateSignedUploadUrl;
import dev.pillar.storage.application.signed.UploadToSignedUrl;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.signing.UploadGrant;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Signed upload URLs: {@code POST /object/upload/sign/{bucket}/{path}} (with {@code x-upsert}) creates one,
 * {@code PUT /object/upload/sign/{bucket}/{path}?token=} uploads through it with no key of the uploader's
 * own, with the same bodies as a normal upload. The returned {@code url} has its path percent-encoded:
 * supabase-js only reads the token from it, and anyone using it as it is gets a URL that works.
 */
final class SignedUploadHandler {
    private final Authenticator auth;
    private final SignedUrlTokens tokens;
    private final CreateSignedUploadUrl createSignedUploadUrl;
    private final UploadToSignedUrl uploadToSignedUrl;

    SignedUploadHandler(Authenticator auth, SignedUrlTokens tokens, CreateSignedUploadUrl createSignedUploadUrl,
                        UploadToSignedUrl uploadToSignedUrl) {
        this.auth = auth;
        this.tokens = tokens;
        this.createSignedUploadUrl = createSignedUploadUrl;
        this.uploadToSignedUrl = uploadToSignedUrl;
    }

    void sign(ServerRequest req, ServerResponse res) {
        UploadGrant grant = createSignedUploadUrl.sign(new CreateSignedUploadUrl.Command(auth.caller(req),
                Requests.bucketId(req, "bucket"), Requests.objectName(req), Requests.upsert(req)));
        String token = tokens.sign(grant);
        Json.ok(res, Json.object()
                .put("url", "/object/upload/sign/" + encoded(grant.bucketId(), grant.name()) + "?token=" + token)
                .put("token", token));
    }

    void upload(ServerRequest req, ServerResponse res) {
        UploadGrant grant = tokens.upload(SignedUrlTokens.token(req));
        BucketId bucketId = Requests.bucketId(req, "bucket");
        ObjectName name = Requests.objectName(req);
        StoredObject stored = UploadHandler.receive(req, body -> uploadToSignedUrl.upload(new UploadToSignedUrl.Command(
                grant, bucketId, name, body.contentType(), body.cacheControl(), body.userMetadata(),
                body.declaredLength(), body.content())));
        Json.ok(res, Json.object().put("Key", stored.bucketId().value() + "/" + stored.name().value()));
    }

    private static String encoded(BucketId bucketId, ObjectName name) {
        return Arrays.stream((bucketId.value() + "/" + name.value()).split("/"))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}
