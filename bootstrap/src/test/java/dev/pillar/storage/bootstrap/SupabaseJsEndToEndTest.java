package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real server driven by the unmodified {@code @supabase/storage-js} client under Node. */
class SupabaseJsEndToEndTest {
    private static final Path E2E = Path.of("src/test/e2e");
    @TempDir
    static Path storage;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(storage, Map.of());
        server.sql("""
                create policy "users own their folder" on storage.objects for all to authenticated
                using ((storage.foldername(name))[1] = auth.uid()::text)
                with check ((storage.foldername(name))[1] = auth.uid()::text)""");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void storage_js_drives_buckets_objects_and_row_level_security() throws IOException, InterruptedException {
        assertTrue(Files.isDirectory(E2E.resolve("node_modules/@supabase/storage-js")),
                "run the README's test command (.ci/test), which installs the JS clients with npm ci");
        String userA = UUID.randomUUID().toString();
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "storage-js.test.mjs")
                .directory(E2E.toFile())
                .redirectErrorStream(true);
        node.environment().putAll(Map.of(
                "STORAGE_URL", server.baseUrl(),
                "SERVICE_KEY", server.key("service_role"),
                "USER_A_ID", userA,
                "USER_A_KEY", server.userKey(userA),
                "USER_B_KEY", server.userKey(UUID.randomUUID().toString())));
        Process process = node.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "node finished");
        System.out.println(output);
        assertEquals(0, process.exitValue(), "storage-js checks failed:\n" + output);
    }
}
