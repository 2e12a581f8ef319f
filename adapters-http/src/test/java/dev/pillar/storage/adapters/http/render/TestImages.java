package dev.pillar.storage.adapters.http.render;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Random;
import java.util.zip.CRC32;

/** Images made on the spot for the engine tests, and the means to look inside the results. */
final class TestImages {
    private TestImages() {
    }

    /** Three vertical bands, red | green | blue, of equal width: shows whether an image was cropped or squeezed. */
    static BufferedImage bands(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            int rgb = x < width / 3 ? Color.RED.getRGB() : x < 2 * width / 3 ? Color.GREEN.getRGB() : Color.BLUE.getRGB();
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /** Random pixels: compress badly, so JPEG quality shows in the size. */
    static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    /** A fully transparent image. */
    static BufferedImage transparent(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The format name ImageIO recognises in the bytes, lower-cased ("jpeg", "png", "webp"...). */
    static String formatOf(byte[] bytes) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            return readers.next().getFormatName().toLowerCase();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The start of a PNG: signature and a header chunk declaring {@code width} x {@code height}, nothing more. */
    static byte[] pngHeader(int width, int height) {
        ByteBuffer header = ByteBuffer.allocate(8 + 25);
        header.put(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        header.put(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array()));
        return header.array();
    }

    /** A PNG of {@code width} x {@code height} whose image data is garbage. */
    static byte[] pngWithGarbageData(int width, int height) {
        byte[] header = pngHeader(width, height);
        byte[] data = chunk("IDAT", "this is not deflated pixel data".getBytes(StandardCharsets.US_ASCII));
        byte[] end = chunk("IEND", new byte[0]);
        return ByteBuffer.allocate(header.length + data.length + end.length).put(header).put(data).put(end).array();
    }

    /** A JPEG carrying an Exif block with the given orientation tag (6: stored turned 90 degrees anticlockwise). */
    static byte[] jpegWithOrientation(BufferedImage image, int orientation) {
        byte[] jpeg = encode(image, "jpeg");
        int afterApp0 = 2 + 2 + ((jpeg[4] & 0xff) << 8 | jpeg[5] & 0xff);
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[]{'M', 'M', 0, 42}).putInt(8).putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);
        byte[] exif = ByteBuffer.allocate(6 + tiff.capacity()).put("Exif\0\0".getBytes(StandardCharsets.US_ASCII))
                .put(tiff.array()).array();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + exif.length);
        out.put(jpeg, 0, afterApp0);
        out.put((byte) 0xff).put((byte) 0xe1).putShort((short) (2 + exif.length)).put(exif);
        out.put(jpeg, afterApp0, jpeg.length - afterApp0);
        return out.array();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }
}
