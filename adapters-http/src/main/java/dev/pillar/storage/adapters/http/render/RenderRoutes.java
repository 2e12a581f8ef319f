package dev.pillar.storage.adapters.http.render;

import dev.pillar.storage.adapters.http.UseCases;
import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.object.SignedUrlTokens;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.application.image.ImageSource;
import dev.pillar.storage.application.image.TransformImage;
import dev.pillar.storage.application.object.DownloadObject;
import dev.pillar.storage.application.signed.DownloadSignedObject;
import dev.pillar.storage.domain.image.Transformation;
import dev.pillar.storage.domain.signing.DownloadGrant;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The route table under {@code /render/image}: an object served as a transformed image. Routes differ only
 * in the {@link ImageSource} they build (how the object is found and who may read it).
 */
public final class RenderRoutes implements HttpService {
    private final Authenticator auth;
    private final SignedUrlTokens tokens;
    private final DownloadObject downloadObject;
    private final DownloadSignedObject downloadSignedObject;
    private final RenderHandler renders;

    public RenderRoutes(Authenticator auth, SignedUrlTokens tokens, UseCases useCases, TransformImage transformImage) {
        this.auth = auth;
        this.tokens = tokens;
        this.downloadObject = useCases.downloadObject();
        this.downloadSignedObject = useCases.downloadSignedObject();
        this.renders = new RenderHandler(transformImage);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/render/image/authenticated/{bucket}/{+path}", this::authenticated)
                .head("/render/image/authenticated/{bucket}/{+path}", this::authenticated)
                .get("/render/image/public/{bucket}/{+path}", this::publicly)
                .head("/render/image/public/{bucket}/{+path}", this::publicly)
                .get("/render/image/sign/{bucket}/{+path}", this::signed)
                .head("/render/image/sign/{bucket}/{+path}", this::signed);
    }

    /** The caller's own JWT; the project's row-level-security policies decide what it may read. */
    private void authenticated(ServerRequest req, ServerResponse res) {
        ImageSource source = ImageSource.readableBy(downloadObject, auth.caller(req), Requests.bucketId(req, "bucket"),
                Requests.objectName(req));
        renders.render(req, res, source, transformation(req));
    }

    /** A public bucket's object: no key needed. */
    private void publicly(ServerRequest req, ServerResponse res) {
        ImageSource source = ImageSource.publicly(downloadObject, Requests.bucketId(req, "bucket"),
                Requests.objectName(req));
        renders.render(req, res, source, transformation(req));
    }

    /** A signed URL created with a {@code transform}: the token names the object and carries the transformation. */
    private void signed(ServerRequest req, ServerResponse res) {
        String token = SignedUrlTokens.token(req);
        DownloadGrant grant = tokens.download(token);
        Transformation transformation = tokens.transformation(token).orElseGet(() -> transformation(req));
        ImageSource source = ImageSource.granted(downloadSignedObject, grant, Requests.bucketId(req, "bucket"),
                Requests.objectName(req));
        renders.render(req, res, source, transformation);
    }

    private static Transformation transformation(ServerRequest req) {
        return Transformation.parse(name -> Requests.query(req, name));
    }
}
