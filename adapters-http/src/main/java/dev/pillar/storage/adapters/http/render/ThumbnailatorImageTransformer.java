package dev.pillar.storage.adapters.http.render;

import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.application.port.ImageTransformer;
import dev.pillar.storage.application.port.TransformedImage;
import dev.pillar.storage.domain.image.ImageLimits;
import dev.pillar.storage.domain.image.ResizePlan;
import dev.pillar.storage.domain.image.Transformation;
import dev.pillar.storage.domain.object.MimeType;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The pixel work with ImageIO and Thumbnailator: decode (header checked against the limits first), turn
 * upright per Exif, resize to the size the domain planned (cover crops around the centre), encode.
 * The result is held in memory, which the pixel limit bounds.
 */
public final class ThumbnailatorImageTransformer implements ImageTransformer {
    private final ImageDecoder decoder;
    private final ImageEncoder encoder = new ImageEncoder();

    public ThumbnailatorImageTransformer(ImageLimits limits) {
        this.decoder = new ImageDecoder(limits);
    }

    @Override
    public TransformedImage transform(InputStream source, Transformation transformation) {
        SourceImage image = decoder.decode(source);
        BufferedImage resized = resize(image, transformation.plan(image.width(), image.height()));
        String mimeType = transformation.format().mimeType().orElse(image.mimeType());
        byte[] bytes = encoder.encode(resized, mimeType, transformation.quality());
        return new TransformedImage(MimeType.of(mimeType),
                new BlobContent(new ByteArrayInputStream(bytes), bytes.length));
    }

    /**
     * The plan is for the upright image: a sideways source is resized with its sides swapped, then turned.
     * The turn is applied here rather than as a builder filter, whose size handling differs between modes.
     */
    private static BufferedImage resize(SourceImage image, ResizePlan plan) {
        int width = image.sideways() ? plan.height() : plan.width();
        int height = image.sideways() ? plan.width() : plan.height();
        Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(image.pixels());
        if (plan.crop()) {
            builder.size(width, height).crop(Positions.CENTER);
        } else {
            builder.forceSize(width, height);
        }
        try {
            BufferedImage resized = builder.asBufferedImage();
            return image.upright().map(turn -> turn.apply(resized)).orElse(resized);
        } catch (IOException e) {
            throw new IllegalStateException("resizing in memory failed", e);
        }
    }
}
