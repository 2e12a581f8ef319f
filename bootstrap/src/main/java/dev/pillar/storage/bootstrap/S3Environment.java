package dev.pillar.storage.bootstrap;

import dev.pillar.storage.adapters.s3.S3Settings;
import dev.pillar.storage.domain.object.ByteSize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The S3 backend's settings from the environment, with the defaults of its two modes:
 * {@code self-hosted} (MinIO next to the server: path-style, {@code http://localhost:9000}, the
 * bucket created when missing) and {@code cloud} (AWS, Hetzner, Backblaze B2...: virtual-host
 * style, the bucket must exist). Supabase's own variable names are accepted as aliases.
 */
final class S3Environment {
    static final String MODE = "STORAGE_MODE";
    static final URI SELF_HOSTED_ENDPOINT = URI.create("http://localhost:9000");
    static final String SELF_HOSTED_BUCKET = "storage";
    static final String DEFAULT_REGION = "us-east-1";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

    /** Where the bytes are, and who runs the service. */
    enum Mode { SELF_HOSTED, CLOUD }

    private S3Environment() {
    }

    /** The S3 settings when the backend is S3; refuses S3 variables that would be silently ignored. */
    static Optional<S3Settings> read(ServerConfig.Reader env, ServerConfig.Backend backend) {
        if (backend != ServerConfig.Backend.S3) {
            if (env.text(MODE).isPresent()) {
                throw new ConfigurationException(MODE, "applies to STORAGE_BACKEND=s3 only (STORAGE_BACKEND is "
                        + backend.name().toLowerCase(Locale.ROOT) + ")");
            }
            return Optional.empty();
        }
        Mode mode = mode(env);
        Optional<URI> endpoint = endpoint(env, mode);
        return Optional.of(new S3Settings(
                endpoint,
                region(env, mode, endpoint),
                bucket(env, mode),
                credentials(env, mode),
                pathStyle(env, mode),
                mode == Mode.SELF_HOSTED,
                partSize(env),
                env.integer("S3_MAX_CONNECTIONS", S3Settings.DEFAULT_MAX_CONNECTIONS, 1, 1000),
                S3Settings.DEFAULT_HEALTH_TIMEOUT));
    }

    private static Mode mode(ServerConfig.Reader env) {
        Optional<String> raw = env.text(MODE);
        if (raw.isEmpty()) {
            return Mode.SELF_HOSTED;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "self-hosted", "self_hosted", "selfhosted", "minio" -> Mode.SELF_HOSTED;
            case "cloud", "s3" -> Mode.CLOUD;
            default -> throw new ConfigurationException(MODE, "must be self-hosted or cloud (got \"" + raw.get() + "\")");
        };
    }

    private static Optional<URI> endpoint(ServerConfig.Reader env, Mode mode) {
        Optional<String> raw = env.firstOf("S3_ENDPOINT", "GLOBAL_S3_ENDPOINT");
        if (raw.isEmpty()) {
            return mode == Mode.SELF_HOSTED ? Optional.of(SELF_HOSTED_ENDPOINT) : Optional.empty();
        }
        try {
            URI uri = new URI(raw.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && bare
                    && uri.getRawQuery() == null && uri.getRawUserInfo() == null) {
                return Optional.of(new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null));
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw new ConfigurationException("S3_ENDPOINT", "must be an http:// or https:// address without a path, such as "
                + "https://fsn1.your-objectstorage.com (got \"" + raw.get() + "\")");
    }

    private static String region(ServerConfig.Reader env, Mode mode, Optional<URI> endpoint) {
        Optional<String> raw = env.firstOf("S3_REGION", "AWS_REGION");
        if (raw.isEmpty()) {
            if (mode == Mode.CLOUD && endpoint.isEmpty()) {
                throw new ConfigurationException("S3_REGION", "is required for AWS S3 (STORAGE_MODE=cloud without "
                        + "S3_ENDPOINT), e.g. eu-central-1");
            }
            return DEFAULT_REGION;
        }
        if (!REGION.matcher(raw.get()).matches()) {
            throw new ConfigurationException("S3_REGION", "must be a region name such as eu-central-1 or fsn1 (got \""
                    + raw.get() + "\")");
        }
        return raw.get();
    }

    private static String bucket(ServerConfig.Reader env, Mode mode) {
        Optional<String> raw = env.firstOf("S3_BUCKET", "GLOBAL_S3_BUCKET");
        if (raw.isEmpty()) {
            if (mode == Mode.CLOUD) {
                throw new ConfigurationException("S3_BUCKET", "is required with STORAGE_MODE=cloud (bucket names are "
                        + "global there: create one and name it here)");
            }
            return SELF_HOSTED_BUCKET;
        }
        if (!BUCKET.matcher(raw.get()).matches() || raw.get().contains("..")) {
            throw new ConfigurationException("S3_BUCKET", "must be an S3 bucket name: 3 to 63 lower-case letters, "
                    + "digits, dots and hyphens (got \"" + raw.get() + "\")");
        }
        return raw.get();
    }

    /** Both keys, or (in the cloud only) neither: the AWS default chain (environment, profile, role) then decides. */
    private static Optional<S3Settings.Credentials> credentials(ServerConfig.Reader env, Mode mode) {
        Optional<String> access = env.firstOf("S3_ACCESS_KEY", "AWS_ACCESS_KEY_ID");
        Optional<String> secret = env.firstOf("S3_SECRET_KEY", "AWS_SECRET_ACCESS_KEY");
        if (access.isPresent() && secret.isPresent()) {
            return Optional.of(new S3Settings.Credentials(access.get(), secret.get()));
        }
        if (access.isPresent()) {
            throw new ConfigurationException("S3_SECRET_KEY", "is required with S3_ACCESS_KEY");
        }
        if (secret.isPresent()) {
            throw new ConfigurationException("S3_ACCESS_KEY", "is required with S3_SECRET_KEY");
        }
        if (mode == Mode.SELF_HOSTED) {
            throw new ConfigurationException("S3_ACCESS_KEY", "and S3_SECRET_KEY are required with STORAGE_MODE=self-hosted "
                    + "(MinIO's root user or an access key made for the server)");
        }
        return Optional.empty();
    }

    /** MinIO is addressed by path; cloud services by virtual host, unless told otherwise. */
    private static boolean pathStyle(ServerConfig.Reader env, Mode mode) {
        String name = env.text("S3_FORCE_PATH_STYLE").isPresent() ? "S3_FORCE_PATH_STYLE" : "GLOBAL_S3_FORCE_PATH_STYLE";
        return env.bool(name, mode == Mode.SELF_HOSTED);
    }

    private static long partSize(ServerConfig.Reader env) {
        ByteSize size = env.size("S3_PART_SIZE", ByteSize.of(S3Settings.DEFAULT_PART_SIZE));
        if (size.bytes() < S3Settings.MIN_PART_SIZE || size.bytes() > S3Settings.MAX_PART_SIZE) {
            throw new ConfigurationException("S3_PART_SIZE", "must be from " + S3Settings.MIN_PART_SIZE + " bytes (5 MiB) to "
                    + S3Settings.MAX_PART_SIZE + " (1 GiB), e.g. 16MB (got " + size.bytes() + " bytes)");
        }
        return size.bytes();
    }
}
