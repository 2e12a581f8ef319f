package dev.pillar.storage.application.port;

import java.util.UUID;

/** Port: fresh identifiers for objects and stored versions. */
@FunctionalInterface
public interface IdGenerator {
    UUID newId();
}
