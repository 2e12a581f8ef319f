package dev.pillar.storage.adapters.http.render;

import dev.pillar.storage.domain.failure.StorageFailure;
import dev.pillar.storage.domain.failure.UnprocessableImage;
import dev.pillar.storage.domain.image.ImageLimits;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one image (the first frame) from a stream with ImageIO: recognises the format by its bytes, reads the
 * declared dimensions from the header and lets the limits refuse them before a single pixel is decoded.
 */
final class ImageDecoder {
    /** What we decode; WBMP is left out on purpose, since it has no signature and would claim random bytes. */
    static final Set<String> READABLE = Set.of("image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff",
            "image/webp");
    private final ImageLimits limits;

    ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    SourceImage decode(InputStream source) {
        try (ImageInputStream input = new MemoryCacheImageInputStream(source)) {
            ImageReader reader = readerFor(input);
            try {
                reader.setInput(input, true, false);
                limits.checkDimensions(reader.getWidth(0), reader.getHeight(0));
                Optional<Orientation> orientation = orientation(reader);
                return new SourceImage(reader.read(0), reader.getOriginatingProvider().getMIMETypes()[0],
                        orientation);
            } finally {
                reader.dispose();
            }
        } catch (StorageFailure refusal) {
            throw refusal;
        } catch (IOException | RuntimeException | LinkageError broken) {
            // Decoders meet hostile bytes: whatever they throw means "this image does not decode", a 4xx.
            throw UnprocessableImage.corrupt(broken);
        }
    }

    private static ImageReader readerFor(ImageInputStream input) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (READABLE.contains(reader.getOriginatingProvider().getMIMETypes()[0])) {
                return reader;
            }
        }
        throw UnprocessableImage.notAnImage();
    }

    /** The Exif orientation of a JPEG; a broken Exif block must not make otherwise good pixels unservable. */
    private static Optional<Orientation> orientation(ImageReader reader) {
        try {
            return Optional.ofNullable(ExifUtils.getExifOrientation(reader, 0));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
