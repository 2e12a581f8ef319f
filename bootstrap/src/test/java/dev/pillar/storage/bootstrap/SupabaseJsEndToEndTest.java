package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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

/**
 * The real server driven by the unmodified Supabase clients under Node: every {@code *.test.mjs}
 * in {@code src/test/e2e} runs against one server whose database got every {@code sql/*.sql} first.
 * The server keeps its objects on the filesystem here; subclasses choose another backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupabaseJsEndToEndTest {
    private static final Path E2E = Path.of("src/test/e2e");
    private TestServer server;

    /** Environment that selects and configures the object store; none means the filesystem default. */
    protected Map<String, String> backendEnvironment(Path directory) {
        return Map.of();
    }

    @BeforeAll
    void start(@TempDir Path storage) {
        server = new TestServer(storage, backendEnvironment(storage));
        server.sqlScripts(E2E.resolve("sql"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void every_e2e_test_file_passes_with_the_real_clients() throws IOException, InterruptedException {
        assertTrue(Files.isDirectory(E2E.resolve("node_modules/@supabase/storage-js")),
                "run the README's test command (.ci/test), which installs the JS clients with npm ci");
        String userA = UUID.randomUUID().toString();
        String userB = UUID.randomUUID().toString();
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec")
                .directory(E2E.toFile())
                .redirectErrorStream(true);
        node.environment().putAll(Map.of(
                "STORAGE_URL", server.baseUrl(),
                "SERVICE_KEY", server.key("service_role"),
                "ANON_KEY", server.key("anon"),
                "USER_A_ID", userA,
                "USER_A_KEY", server.userKey(userA),
                "USER_B_ID", userB,
                "USER_B_KEY", server.userKey(userB)));
        Process process = node.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "node finished");
        System.out.println(output);
        assertEquals(0, process.exitValue(), "storage-js checks failed:\n" + output);
    }
}
