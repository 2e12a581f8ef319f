package dev.pillar.storage.bootstrap;

import dev.pillar.storage.adapters.s3.S3ProxyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@link TestServer} on the filesystem backend or on S3 (S3Proxy on loopback), with a direct view of the
 * blobs its store holds, so that a test can check that every row has exactly its one blob and no blob is
 * left without a row. Both stores keep {@code <project>/<bucket>/<name>/<version>} under a directory:
 * the filesystem store under its root (as {@code <version>~blob}), S3Proxy under its bucket's directory.
 */
final class BlobWorld implements AutoCloseable {
    private static final String PROJECT = "default";
    private static final String BLOB_SUFFIX = "~blob";
    private final ServerConfig.Backend backend;
    private final TestServer server;
    private final Path blobRoot;
    private final S3ProxyServer s3;

    private BlobWorld(ServerConfig.Backend backend, TestServer server, Path blobRoot, S3ProxyServer s3) {
        this.backend = backend;
        this.server = server;
        this.blobRoot = blobRoot;
        this.s3 = s3;
    }

    /** A fresh server with its own database, keeping its blobs under {@code directory}. */
    static BlobWorld start(ServerConfig.Backend backend, Path directory) {
        Path files = directory.resolve("files");
        if (backend == ServerConfig.Backend.FILE) {
            return new BlobWorld(backend, new TestServer(files, Map.of()), files.resolve(PROJECT), null);
        }
        S3ProxyServer s3 = S3ProxyServer.start(directory.resolve("s3"));
        String bucket = S3ProxyServer.newBucketName();
        TestServer server = new TestServer(files, S3ProxyServer.environment(s3.endpoint(), bucket));
        return new BlobWorld(backend, server, s3.directory().resolve(bucket).resolve(PROJECT), s3);
    }

    TestServer server() {
        return server;
    }

    /** {@code name/version} of every blob the store holds for {@code bucket}. */
    Set<String> blobs(String bucket) {
        Path under = blobRoot.resolve(bucket);
        if (!Files.isDirectory(under)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(under)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> under.relativize(file).toString())
                    .map(key -> key.endsWith(BLOB_SUFFIX) ? key.substring(0, key.length() - BLOB_SUFFIX.length()) : key)
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code name/version} of every row of {@code bucket}: with no orphan and no loss, equal to {@link #blobs}. */
    Set<String> rows(String bucket) {
        return new TreeSet<>(server.queryStrings("select name || '/' || version from storage.objects"
                + " where bucket_id = '" + bucket + "'"));
    }

    @Override
    public String toString() {
        return backend.name().toLowerCase();
    }

    @Override
    public void close() {
        server.close();
        if (s3 != null) {
            s3.close();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code size} distinct bytes for {@code seed}. */
    static byte[] payload(int size, long seed) {
        try (PatternStream stream = new PatternStream(size, seed)) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
