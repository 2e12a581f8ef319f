package dev.pillar.storage.application.port;

import dev.pillar.storage.domain.image.Transformation;

import java.io.InputStream;

/**
 * Port: the pixel work. Decodes an image, applies a transformation and encodes the result. It reads the
 * declared dimensions before decoding and refuses sources over the pixel limit; anything that is not an
 * image, or does not decode, is an {@code UnprocessableImage}, never an unexpected error.
 */
public interface ImageTransformer {

    /** Transforms the image read from {@code source}; the caller closes {@code source}. */
    TransformedImage transform(InputStream source, Transformation transformation);
}
