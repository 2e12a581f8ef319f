package dev.pillar.storage.adapters.http.render;

import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.application.image.ImageSource;
import dev.pillar.storage.application.image.TransformImage;
import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.domain.image.Transformation;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZonedDateTime;

/**
 * {@code GET} and {@code HEAD} of a transformed image from any source: the output's content type and length,
 * the source's cache control and modification time, the rendering's own ETag, and 304 when it is current.
 */
final class RenderHandler {
    private static final HeaderName X_TRANSFORMATIONS = HeaderNames.create("X-Transformations");
    private final TransformImage transformImage;

    RenderHandler(TransformImage transformImage) {
        this.transformImage = transformImage;
    }

    void render(ServerRequest req, ServerResponse res, ImageSource source, Transformation transformation) {
        TransformImage.Rendering rendering = transformImage.render(new TransformImage.Command(source, transformation,
                Requests.header(req, HeaderNames.IF_NONE_MATCH),
                req.headers().ifModifiedSince().map(ZonedDateTime::toInstant)));
        res.header(HeaderNames.CACHE_CONTROL, rendering.source().content().cacheControl().value());
        res.header(HeaderNames.ETAG, "\"" + rendering.eTag() + "\"");
        res.headers().lastModified(rendering.source().updatedAt());
        res.header(X_TRANSFORMATIONS, transformation.describe());
        switch (rendering) {
            case TransformImage.Rendering.NotModified notModified -> {
                res.status(Status.NOT_MODIFIED_304);
                res.send();
            }
            case TransformImage.Rendering.Image image -> send(req, res, image);
        }
    }

    private static void send(ServerRequest req, ServerResponse res, TransformImage.Rendering.Image image) {
        try (BlobContent body = image.image().content()) {
            res.header(HeaderNames.CONTENT_TYPE, image.image().mimeType().value());
            res.contentLength(body.length());
            if (req.prologue().method() == Method.HEAD) {
                res.send();
                return;
            }
            try (OutputStream out = res.outputStream()) {
                body.stream().transferTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
