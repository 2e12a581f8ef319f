package dev.pillar.storage.domain.image;

import dev.pillar.storage.domain.failure.UnprocessableImage;
import dev.pillar.storage.domain.object.ByteSize;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageLimitsTest {
    private final ImageLimits limits = new ImageLimits(ByteSize.of(1_000), 10_000);

    @Test
    void admits_sources_up_to_the_limits() {
        assertDoesNotThrow(() -> limits.checkSize(ByteSize.of(1_000)));
        assertDoesNotThrow(() -> limits.checkDimensions(100, 100));
    }

    @Test
    void refuses_a_stored_size_over_the_limit() {
        UnprocessableImage failure = assertThrows(UnprocessableImage.class, () -> limits.checkSize(ByteSize.of(1_001)));

        assertEquals(UnprocessableImage.Reason.TOO_LARGE, failure.reason());
        assertEquals("The image is too large to transform: 1001 bytes, at most 1000 allowed", failure.getMessage());
    }

    @Test
    void refuses_declared_dimensions_over_the_pixel_limit_without_overflowing() {
        UnprocessableImage failure = assertThrows(UnprocessableImage.class,
                () -> limits.checkDimensions(65_535, 65_535));

        assertEquals(UnprocessableImage.Reason.TOO_LARGE, failure.reason());
        assertEquals("The image is too large to transform: 65535x65535 pixels (4294836225), at most 10000 allowed",
                failure.getMessage());
    }

    @Test
    void a_source_declaring_no_pixels_is_corrupt() {
        UnprocessableImage failure = assertThrows(UnprocessableImage.class, () -> limits.checkDimensions(0, 10));

        assertEquals(UnprocessableImage.Reason.CORRUPT, failure.reason());
    }
}
