package dev.pillar.storage.adapters.http;

import dev.pillar.storage.adapters.http.cors.CorsSettings;
import dev.pillar.storage.adapters.http.support.ErrorStatusMode;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the server listens, with which JWT secret, how it reports errors, which browser origins it serves and how
 * long it waits for a client's bytes.
 */
public record HttpSettings(String host, int port, String jwtSecret, ErrorStatusMode errorStatusMode,
                           CorsSettings cors, Duration readTimeout) {
    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        Objects.requireNonNull(errorStatusMode, "errorStatusMode");
        Objects.requireNonNull(cors, "cors");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("read timeout must be positive: " + readTimeout);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
