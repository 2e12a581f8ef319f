package dev.pillar.storage.adapters.http.render;

import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.application.image.ImageSource;
import dev.pillar.storage.application.image.TransformImage;
import dev.pillar.storage.application.object.DownloadObject;
import dev.pillar.storage.domain.image.Transformation;
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
    private final DownloadObject downloadObject;
    private final RenderHandler renders;

    public RenderRoutes(Authenticator auth, DownloadObject downloadObject, TransformImage transformImage) {
        this.auth = auth;
        this.downloadObject = downloadObject;
        this.renders = new RenderHandler(transformImage);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/render/image/authenticated/{bucket}/{+path}", this::authenticated)
                .head("/render/image/authenticated/{bucket}/{+path}", this::authenticated);
    }

    /** The caller's own JWT; the project's row-level-security policies decide what it may read. */
    private void authenticated(ServerRequest req, ServerResponse res) {
        ImageSource source = ImageSource.readableBy(downloadObject, auth.caller(req), Requests.bucketId(req, "bucket"),
                Requests.objectName(req));
        renders.render(req, res, source, transformation(req));
    }

    private static Transformation transformation(ServerRequest req) {
        return Transformation.parse(name -> Requests.query(req, name));
    }
}
