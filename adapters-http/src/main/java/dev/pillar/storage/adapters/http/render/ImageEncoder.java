package dev.pillar.storage.adapters.http.render;

import dev.pillar.storage.domain.failure.InvalidInput;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

/**
 * Writes pixels in a given content type with ImageIO: JPEG and WebP at the requested quality, transparency
 * flattened onto white for formats without it. WebP goes through the native encoder bundled in
 * {@code webp-imageio}; where that cannot load, asking for WebP is refused with a clear 400.
 */
final class ImageEncoder {
    private static final Set<String> LOSSY = Set.of("image/jpeg", "image/webp");
    private static final Set<String> OPAQUE = Set.of("image/jpeg", "image/bmp");
    private static final String WEBP = "image/webp";

    byte[] encode(BufferedImage image, String mimeType, int quality) {
        if (mimeType.equals(WEBP) && !WebpSupport.AVAILABLE) {
            throw new InvalidInput(InvalidInput.Reason.INVALID_PARAMETER,
                    "Invalid Parameter format: webp output is not available on this server; use origin, jpeg or png");
        }
        ImageWriter writer = writerFor(mimeType);
        try {
            BufferedImage pixels = OPAQUE.contains(mimeType) || !writer.getOriginatingProvider().canEncodeImage(image)
                    ? opaque(image) : image;
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (LOSSY.contains(mimeType) && param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compressionType(param));
                param.setCompressionQuality(quality / 100f);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(output);
                writer.write(null, new IIOImage(pixels, null, null), param);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("encoding " + mimeType + " in memory failed", e);
        } finally {
            writer.dispose();
        }
    }

    private static ImageWriter writerFor(String mimeType) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(mimeType);
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + mimeType);
        }
        return writers.next();
    }

    /** WebP's encoder offers "Lossy" and "Lossless": quality only means something for the first. */
    private static String compressionType(ImageWriteParam param) {
        String[] types = param.getCompressionTypes();
        return Arrays.asList(types).contains("Lossy") ? "Lossy" : types[0];
    }

    /** The image drawn onto white, as plain RGB. */
    private static BufferedImage opaque(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D canvas = rgb.createGraphics();
        try {
            canvas.drawImage(image, 0, 0, Color.WHITE, null);
        } finally {
            canvas.dispose();
        }
        return rgb;
    }

    /** Whether the bundled native WebP encoder loads on this platform, checked once by encoding one pixel. */
    private static final class WebpSupport {
        static final boolean AVAILABLE = probe();

        private static boolean probe() {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(WEBP);
            if (!writers.hasNext()) {
                return false;
            }
            ImageWriter writer = writers.next();
            try (ImageOutputStream output = new MemoryCacheImageOutputStream(new ByteArrayOutputStream())) {
                writer.setOutput(output);
                writer.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
                return true;
            } catch (IOException | LinkageError unavailable) {
                return false;
            } finally {
                writer.dispose();
            }
        }
    }
}
