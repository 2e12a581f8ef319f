package dev.pillar.storage.adapters.s3;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An {@link S3ProxyServer} on loopback for one test class, over a directory of its own: started before the class's
 * tests, stopped and its directory removed after. Register it as a static field with {@code @RegisterExtension}.
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {
    private Path directory;
    private S3ProxyServer server;

    public S3ProxyServer server() {
        if (server == null) {
            throw new IllegalStateException("the S3 server starts before the class's tests");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("s3proxy");
        server = S3ProxyServer.start(directory.resolve("s3"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.close();
        server = null;
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
