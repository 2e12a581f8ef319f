package dev.pillar.storage.application.health;

import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.ObjectStore;

/** Use case: tell whether both the database and the object store answer. */
public final class CheckHealth {
    private final MetadataStore metadata;
    private final ObjectStore store;

    public CheckHealth(MetadataStore metadata, ObjectStore store) {
        this.metadata = metadata;
        this.store = store;
    }

    public Health check() {
        return new Health(metadata.isHealthy(), store.isHealthy());
    }

    /** Which backing services answered. */
    public record Health(boolean database, boolean objectStore) {
        public boolean isUp() {
            return database && objectStore;
        }
    }
}
