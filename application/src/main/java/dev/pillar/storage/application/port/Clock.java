package dev.pillar.storage.application.port;

import java.time.Instant;

/** Port: the current time. */
@FunctionalInterface
public interface Clock {
    Instant now();
}
