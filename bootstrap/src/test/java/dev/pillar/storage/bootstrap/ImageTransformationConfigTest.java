package dev.pillar.storage.bootstrap;

import dev.pillar.storage.domain.object.ByteSize;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The image transformation variables: their defaults, and one clear error per unusable value. */
class ImageTransformationConfigTest {

    @Test
    void on_by_default_with_supabases_source_limits_and_a_worker_per_core() {
        ServerConfig.ImageTransformation images = ServerConfig.fromEnvironment(Map.of()).imageTransformation();

        assertEquals(new ServerConfig.ImageTransformation(true, ByteSize.of(25_000_000), 50_000_000,
                Runtime.getRuntime().availableProcessors(), 16), images);
    }

    @Test
    void every_variable_is_read() {
        ServerConfig.ImageTransformation images = ServerConfig.fromEnvironment(Map.of(
                "IMAGE_TRANSFORMATION_ENABLED", "FALSE", "IMAGE_MAX_SOURCE_BYTES", "5MB", "IMAGE_MAX_PIXELS", "1000",
                "IMAGE_TRANSFORM_CONCURRENCY", "3", "IMAGE_TRANSFORM_QUEUE", "0")).imageTransformation();

        assertEquals(new ServerConfig.ImageTransformation(false, ByteSize.of(5_000_000), 1000, 3, 0), images);
    }

    @Test
    void unusable_values_are_named() {
        assertEquals("IMAGE_TRANSFORMATION_ENABLED: must be true or false (got \"yes\")",
                refusal("IMAGE_TRANSFORMATION_ENABLED", "yes"));
        assertEquals("IMAGE_TRANSFORM_CONCURRENCY: must be an integer from 1 to 256 (got \"0\")",
                refusal("IMAGE_TRANSFORM_CONCURRENCY", "0"));
        assertEquals("IMAGE_TRANSFORM_QUEUE: must be an integer from 0 to 10000 (got \"-1\")",
                refusal("IMAGE_TRANSFORM_QUEUE", "-1"));
        assertEquals("IMAGE_MAX_SOURCE_BYTES: must be a positive size such as 52428800, 50MB or 5GB (got \"big\")",
                refusal("IMAGE_MAX_SOURCE_BYTES", "big"));
    }

    private static String refusal(String name, String value) {
        return assertThrows(ConfigurationException.class,
                () -> ServerConfig.fromEnvironment(Map.of(name, value))).getMessage();
    }
}
