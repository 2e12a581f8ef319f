package dev.pillar.storage.adapters.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the one S3 bucket that holds every blob, and how to use it.
 *
 * @param endpoint            the service's address; empty for AWS S3, which the region then locates
 * @param region              the signing region ({@code us-east-1} suits MinIO and most clones)
 * @param bucket              the backing bucket
 * @param credentials         an access key pair; empty for the AWS default chain (environment, profile, role)
 * @param pathStyle           {@code http://host/bucket/key} instead of {@code http://bucket.host/key}
 * @param createBucket        create the bucket at start-up when it is missing, instead of refusing to start
 * @param partSize            bytes per part of a streamed upload; an upload holds two parts of memory at most
 * @param maxConnections      connections to the service kept by the HTTP client
 * @param healthTimeout       the longest a health check waits for the bucket to answer
 */
public record S3Settings(Optional<URI> endpoint, String region, String bucket, Optional<Credentials> credentials,
                         boolean pathStyle, boolean createBucket, long partSize, int maxConnections,
                         Duration healthTimeout) {
    /** S3's smallest part (but the last); and the largest this server buffers. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    public static final long MAX_PART_SIZE = 1024L * 1024 * 1024;
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(2);

    public S3Settings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(healthTimeout, "healthTimeout");
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("part size must be from 5 MiB to 1 GiB, got " + partSize);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive");
        }
    }

    /** An access key pair; {@link #toString()} never shows the secret. */
    public record Credentials(String accessKey, String secretKey) {
        public Credentials {
            Objects.requireNonNull(accessKey, "accessKey");
            Objects.requireNonNull(secretKey, "secretKey");
        }

        @Override
        public String toString() {
            return "Credentials[accessKey=" + accessKey + ", secretKey=<redacted>]";
        }
    }
}
