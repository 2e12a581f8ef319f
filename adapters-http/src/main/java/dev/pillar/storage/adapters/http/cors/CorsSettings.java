package dev.pillar.storage.adapters.http.cors;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may call the API ({@code *} for any, else exact {@code scheme://host[:port]}
 * origins, possibly none) and how long a browser may cache a preflight answer.
 */
public record CorsSettings(boolean anyOrigin, Set<String> allowedOrigins, Duration maxAge) {
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(2);

    public CorsSettings {
        Objects.requireNonNull(maxAge, "maxAge");
        allowedOrigins = allowedOrigins.stream().map(origin -> origin.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        if (anyOrigin && !allowedOrigins.isEmpty()) {
            throw new IllegalArgumentException("either any origin or a list of origins, not both");
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("negative max age: " + maxAge);
        }
    }

    /** Every origin, as without configuration. */
    public static CorsSettings anyOrigin(Duration maxAge) {
        return new CorsSettings(true, Set.of(), maxAge);
    }

    /** Only these origins (none at all when empty, e.g. behind a gateway that adds CORS itself). */
    public static CorsSettings onlyOrigins(Set<String> origins, Duration maxAge) {
        return new CorsSettings(false, origins, maxAge);
    }

    /** Whether a page served from {@code origin} (the request's {@code Origin} header) may read our answers. */
    public boolean allows(String origin) {
        return anyOrigin || allowedOrigins.contains(origin.toLowerCase(Locale.ROOT));
    }
}
