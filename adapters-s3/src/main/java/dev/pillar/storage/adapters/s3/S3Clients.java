package dev.pillar.storage.adapters.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.time.Duration;
import java.util.List;

/**
 * Builds the one S3 client of the server from its settings.
 *
 * <p>Checksums are sent and checked only where S3 requires them: the SDK's default (a CRC32
 * trailer in aws-chunked encoding) is refused by several S3-compatible services. Integrity in
 * transit comes from TLS, or from SigV4 payload signing over plain HTTP.
 */
final class S3Clients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Longest silence on an open connection; a stalled service fails a read instead of hanging it. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(10);

    private S3Clients() {
    }

    static S3Client build(S3Settings settings, List<ExecutionInterceptor> interceptors) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .connectionAcquisitionTimeout(ACQUIRE_TIMEOUT)
                        .maxConnections(settings.maxConnections()))
                .overrideConfiguration(o -> interceptors.forEach(o::addExecutionInterceptor));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        return settings.credentials()
                .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(c.accessKey(), c.secretKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }
}
