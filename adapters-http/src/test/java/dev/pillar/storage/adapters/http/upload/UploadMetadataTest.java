package dev.pillar.storage.adapters.http.upload;

import dev.pillar.storage.domain.failure.InvalidInput;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UploadMetadataTest {

    @Test
    void reads_base64_values_as_tus_js_client_sends_them() {
        UploadMetadata metadata = UploadMetadata.parse(Optional.of("bucketName " + b64("videos") + ",objectName "
                + b64("folder/clip ä.mp4") + ",contentType " + b64("video/mp4") + ",flag"));

        assertEquals("videos", metadata.required("bucketName"));
        assertEquals("folder/clip ä.mp4", metadata.required("objectName"));
        assertEquals(Optional.of("video/mp4"), metadata.get("contentType"));
        assertEquals(Optional.empty(), metadata.get("flag"), "a key without a value has no value");
        assertEquals(Optional.empty(), metadata.get("cacheControl"));
    }

    @Test
    void a_missing_required_key_names_it() {
        InvalidInput failure = assertThrows(InvalidInput.class,
                () -> UploadMetadata.parse(Optional.of("objectName " + b64("a"))).required("bucketName"));

        assertEquals("Missing Required Parameter bucketName", failure.getMessage());
        assertEquals(InvalidInput.Reason.MISSING_PARAMETER, failure.reason());
    }

    @Test
    void refuses_values_that_are_not_base64_and_keys_given_twice() {
        assertThrows(InvalidInput.class, () -> UploadMetadata.parse(Optional.of("bucketName !!!")));
        assertThrows(InvalidInput.class, () -> UploadMetadata.parse(Optional.of("a " + b64("1") + ",a " + b64("2"))));
        assertThrows(InvalidInput.class, () -> UploadMetadata.parse(Optional.of("a b c")));
    }

    @Test
    void no_header_is_no_metadata() {
        assertEquals(Optional.empty(), UploadMetadata.parse(Optional.empty()).get("bucketName"));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
