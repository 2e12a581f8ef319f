package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compose files and templates shipped for deployment: they parse, pin their images, wire what
 * their comments promise, and the environments they carry start a server configuration.
 * (SnakeYAML comes with Liquibase; this test uses the same one.)
 */
class DeploymentFilesTest {
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    static Stream<Path> yamlFiles() throws IOException {
        return Stream.concat(Files.list(PROJECT.resolve("compose")), Files.list(PROJECT.resolve("templates")))
                .filter(path -> path.toString().endsWith(".yml") || path.toString().endsWith(".yaml"))
                .sorted();
    }

    static Stream<Path> envTemplates() throws IOException {
        return Files.list(PROJECT.resolve("templates")).filter(path -> path.toString().endsWith(".env")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("yamlFiles")
    void parses_and_pins_every_image_to_a_release(Path file) {
        Map<String, Object> yaml = load(file);

        assertFalse(yaml.isEmpty());
        images(yaml).forEach(image -> {
            assertTrue(image.matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+"), file.getFileName() + ": a tagged image: " + image);
            assertFalse(image.endsWith(":latest"), file.getFileName() + ": not latest: " + image);
            assertFalse(image.matches(".*:\\d+(-[a-z]+)?$"), file.getFileName() + ": more than a major version: " + image);
        });
    }

    @Test
    void the_pillar_file_runs_minio_with_a_health_check_on_the_external_madbase_network() {
        Map<String, Object> compose = load(PROJECT.resolve("compose/docker-compose.pillar-storage.yml"));
        Map<String, Object> minio = map(map(compose, "services"), "minio");

        assertTrue(((String) minio.get("image")).startsWith("minio/minio:RELEASE."));
        assertEquals(List.of("CMD", "mc", "ready", "local"), map(minio, "healthcheck").get("test"));
        assertEquals(List.of("madbase"), minio.get("networks"));
        assertEquals(Map.of("external", true), map(map(compose, "networks"), "madbase"));
    }

    @Test
    void the_ha_file_runs_four_nodes_of_two_drives_in_one_erasure_set_behind_one_address() throws IOException {
        Map<String, Object> compose = load(PROJECT.resolve("compose/docker-compose.pillar-storage-ha.yml"));
        Map<String, Object> services = map(compose, "services");
        String nginx = Files.readString(PROJECT.resolve("compose/minio-ha-nginx.conf"));

        for (int node = 1; node <= 4; node++) {
            Map<String, Object> minio = map(services, "minio" + node);
            assertEquals(List.of("server", "--console-address", ":9001", "http://minio{1...4}/data{1...2}"),
                    minio.get("command"));
            assertEquals(2, ((List<?>) minio.get("volumes")).size(), "two drives on node " + node);
            assertTrue(map(minio, "healthcheck").containsKey("test"));
            assertTrue(nginx.contains("server minio" + node + ":9000"), "the balancer sends to node " + node);
        }
        Map<String, Object> balancer = map(services, "minio");
        assertTrue(((List<?>) balancer.get("networks")).contains("madbase"), "reached as minio:9000, like the single node");
        assertEquals(Map.of("external", true), map(map(compose, "networks"), "madbase"));
    }

    @Test
    void the_storage_file_runs_the_server_on_s3_with_its_postgres() {
        Map<String, Object> services = map(load(PROJECT.resolve("compose/docker-compose.storage.yml")), "services");
        Map<String, Object> storage = map(services, "storage");
        Map<String, Object> environment = map(storage, "environment");

        assertTrue(services.containsKey("db"));
        assertEquals("s3", environment.get("STORAGE_BACKEND"));
        assertEquals(Map.of("condition", "service_healthy"), map(map(storage, "depends_on"), "db"));
        assertTrue(((List<?>) storage.get("networks")).contains("madbase"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envTemplates")
    void every_environment_template_configures_a_server(Path template) throws IOException {
        ServerConfig config = ServerConfig.fromEnvironment(dotEnv(template));

        boolean s3 = template.getFileName().toString().startsWith("s3-");
        assertEquals(s3 ? ServerConfig.Backend.S3 : ServerConfig.Backend.FILE, config.backend());
        assertEquals(s3, config.s3().isPresent());
    }

    @Test
    void the_node_template_carries_a_working_server_environment() {
        Map<String, Object> node = load(PROJECT.resolve("templates/storage-node.yaml"));
        Map<String, String> environment = new LinkedHashMap<>();
        map(map(node, "server"), "environment").forEach((name, value) -> environment.put(name, String.valueOf(value)));

        ServerConfig config = ServerConfig.fromEnvironment(environment);

        assertEquals(ServerConfig.Backend.S3, config.backend());
        assertEquals("storage", config.s3().orElseThrow().bucket());
    }

    private static Map<String, String> dotEnv(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int equals = trimmed.indexOf('=');
                assertTrue(equals > 0, file.getFileName() + ": NAME=value lines only: " + line);
                env.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
        }
        return env;
    }

    private static Stream<String> images(Object node) {
        if (node instanceof Map<?, ?> map) {
            Stream<String> own = map.get("image") instanceof String image ? Stream.of(image) : Stream.empty();
            return Stream.concat(own, map.values().stream().flatMap(DeploymentFilesTest::images));
        }
        if (node instanceof List<?> list) {
            return list.stream().flatMap(DeploymentFilesTest::images);
        }
        return Stream.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        assertTrue(child instanceof Map, key + " is a mapping");
        return (Map<String, Object>) child;
    }

    private static Map<String, Object> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return yaml == null ? Map.of() : yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
