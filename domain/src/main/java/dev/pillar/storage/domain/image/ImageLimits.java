package dev.pillar.storage.domain.image;

import dev.pillar.storage.domain.failure.UnprocessableImage;
import dev.pillar.storage.domain.object.ByteSize;

import java.util.Objects;

/**
 * Policy: the largest source image the server agrees to decode, by stored size and by pixel count, so that
 * a small file declaring huge dimensions (a decompression bomb) is refused before any pixel is decoded.
 */
public record ImageLimits(ByteSize maxSourceSize, long maxPixels) {
    public ImageLimits {
        Objects.requireNonNull(maxSourceSize, "maxSourceSize");
        if (maxSourceSize.bytes() < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }

    /** Refuses a source whose stored size exceeds the limit. */
    public void checkSize(ByteSize size) {
        if (size.isGreaterThan(maxSourceSize)) {
            throw UnprocessableImage.tooLarge(size.bytes() + " bytes, at most " + maxSourceSize.bytes() + " allowed");
        }
    }

    /** Refuses a source whose declared dimensions exceed the pixel limit; call it before decoding. */
    public void checkDimensions(int width, int height) {
        long pixels = (long) width * height;
        if (width < 1 || height < 1) {
            throw UnprocessableImage.corrupt(null);
        }
        if (pixels > maxPixels) {
            throw UnprocessableImage.tooLarge(width + "x" + height + " pixels (" + pixels + "), at most "
                    + maxPixels + " allowed");
        }
    }
}
