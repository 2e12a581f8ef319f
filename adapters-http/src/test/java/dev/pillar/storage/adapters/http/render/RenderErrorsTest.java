package dev.pillar.storage.adapters.http.render;

import dev.pillar.storage.adapters.http.support.ApiError;
import dev.pillar.storage.adapters.http.support.ErrorStatusMode;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.failure.UnprocessableImage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the image pipeline's refusals appear in the error catalogue. */
class RenderErrorsTest {

    @Test
    void image_refusals_are_client_errors_with_their_own_status() {
        assertEquals(new ApiError(415, "InvalidMimeType", "invalid_mime_type",
                        "The object is not an image that can be transformed (JPEG, PNG, GIF, BMP, TIFF or WebP)"),
                ApiError.of(UnprocessableImage.notAnImage()));
        assertEquals(422, ApiError.of(UnprocessableImage.corrupt(new IllegalStateException("bad"))).status());
        assertEquals("ImageProcessingError", ApiError.of(UnprocessableImage.corrupt(null)).code());
        assertEquals(new ApiError(413, "EntityTooLarge", "Payload too large",
                "The image is too large to transform: 9 pixels"), ApiError.of(UnprocessableImage.tooLarge("9 pixels")));
    }

    @Test
    void a_full_transformation_queue_is_a_503_in_either_status_mode() {
        ApiError busy = ApiError.of(new Unavailable(Unavailable.Service.IMAGE_TRANSFORMER, "busy", null));

        assertEquals(new ApiError(503, "SlowDown", "service_unavailable", "busy"), busy);
        assertEquals(503, busy.httpStatus(ErrorStatusMode.SUPABASE));
        assertEquals(400, ApiError.of(UnprocessableImage.notAnImage()).httpStatus(ErrorStatusMode.SUPABASE));
    }
}
