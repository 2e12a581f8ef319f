package dev.pillar.storage.application.fakes;

import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.ObjectStoreContract;

/** The fake keeps the same promises as the real stores, so use case tests can trust it. */
class InMemoryObjectStoreTest extends ObjectStoreContract {
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    @Override
    protected ObjectStore store() {
        return store;
    }
}
