package dev.pillar.storage.adapters.http;

import dev.pillar.storage.adapters.http.cors.CorsSettings;
import dev.pillar.storage.adapters.http.support.ErrorStatusMode;

import java.util.Objects;

/** Where the server listens, with which JWT secret, how it reports errors and which browser origins it serves. */
public record HttpSettings(String host, int port, String jwtSecret, ErrorStatusMode errorStatusMode,
                           CorsSettings cors) {
    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        Objects.requireNonNull(errorStatusMode, "errorStatusMode");
        Objects.requireNonNull(cors, "cors");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
