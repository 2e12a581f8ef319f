package dev.pillar.storage.application.image;

import dev.pillar.storage.application.object.DownloadObject;
import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.application.port.ImageTransformer;
import dev.pillar.storage.application.port.TransformedImage;
import dev.pillar.storage.domain.image.ImageLimits;
import dev.pillar.storage.domain.image.Transformation;
import dev.pillar.storage.domain.object.StoredObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: render an object as a transformed image, or tell the client its copy of that rendering is
 * current. The rendering has its own entity tag, derived from the source version and the transformation,
 * so a cache never confuses two sizes of one image. Sources over the size limit are refused unread.
 */
public final class TransformImage {
    private final ImageTransformer transformer;
    private final ImageLimits limits;

    public TransformImage(ImageTransformer transformer, ImageLimits limits) {
        this.transformer = transformer;
        this.limits = limits;
    }

    public Rendering render(Command command) {
        DownloadObject.Download.Content source = command.source().open();
        try (BlobContent body = source.body()) {
            StoredObject object = source.object();
            String eTag = command.transformation().eTagFor(object.content().eTag());
            if (object.isUnchangedFor(eTag, command.ifNoneMatch(), command.ifModifiedSince())) {
                return new Rendering.NotModified(object, eTag);
            }
            limits.checkSize(object.content().size());
            return new Rendering.Image(object, eTag, transformer.transform(body.stream(), command.transformation()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What to transform, how, and the client's cache validators for the rendering. */
    public record Command(ImageSource source, Transformation transformation, Optional<String> ifNoneMatch,
                          Optional<Instant> ifModifiedSince) {
        public Command {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(transformation, "transformation");
            Objects.requireNonNull(ifNoneMatch, "ifNoneMatch");
            Objects.requireNonNull(ifModifiedSince, "ifModifiedSince");
        }
    }

    /** Either the transformed image or a note that the client's copy is current. */
    public sealed interface Rendering {
        /** The source object (its cache control and modification time apply to the rendering). */
        StoredObject source();

        /** The rendering's own entity tag, unquoted. */
        String eTag();

        /** The client's copy is current: answer 304 with no body. */
        record NotModified(StoredObject source, String eTag) implements Rendering {
        }

        /** The encoded image to send; the caller closes its content. */
        record Image(StoredObject source, String eTag, TransformedImage image) implements Rendering {
        }
    }
}
