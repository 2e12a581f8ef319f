package dev.pillar.storage.bootstrap;

import dev.pillar.storage.adapters.s3.S3ProxyServer;
import dev.pillar.storage.adapters.s3.S3Settings;
import org.junit.jupiter.api.AfterAll;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The same vanishing clients with the objects in S3 (S3Proxy on loopback) and 5 MiB parts. */
class ClientDisconnectOnS3Test extends ClientDisconnectTest {
    private S3ProxyServer s3;
    private String bucket;

    @Override
    protected Map<String, String> backendEnvironment(Path dir) {
        s3 = S3ProxyServer.start(dir.resolve("s3"));
        bucket = S3ProxyServer.newBucketName();
        Map<String, String> env = new HashMap<>(S3ProxyServer.environment(s3.endpoint(), bucket));
        env.put("S3_PART_SIZE", Long.toString(S3Settings.MIN_PART_SIZE));
        return env;
    }

    /** The bucket's keys and its unfinished multipart uploads. */
    @Override
    protected List<String> storedThings() {
        return Stream.concat(s3.keys(bucket).stream(),
                s3.pendingMultipartUploads(bucket).stream().map(key -> "multipart upload of " + key)).toList();
    }

    @Override
    protected String suite() {
        return "faults-client-disconnect-s3";
    }

    @AfterAll
    void stopS3() {
        s3.close();
    }
}
