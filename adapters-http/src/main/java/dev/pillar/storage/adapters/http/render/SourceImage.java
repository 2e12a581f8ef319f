package dev.pillar.storage.adapters.http.render;

import net.coobird.thumbnailator.filters.ImageFilter;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

import java.awt.image.BufferedImage;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** A decoded source image, its content type and its Exif orientation (how it must be turned to stand upright). */
record SourceImage(BufferedImage pixels, String mimeType, Optional<Orientation> orientation) {
    private static final Set<Orientation> SIDEWAYS = EnumSet.of(Orientation.LEFT_TOP, Orientation.RIGHT_TOP,
            Orientation.RIGHT_BOTTOM, Orientation.LEFT_BOTTOM);

    /** Whether turning it upright swaps width and height (a portrait photo stored in landscape). */
    boolean sideways() {
        return orientation.filter(SIDEWAYS::contains).isPresent();
    }

    /** Width as seen upright. */
    int width() {
        return sideways() ? pixels.getHeight() : pixels.getWidth();
    }

    /** Height as seen upright. */
    int height() {
        return sideways() ? pixels.getWidth() : pixels.getHeight();
    }

    /** The turn or flip that makes it upright, if it needs one. */
    Optional<ImageFilter> upright() {
        return orientation.filter(o -> o != Orientation.TOP_LEFT)
                .map(ExifFilterUtils::getFilterForOrientation);
    }
}
