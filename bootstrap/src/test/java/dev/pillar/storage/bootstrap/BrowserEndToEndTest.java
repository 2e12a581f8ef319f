package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The browser builds of supabase-js in Debian's headless Chromium (driven by playwright-core) against the
 * real server, from pages served on other loopback origins: {@code src/test/e2e/browser/chromium-run.mjs}
 * runs the cases of {@code cases.js}, and a second server restricted to one page origin proves the list holds.
 */
class BrowserEndToEndTest {
    private static final Path E2E = Path.of("src/test/e2e");
    private static final Path PAGES = E2E.resolve("browser");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    /** The page and what it loads; the client libraries are the npm packages' own browser builds. */
    private static final Map<String, Path> SITE = Map.of(
            "/", PAGES.resolve("index.html"),
            "/page-kit.js", PAGES.resolve("page-kit.js"),
            "/cases.js", PAGES.resolve("cases.js"),
            "/vendor/supabase.js", E2E.resolve("node_modules/@supabase/supabase-js/dist/umd/supabase.js"),
            "/vendor/tus.js", E2E.resolve("node_modules/tus-js-client/dist/tus.min.js"));
    @TempDir
    static Path storage;
    @TempDir
    static Path restrictedStorage;
    private static StaticSite listedSite;
    private static StaticSite unlistedSite;
    private static TestServer server;
    private static TestServer restricted;

    @BeforeAll
    static void start() {
        listedSite = new StaticSite(SITE);
        unlistedSite = new StaticSite(SITE);
        server = new TestServer(storage, Map.of());
        server.sqlScripts(E2E.resolve("sql"));
        restricted = new TestServer(restrictedStorage, Map.of("CORS_ALLOWED_ORIGINS", listedSite.origin()));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {restricted, server, unlistedSite, listedSite}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void every_browser_case_passes_in_headless_chromium() throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(CHROMIUM), "run the README's test command (.ci/test), which installs "
                + "Debian's chromium when " + CHROMIUM + " is missing");
        assertTrue(Files.isDirectory(E2E.resolve("node_modules/playwright-core")),
                "run the README's test command (.ci/test), which installs the JS packages with npm ci");
        String user = UUID.randomUUID().toString();
        Path log = Files.createTempFile("chromium-run", ".log");
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "browser/chromium-run.mjs")
                .directory(E2E.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().putAll(Map.of(
                "PAGE_URL", listedSite.origin() + "/",
                "UNLISTED_PAGE_URL", unlistedSite.origin() + "/",
                "STORAGE_URL", server.baseUrl(),
                "RESTRICTED_URL", restricted.baseUrl(),
                "SERVICE_KEY", server.key("service_role"),
                "ANON_KEY", server.key("anon"),
                "USER_A_ID", user,
                "USER_A_KEY", server.userKey(user),
                "CHROMIUM_PATH", CHROMIUM.toString()));
        Process process = node.start();
        try {
            if (!process.waitFor(6, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                fail("the browser run did not finish within 6 minutes:\n" + Files.readString(log));
            }
            String output = Files.readString(log);
            System.out.println(output);
            assertEquals(0, process.exitValue(), "browser checks failed:\n" + output);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
