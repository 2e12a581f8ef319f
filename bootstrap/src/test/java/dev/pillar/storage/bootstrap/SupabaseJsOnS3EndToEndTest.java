package dev.pillar.storage.bootstrap;

import dev.pillar.storage.adapters.s3.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;

import java.nio.file.Path;
import java.util.Map;

/** The same supabase-js suite with the server's objects in S3 (S3Proxy on loopback), self-hosted mode. */
class SupabaseJsOnS3EndToEndTest extends SupabaseJsEndToEndTest {
    private S3ProxyServer s3;

    @Override
    protected Map<String, String> backendEnvironment(Path directory) {
        s3 = S3ProxyServer.start(directory.resolve("s3"));
        return S3ProxyServer.environment(s3.endpoint(), S3ProxyServer.newBucketName());
    }

    @AfterAll
    void stopS3() {
        s3.close();
    }
}
