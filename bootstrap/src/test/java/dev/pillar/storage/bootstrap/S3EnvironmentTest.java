package dev.pillar.storage.bootstrap;

import dev.pillar.storage.adapters.s3.S3Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code STORAGE_BACKEND=s3} and its two modes, as the environment spells them. */
class S3EnvironmentTest {
    private static final Map<String, String> MINIO_KEYS = Map.of("S3_ACCESS_KEY", "minio", "S3_SECRET_KEY", "minio-secret");

    @Test
    void the_file_backend_stays_the_default_and_has_no_s3_settings() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());

        assertEquals(ServerConfig.Backend.FILE, config.backend());
        assertEquals(Optional.empty(), config.s3());
    }

    @Test
    void self_hosted_is_the_default_mode_minio_on_localhost_by_path_with_the_bucket_created() {
        S3Settings s3 = s3(with(MINIO_KEYS, "STORAGE_BACKEND", "s3"));

        assertEquals(Optional.of(URI.create("http://localhost:9000")), s3.endpoint());
        assertTrue(s3.pathStyle());
        assertTrue(s3.createBucket());
        assertEquals("us-east-1", s3.region());
        assertEquals("storage", s3.bucket());
        assertEquals(Optional.of(new S3Settings.Credentials("minio", "minio-secret")), s3.credentials());
        assertEquals(S3Settings.DEFAULT_PART_SIZE, s3.partSize());
    }

    @Test
    void self_hosted_takes_its_endpoint_bucket_and_tuning_from_the_environment() {
        S3Settings s3 = s3(with(MINIO_KEYS, "STORAGE_BACKEND", "s3", "STORAGE_MODE", "self-hosted",
                "S3_ENDPOINT", "http://minio:9000/", "S3_BUCKET", "media", "S3_PART_SIZE", "16MB",
                "S3_MAX_CONNECTIONS", "128"));

        assertEquals(Optional.of(URI.create("http://minio:9000")), s3.endpoint());
        assertEquals("media", s3.bucket());
        assertEquals(16_000_000, s3.partSize());
        assertEquals(128, s3.maxConnections());
    }

    @Test
    void cloud_with_an_endpoint_is_a_provider_such_as_hetzner_by_virtual_host_with_an_existing_bucket() {
        S3Settings s3 = s3(with(MINIO_KEYS, "STORAGE_BACKEND", "s3", "STORAGE_MODE", "cloud",
                "S3_ENDPOINT", "https://fsn1.your-objectstorage.com", "S3_REGION", "fsn1", "S3_BUCKET", "my-project"));

        assertEquals(Optional.of(URI.create("https://fsn1.your-objectstorage.com")), s3.endpoint());
        assertEquals("fsn1", s3.region());
        assertFalse(s3.pathStyle());
        assertFalse(s3.createBucket(), "cloud buckets are made by their owner, never by the server");
    }

    @Test
    void cloud_without_an_endpoint_is_aws_and_may_leave_credentials_to_the_aws_chain() {
        S3Settings s3 = s3(Map.of("STORAGE_MODE", "s3", "S3_REGION", "eu-central-1", "S3_BUCKET", "my-project"));

        assertEquals(Optional.empty(), s3.endpoint());
        assertEquals(Optional.empty(), s3.credentials());
        assertEquals("eu-central-1", s3.region());
    }

    @Test
    void path_style_can_be_forced_in_the_cloud_and_supabase_variable_names_are_understood() {
        S3Settings s3 = s3(Map.of("STORAGE_BACKEND", "s3", "STORAGE_MODE", "cloud",
                "GLOBAL_S3_ENDPOINT", "https://s3.eu-central-003.backblazeb2.com", "GLOBAL_S3_BUCKET", "b2-bucket",
                "GLOBAL_S3_FORCE_PATH_STYLE", "true", "AWS_ACCESS_KEY_ID", "key-id", "AWS_SECRET_ACCESS_KEY", "app-key"));

        assertTrue(s3.pathStyle());
        assertEquals("b2-bucket", s3.bucket());
        assertEquals(Optional.of(new S3Settings.Credentials("key-id", "app-key")), s3.credentials());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "STORAGE_MODE=edge|STORAGE_MODE: must be self-hosted or cloud (got \"edge\")",
            "STORAGE_BACKEND=file,STORAGE_MODE=cloud|STORAGE_MODE: applies to STORAGE_BACKEND=s3 only (STORAGE_BACKEND is file)",
            "STORAGE_BACKEND=s3,S3_ACCESS_KEY=|S3_ACCESS_KEY: and S3_SECRET_KEY are required with STORAGE_MODE=self-hosted (MinIO's root user or an access key made for the server)",
            "STORAGE_BACKEND=s3,S3_ACCESS_KEY=a|S3_SECRET_KEY: is required with S3_ACCESS_KEY",
            "STORAGE_MODE=cloud,S3_BUCKET=b-1|S3_REGION: is required for AWS S3 (STORAGE_MODE=cloud without S3_ENDPOINT), e.g. eu-central-1",
            "STORAGE_MODE=cloud,S3_REGION=eu-west-1|S3_BUCKET: is required with STORAGE_MODE=cloud (bucket names are global there: create one and name it here)",
            "STORAGE_MODE=cloud,S3_REGION=eu-west-1,S3_BUCKET=My_Bucket|S3_BUCKET: must be an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens (got \"My_Bucket\")",
            "STORAGE_MODE=cloud,S3_ENDPOINT=fsn1.your-objectstorage.com,S3_BUCKET=b-1|S3_ENDPOINT: must be an http:// or https:// address without a path, such as https://fsn1.your-objectstorage.com (got \"fsn1.your-objectstorage.com\")",
            "STORAGE_MODE=cloud,S3_ENDPOINT=https://host/bucket,S3_BUCKET=b-1|S3_ENDPOINT: must be an http:// or https:// address without a path, such as https://fsn1.your-objectstorage.com (got \"https://host/bucket\")",
            "STORAGE_BACKEND=s3,S3_ACCESS_KEY=a,S3_SECRET_KEY=b,S3_FORCE_PATH_STYLE=maybe|S3_FORCE_PATH_STYLE: must be true or false (got \"maybe\")",
            "STORAGE_BACKEND=s3,S3_ACCESS_KEY=a,S3_SECRET_KEY=b,S3_PART_SIZE=5MB|S3_PART_SIZE: must be from 5242880 bytes (5 MiB) to 1073741824 (1 GiB), e.g. 16MB (got 5000000 bytes)"
    })
    void an_unusable_setting_is_named_in_one_line(String assignments, String message) {
        Map<String, String> env = new HashMap<>();
        for (String assignment : assignments.split(",")) {
            String[] pair = assignment.split("=", 2);
            env.put(pair[0], pair[1]);
        }

        ConfigurationException failure = assertThrows(ConfigurationException.class, () -> ServerConfig.fromEnvironment(env));

        assertEquals(message, failure.getMessage());
    }

    private static S3Settings s3(Map<String, String> env) {
        ServerConfig config = ServerConfig.fromEnvironment(env);
        assertEquals(ServerConfig.Backend.S3, config.backend());
        return config.s3().orElseThrow();
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> env = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }
}
