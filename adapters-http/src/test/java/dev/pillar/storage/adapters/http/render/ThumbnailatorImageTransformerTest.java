package dev.pillar.storage.adapters.http.render;

import dev.pillar.storage.application.port.TransformedImage;
import dev.pillar.storage.domain.failure.UnprocessableImage;
import dev.pillar.storage.domain.image.ImageLimits;
import dev.pillar.storage.domain.image.Transformation;
import dev.pillar.storage.domain.object.ByteSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.pillar.storage.adapters.http.render.TestImages.bands;
import static dev.pillar.storage.adapters.http.render.TestImages.decode;
import static dev.pillar.storage.adapters.http.render.TestImages.encode;
import static dev.pillar.storage.adapters.http.render.TestImages.formatOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine on real pixels: images made on the spot, transformed, decoded again and measured. */
class ThumbnailatorImageTransformerTest {
    private final ThumbnailatorImageTransformer transformer =
            new ThumbnailatorImageTransformer(new ImageLimits(ByteSize.parse("25MB"), 1_000_000));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // source | width | height | resize | expected
            "300x100 | 100 | 100 | cover   | 100x100",
            "300x100 | 100 | 100 | fill    | 100x100",
            "300x100 | 100 | 100 | contain | 100x33",
            "400x300 | 100 | 100 | contain | 100x75",
            "400x300 | 200 |     | cover   | 200x150",
            "400x300 |     | 60  | fill    | 80x60",
            "40x30   | 400 | 400 | cover   | 400x400",
            "400x300 |     |     | cover   | 400x300"})
    void every_resize_mode_gives_the_exact_dimensions(String source, String width, String height, String resize,
                                                       String expected) {
        String[] size = source.split("x");
        byte[] png = encode(bands(Integer.parseInt(size[0]), Integer.parseInt(size[1])), "png");

        BufferedImage result = decode(bytes(transformer.transform(in(png), transformation(
                "width", width, "height", height, "resize", resize))));

        assertEquals(expected, result.getWidth() + "x" + result.getHeight());
    }

    @Test
    void cover_crops_around_the_centre_while_fill_squeezes_everything_in() {
        byte[] png = encode(bands(300, 100), "png");

        BufferedImage cover = decode(bytes(transformer.transform(in(png),
                transformation("width", "100", "height", "100", "resize", "cover"))));
        BufferedImage fill = decode(bytes(transformer.transform(in(png),
                transformation("width", "100", "height", "100", "resize", "fill"))));

        assertEquals(Color.GREEN.getRGB(), cover.getRGB(2, 50), "the red band was cropped away");
        assertEquals(Color.GREEN.getRGB(), cover.getRGB(97, 50), "the blue band was cropped away");
        assertEquals(Color.RED.getRGB(), fill.getRGB(2, 50));
        assertEquals(Color.BLUE.getRGB(), fill.getRGB(97, 50));
    }

    @Test
    void a_lower_jpeg_quality_gives_a_smaller_file() {
        byte[] png = encode(TestImages.noise(200, 200), "png");

        TransformedImage low = transformer.transform(in(png), transformation("format", "jpeg", "quality", "20"));
        TransformedImage high = transformer.transform(in(png), transformation("format", "jpeg", "quality", "95"));

        assertTrue(low.content().length() < high.content().length() * 0.6,
                "quality 20: " + low.content().length() + " bytes, quality 95: " + high.content().length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "png  | jpeg   | image/jpeg | jpeg",
            "jpeg | png    | image/png  | png",
            "png  | webp   | image/webp | webp",
            "png  | origin | image/png  | png",
            "jpeg | origin | image/jpeg | jpeg",
            "gif  | origin | image/gif  | gif",
            "bmp  | png    | image/png  | png"})
    void converts_between_formats_or_keeps_the_source_one(String source, String format, String mimeType,
                                                          String written) {
        byte[] original = encode(bands(120, 60), source);

        TransformedImage image = transformer.transform(in(original), transformation("format", format, "width", "60"));
        byte[] bytes = bytes(image);

        assertEquals(mimeType, image.mimeType().value());
        assertEquals(written, formatOf(bytes));
        assertEquals(60, decode(bytes).getWidth());
        assertEquals(30, decode(bytes).getHeight());
    }

    @Test
    void transparency_becomes_white_in_a_jpeg_and_survives_in_a_png() {
        byte[] png = encode(TestImages.transparent(20, 20), "png");

        BufferedImage jpeg = decode(bytes(transformer.transform(in(png), transformation("format", "jpeg"))));
        BufferedImage kept = decode(bytes(transformer.transform(in(png), transformation("format", "png"))));

        assertEquals(Color.WHITE.getRGB(), jpeg.getRGB(10, 10));
        assertEquals(0, kept.getRGB(10, 10) >>> 24, "still fully transparent");
    }

    @Test
    void a_photo_tagged_as_turned_is_served_upright() {
        byte[] sideways = TestImages.jpegWithOrientation(bands(200, 100), 6);

        BufferedImage upright = decode(bytes(transformer.transform(in(sideways), transformation("width", "50"))));
        BufferedImage covered = decode(bytes(transformer.transform(in(sideways),
                transformation("width", "40", "height", "60", "resize", "cover"))));

        assertEquals("50x100", upright.getWidth() + "x" + upright.getHeight());
        assertEquals("40x60", covered.getWidth() + "x" + covered.getHeight());
        assertEquals("red", dominant(upright.getRGB(25, 5)), "turned clockwise, the left band is on top");
        assertEquals("blue", dominant(upright.getRGB(25, 95)));
    }

    @Test
    void a_decompression_bomb_is_refused_from_its_header_without_reading_any_pixel_data() {
        InputStream bomb = new SequenceInputStream(in(TestImages.pngHeader(100_000, 100_000)), new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read past the header: the image was being decoded");
            }
        });

        UnprocessableImage refusal = assertThrows(UnprocessableImage.class,
                () -> transformer.transform(bomb, transformation()));

        assertEquals(UnprocessableImage.Reason.TOO_LARGE, refusal.reason());
        assertEquals("The image is too large to transform: 100000x100000 pixels (10000000000), at most 1000000 allowed",
                refusal.getMessage());
    }

    @Test
    void an_image_just_over_the_pixel_limit_is_refused_too() {
        byte[] png = encode(bands(1001, 1000), "png");

        UnprocessableImage refusal = assertThrows(UnprocessableImage.class,
                () -> transformer.transform(in(png), transformation("width", "10")));

        assertEquals(UnprocessableImage.Reason.TOO_LARGE, refusal.reason());
    }

    @Test
    void bytes_that_are_no_image_are_refused_as_such() {
        UnprocessableImage refusal = assertThrows(UnprocessableImage.class, () -> transformer.transform(
                in("just some text, certainly not a picture".getBytes(StandardCharsets.UTF_8)), transformation()));

        assertEquals(UnprocessableImage.Reason.NOT_AN_IMAGE, refusal.reason());
    }

    @Test
    void an_image_whose_pixel_data_is_garbage_is_refused_as_corrupt() {
        UnprocessableImage refusal = assertThrows(UnprocessableImage.class,
                () -> transformer.transform(in(TestImages.pngWithGarbageData(10, 10)), transformation()));

        assertEquals(UnprocessableImage.Reason.CORRUPT, refusal.reason());
    }

    @Test
    void a_truncated_image_is_refused_as_corrupt() {
        byte[] png = encode(TestImages.noise(50, 50), "png");
        byte[] truncated = Arrays.copyOf(png, png.length / 2);

        UnprocessableImage refusal = assertThrows(UnprocessableImage.class,
                () -> transformer.transform(in(truncated), transformation()));

        assertEquals(UnprocessableImage.Reason.CORRUPT, refusal.reason());
    }

    @Test
    void the_same_input_and_transformation_give_the_same_bytes() {
        byte[] png = encode(bands(90, 90), "png");

        assertArrayEquals(bytes(transformer.transform(in(png), transformation("width", "30"))),
                bytes(transformer.transform(in(png), transformation("width", "30"))));
    }

    private static Transformation transformation(String... namesAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                values.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return Transformation.parse(name -> Optional.ofNullable(values.get(name)));
    }

    /** The strongest channel of a pixel (JPEG shifts colours a little, never that much). */
    private static String dominant(int rgb) {
        Color color = new Color(rgb);
        int max = Math.max(color.getRed(), Math.max(color.getGreen(), color.getBlue()));
        return max == color.getRed() ? "red" : max == color.getGreen() ? "green" : "blue";
    }

    private static InputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private static byte[] bytes(TransformedImage image) {
        try {
            byte[] bytes = image.content().stream().readAllBytes();
            assertEquals(image.content().length(), bytes.length, "the announced length is the real one");
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
