package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Resumable uploads that outlive {@code TUS_URL_EXPIRY_MS} answer 410, and the sweep removes them and their bytes. */
class ResumableUploadExpiryTest {
    private static final int MIB = 1024 * 1024;

    @Test
    void an_expired_upload_is_gone_and_the_sweep_removes_its_parts_its_staged_tail_and_its_session(@TempDir Path storage)
            throws InterruptedException {
        try (TestServer server = new TestServer(storage, Map.of("TUS_URL_EXPIRY_MS", "2000"))) {
            assertEquals(200, new Api(server).postJson("/bucket", "{\"name\":\"expiring\"}").statusCode());
            TusClient tus = new TusClient(server, server.key("service_role"));
            String location = tus.create("expiring", "big.bin", "Upload-Length", Integer.toString(8 * MIB))
                    .headers().firstValue("Location").orElseThrow();
            HttpResponse<String> chunk = tus.patch(location, 0, "x".repeat(6 * MIB));
            assertEquals(204, chunk.statusCode(), chunk.body());
            assertFalse(files(storage).isEmpty(), "a part and a tail are stored");

            Thread.sleep(2_100);
            assertEquals(410, tus.head(location).statusCode());
            assertEquals(410, tus.patch(location, 6 * MIB, "y").statusCode());

            assertEquals(1, server.sweepExpiredUploads());

            assertEquals(404, tus.head(location).statusCode());
            assertEquals(List.of(), files(storage), "no part, tail or object is left");
            assertEquals(0, server.queryLong("select count(*) from storage.upload_sessions"));
            assertEquals(0, server.sweepExpiredUploads());
        }
    }

    private static List<Path> files(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
