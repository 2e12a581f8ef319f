package dev.pillar.storage.bootstrap;

import dev.pillar.storage.adapters.http.cors.CorsSettings;
import dev.pillar.storage.adapters.http.support.ErrorStatusMode;
import dev.pillar.storage.adapters.postgres.PostgresSettings;
import dev.pillar.storage.adapters.s3.S3Settings;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.ByteSize;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The server's whole configuration, read once from the environment; each bad variable is named. */
public record ServerConfig(String host, int port, String databaseUrl, int databasePoolSize,
                           Optional<String> jwtSecret, Backend backend, Path fileStoragePath,
                           ByteSize fileSizeLimit, String projectRef, ErrorStatusMode errorStatusMode,
                           ImageTransformation imageTransformation, CorsSettings cors,
                           Optional<S3Settings> s3, LogLevel logLevel, Duration uploadExpiry,
                           Reconciliation reconciliation, Duration databaseConnectionTimeout,
                           Duration databaseStatementTimeout, Duration readTimeout) {

    /** Where object bytes are kept. */
    public enum Backend { FILE, S3 }

    /** The least severe log records written ({@code LOG_LEVEL}); {@code info} includes the access log. */
    public enum LogLevel { ERROR, WARN, INFO, DEBUG, TRACE }

    /** Image transformation: on or off, the largest source it will decode, and its bounded worker pool. */
    public record ImageTransformation(boolean enabled, ByteSize maxSourceSize, int maxPixels, int concurrency,
                                      int queue) {
    }

    /**
     * The reconciler (ADR 0015): how often the server runs it ({@link Duration#ZERO}: never, only as a command)
     * and how old a blob must be before it may count as an orphan.
     */
    public record Reconciliation(Duration interval, Duration gracePeriod) {
        public boolean periodic() {
            return !interval.isZero();
        }
    }

    /** How long a resumable upload may take from its creation (Supabase's {@code TUS_URL_EXPIRY_MS}). */
    public static final Duration DEFAULT_UPLOAD_EXPIRY = Duration.ofHours(24);
    /** How long the server waits for a client's bytes ({@code HTTP_READ_TIMEOUT_MS}, ADR 0016). */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
    private static final Pattern PROJECT_REF = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** A browser origin as sent in the {@code Origin} header: scheme, host and maybe a port, nothing else. */
    private static final Pattern ORIGIN = Pattern.compile("https?://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        Reader read = new Reader(env);
        Backend backend = read.choice("STORAGE_BACKEND",
                read.text(S3Environment.MODE).isPresent() ? Backend.S3 : Backend.FILE, Backend.class);
        return new ServerConfig(
                read.text("SERVER_HOST").orElse("0.0.0.0"),
                read.integer("PORT", 5000, 0, 65535),
                read.text("DATABASE_URL").orElse(DEFAULT_DATABASE_URL),
                read.integer("DATABASE_POOL_SIZE", 16, 1, 500),
                read.text("AUTH_JWT_SECRET").or(() -> read.text("PGRST_JWT_SECRET")).or(() -> read.text("JWT_SECRET")),
                backend,
                read.path("FILE_STORAGE_BACKEND_PATH", "./data/storage"),
                read.size("FILE_SIZE_LIMIT", read.size("UPLOAD_FILE_SIZE_LIMIT", ByteSize.mebibytes(50))),
                read.matching("PROJECT_REF", "default", PROJECT_REF),
                read.choice("ERROR_HTTP_STATUS", ErrorStatusMode.STANDARD, ErrorStatusMode.class),
                new ImageTransformation(
                        read.bool("IMAGE_TRANSFORMATION_ENABLED", true),
                        read.size("IMAGE_MAX_SOURCE_BYTES", ByteSize.parse("25MB")),
                        read.integer("IMAGE_MAX_PIXELS", 50_000_000, 1, Integer.MAX_VALUE),
                        read.integer("IMAGE_TRANSFORM_CONCURRENCY", Runtime.getRuntime().availableProcessors(), 1, 256),
                        read.integer("IMAGE_TRANSFORM_QUEUE", 16, 0, 10_000)),
                read.cors("CORS_ALLOWED_ORIGINS", Duration.ofSeconds(read.integer("CORS_MAX_AGE",
                        (int) CorsSettings.DEFAULT_MAX_AGE.toSeconds(), 0, 86_400))),
                S3Environment.read(read, backend),
                read.choice("LOG_LEVEL", LogLevel.INFO, LogLevel.class),
                Duration.ofMillis(read.integer("TUS_URL_EXPIRY_MS", (int) DEFAULT_UPLOAD_EXPIRY.toMillis(), 1,
                        Integer.MAX_VALUE)),
                new Reconciliation(
                        Duration.ofSeconds(read.integer("RECONCILE_INTERVAL_SECONDS", 6 * 3600, 0, Integer.MAX_VALUE)),
                        Duration.ofSeconds(read.integer("RECONCILE_GRACE_SECONDS", 3600, 0, Integer.MAX_VALUE))),
                read.millis("DATABASE_CONNECTION_TIMEOUT", PostgresSettings.DEFAULT_CONNECTION_TIMEOUT,
                        PostgresSettings.MIN_CONNECTION_TIMEOUT),
                read.millis("DATABASE_STATEMENT_TIMEOUT", PostgresSettings.DEFAULT_STATEMENT_TIMEOUT,
                        Duration.ofMillis(1)),
                Duration.ofMillis(read.integer("HTTP_READ_TIMEOUT_MS", (int) DEFAULT_READ_TIMEOUT.toMillis(), 100,
                        3_600_000)));
    }

    /** Reads variables, turning every unusable value into a {@link ConfigurationException}. */
    record Reader(Map<String, String> env) {
        Optional<String> text(String name) {
            return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
        }

        int integer(String name, int fallback, int min, int max) {
            Optional<String> raw = text(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(raw.get());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigurationException(name, "must be an integer from " + min + " to " + max
                    + " (got \"" + raw.get() + "\")");
        }

        /** A duration given in milliseconds, at least {@code min}. */
        Duration millis(String name, Duration fallback, Duration min) {
            return Duration.ofMillis(integer(name, (int) fallback.toMillis(), (int) min.toMillis(), Integer.MAX_VALUE));
        }

        boolean bool(String name, boolean fallback) {
            Optional<String> raw = text(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            return switch (raw.get().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new ConfigurationException(name, "must be true or false (got \"" + raw.get() + "\")");
            };
        }

        <E extends Enum<E>> E choice(String name, E fallback, Class<E> type) {
            Optional<String> raw = text(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, raw.get().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                StringBuilder allowed = new StringBuilder();
                for (E constant : type.getEnumConstants()) {
                    allowed.append(allowed.isEmpty() ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
                }
                throw new ConfigurationException(name, "must be one of " + allowed + " (got \"" + raw.get() + "\")");
            }
        }

        Path path(String name, String fallback) {
            String raw = text(name).orElse(fallback);
            try {
                return Path.of(raw).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new ConfigurationException(name, "is not a usable path (got \"" + raw + "\")");
            }
        }

        ByteSize size(String name, ByteSize fallback) {
            Optional<String> raw = text(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                ByteSize size = ByteSize.parse(raw.get());
                if (size.bytes() > 0) {
                    return size;
                }
            } catch (InvalidInput ignored) {
                // reported below
            }
            throw new ConfigurationException(name, "must be a positive size such as 52428800, 50MB or 5GB (got \""
                    + raw.get() + "\")");
        }

        /** {@code *} (the default), {@code none}, or a comma-separated list of origins. */
        CorsSettings cors(String name, Duration maxAge) {
            String raw = text(name).orElse("*");
            if (raw.equals("*")) {
                return CorsSettings.anyOrigin(maxAge);
            }
            if (raw.equalsIgnoreCase("none")) {
                return CorsSettings.onlyOrigins(Set.of(), maxAge);
            }
            Set<String> origins = Arrays.stream(raw.split(",")).map(String::trim).filter(origin -> !origin.isEmpty())
                    .collect(Collectors.toSet());
            if (origins.isEmpty() || !origins.stream().allMatch(origin -> ORIGIN.matcher(origin).matches())) {
                throw new ConfigurationException(name, "must be *, none or a comma-separated list of origins such as"
                        + " https://app.example.com,http://localhost:3000 (got \"" + raw + "\")");
            }
            return CorsSettings.onlyOrigins(origins, maxAge);
        }

        /** The first of {@code names} that is set: a variable under its own name or an accepted alias. */
        Optional<String> firstOf(String... names) {
            for (String name : names) {
                Optional<String> value = text(name);
                if (value.isPresent()) {
                    return value;
                }
            }
            return Optional.empty();
        }

        String matching(String name, String fallback, Pattern pattern) {
            String value = text(name).orElse(fallback);
            if (!pattern.matcher(value).matches()) {
                throw new ConfigurationException(name, "must match " + pattern.pattern() + " (got \"" + value + "\")");
            }
            return value;
        }
    }
}
