package dev.pillar.storage.adapters.s3;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client each kind of deployment gets, read off the requests it would send: each request is
 * captured once signed and stopped before it leaves, so no service is needed.
 */
class S3ClientsTest {
    private static final S3Settings.Credentials KEYS = new S3Settings.Credentials("AKIDEXAMPLE", "wJalrXUtnFEMIK7MDENGbPxRfiCY");

    @Test
    void self_hosted_minio_is_addressed_by_path_on_its_endpoint() {
        S3Settings minio = settings(Optional.of(URI.create("http://minio:9000")), "us-east-1", true);

        SdkHttpRequest request = firstRequest(minio, client -> client.headObject(r -> r.bucket("storage").key("p/b/o/v")));

        assertEquals("http://minio:9000/storage/p/b/o/v", request.getUri().toString());
        assertTrue(request.firstMatchingHeader("Authorization").orElseThrow()
                .contains("Credential=AKIDEXAMPLE/"), "signed with the configured key");
        assertTrue(request.firstMatchingHeader("Authorization").orElseThrow().contains("/us-east-1/s3/aws4_request"));
    }

    @Test
    void a_cloud_provider_with_an_endpoint_is_addressed_by_virtual_host_in_its_region() {
        S3Settings hetzner = settings(Optional.of(URI.create("https://fsn1.your-objectstorage.com")), "fsn1", false);

        SdkHttpRequest request = firstRequest(hetzner, client -> client.headObject(r -> r.bucket("storage").key("p/b/o/v")));

        assertEquals("https://storage.fsn1.your-objectstorage.com/p/b/o/v", request.getUri().toString());
        assertTrue(request.firstMatchingHeader("Authorization").orElseThrow().contains("/fsn1/s3/aws4_request"));
    }

    @Test
    void aws_without_an_endpoint_is_found_by_its_region() {
        S3Settings aws = settings(Optional.empty(), "eu-central-1", false);

        SdkHttpRequest request = firstRequest(aws, client -> client.headObject(r -> r.bucket("storage").key("p/b/o/v")));

        assertEquals("https://storage.s3.eu-central-1.amazonaws.com/p/b/o/v", request.getUri().toString());
        try (S3Client client = S3Clients.build(aws, List.of())) {
            assertEquals(Region.EU_CENTRAL_1, client.serviceClientConfiguration().region());
        }
    }

    @Test
    void uploads_carry_no_optional_checksum_that_s3_clones_refuse() {
        S3Settings minio = settings(Optional.of(URI.create("http://minio:9000")), "us-east-1", true);

        SdkHttpRequest request = firstRequest(minio, client -> client.putObject(
                r -> r.bucket("storage").key("k"), RequestBody.fromString("hello")));

        assertFalse(request.headers().keySet().stream().anyMatch(name -> name.toLowerCase().startsWith("x-amz-checksum")
                || name.equalsIgnoreCase("x-amz-sdk-checksum-algorithm")), request.headers().keySet().toString());
    }

    @Test
    void settings_never_print_the_secret() {
        assertFalse(KEYS.toString().contains(KEYS.secretKey()), KEYS.toString());
    }

    @Test
    void a_part_size_outside_s3s_limits_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new S3Settings(Optional.empty(), "us-east-1", "b",
                Optional.empty(), false, false, S3Settings.MIN_PART_SIZE - 1, 1, Duration.ofSeconds(1)));
    }

    private static S3Settings settings(Optional<URI> endpoint, String region, boolean pathStyle) {
        return new S3Settings(endpoint, region, "storage", Optional.of(KEYS), pathStyle, pathStyle,
                S3Settings.DEFAULT_PART_SIZE, 4, Duration.ofSeconds(2));
    }

    /** Builds the client, makes one call, and returns the request as it was about to be sent. */
    private static SdkHttpRequest firstRequest(S3Settings settings, java.util.function.Consumer<S3Client> call) {
        AtomicReference<SdkHttpRequest> captured = new AtomicReference<>();
        ExecutionInterceptor capture = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                captured.compareAndSet(null, context.httpRequest());
                throw new StopBeforeSending();
            }
        };
        try (S3Client client = S3Clients.build(settings, List.of(capture))) {
            assertThrows(RuntimeException.class, () -> call.accept(client));
        }
        return captured.get();
    }

    private static final class StopBeforeSending extends RuntimeException {
        StopBeforeSending() {
            super("stopped by the test before sending", null, false, false);
        }
    }
}
