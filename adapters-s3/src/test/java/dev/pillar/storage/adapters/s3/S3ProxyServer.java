package dev.pillar.storage.adapters.s3;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A real S3-compatible server for tests: S3Proxy, in process, on a free loopback port, keeping
 * objects in a directory. It speaks S3 over HTTP with SigV4 like MinIO does; nothing is mocked.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key-0123456789";
    /** Held so that the quieted loggers are not collected, and their levels forgotten. */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("org.gaul"),
            Logger.getLogger("org.eclipse.jetty"), Logger.getLogger("org.gaul.shaded"));
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private final Path directory;
    private final S3Proxy proxy;

    private S3ProxyServer(Path directory, S3Proxy proxy) {
        this.directory = directory;
        this.proxy = proxy;
    }

    /** Starts a server keeping its objects under {@code directory} (created if missing). */
    public static S3ProxyServer start(Path directory) {
        return start(directory, 0);
    }

    /**
     * Starts a server on {@code port} (0: a free one) keeping its objects under {@code directory}: fault tests
     * stop one and start it again on the same port and directory, as an S3 service comes back after an outage.
     */
    public static S3ProxyServer start(Path directory, int port) {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        try {
            Files.createDirectories(directory);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .stopTimeout(0)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
            return new S3ProxyServer(directory, proxy);
        } catch (Exception e) {
            throw new IllegalStateException("could not start S3Proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public int port() {
        return proxy.getPort();
    }

    /** A fresh bucket name, unique in this JVM. */
    public static String newBucketName() {
        return "test-bucket-" + BUCKETS.incrementAndGet() + "-" + ProcessHandle.current().pid();
    }

    /** Self-hosted settings for this server: path style, bucket created when missing, 5 MiB parts. */
    public S3Settings settings(String bucket) {
        return settings(endpoint(), bucket);
    }

    public static S3Settings settings(URI endpoint, String bucket) {
        return new S3Settings(Optional.of(endpoint), "us-east-1", bucket,
                Optional.of(new S3Settings.Credentials(ACCESS_KEY, SECRET_KEY)), true, true,
                S3Settings.MIN_PART_SIZE, 16, Duration.ofSeconds(2));
    }

    /** The server's environment for a self-hosted S3 backend on {@code endpoint}. */
    public static Map<String, String> environment(URI endpoint, String bucket) {
        return Map.of("STORAGE_BACKEND", "s3", "STORAGE_MODE", "self-hosted", "S3_ENDPOINT", endpoint.toString(),
                "S3_BUCKET", bucket, "S3_ACCESS_KEY", ACCESS_KEY, "S3_SECRET_KEY", SECRET_KEY);
    }

    /** Every key in {@code bucket}, as S3 lists them. */
    public List<String> keys(String bucket) {
        try (S3Client client = S3Clients.build(settings(bucket), List.of())) {
            return client.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).toList();
        }
    }

    /** The keys of the multipart uploads in {@code bucket} that were started and neither completed nor aborted. */
    public List<String> pendingMultipartUploads(String bucket) {
        try (S3Client client = S3Clients.build(settings(bucket), List.of())) {
            return client.listMultipartUploads(r -> r.bucket(bucket)).uploads().stream().map(MultipartUpload::key)
                    .toList();
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop S3Proxy", e);
        }
    }
}
