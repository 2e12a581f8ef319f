package dev.pillar.storage.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.auth.Jwt;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.domain.failure.StorageFailure;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Entry point: {@code java -jar storage-server.jar} serves; {@code java -jar storage-server.jar reconcile [--dry-run]}
 * reconciles the store with the metadata once and exits (ADR 0015). Configuration comes from the environment.
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        Logging.configure();
        if (args.length > 0) {
            System.exit(ReconcileCommand.run(args));
            return;
        }
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
        } catch (ConfigurationException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        Logging.level(config.logLevel());
        String secret = config.jwtSecret().orElseGet(Main::developmentSecret);
        StorageServer server;
        try {
            server = StorageServer.start(config, secret);
        } catch (ConfigurationException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IllegalStateException | StorageFailure e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        OldGenerationWatch.start();
        LOG.log(System.Logger.Level.INFO, "event=started port={0} backend={1} {2}",
                Integer.toString(server.port()), config.backend().name().toLowerCase(), storageFields(config));
    }

    private static String storageFields(ServerConfig config) {
        return config.s3()
                .map(s3 -> "s3_bucket=" + s3.bucket() + " s3_endpoint=" + s3.endpoint().map(Object::toString)
                        .orElse("aws:" + s3.region()) + " s3_path_style=" + s3.pathStyle())
                .orElse("storage_path=" + config.fileStoragePath());
    }

    /** No secret configured: make one for this run and print keys that work with it. */
    private static String developmentSecret() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Jwt jwt = new Jwt(secret, Clock.systemUTC());
        long exp = Clock.systemUTC().instant().plus(Duration.ofDays(365)).getEpochSecond();
        System.out.println("""
                ============================================================================
                DEVELOPMENT ONLY: no AUTH_JWT_SECRET is set, so this run made up its own secret.
                These keys work until the server stops. Set AUTH_JWT_SECRET for real use.
                anon key:         %s
                service_role key: %s
                ============================================================================"""
                .formatted(jwt.sign(claims("anon", exp)), jwt.sign(claims("service_role", exp))));
        return secret;
    }

    private static ObjectNode claims(String role, long exp) {
        return Json.object().put("role", role).put("iss", "storage-dev").put("exp", exp);
    }
}
