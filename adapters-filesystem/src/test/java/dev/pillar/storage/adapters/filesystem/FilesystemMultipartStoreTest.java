package dev.pillar.storage.adapters.filesystem;

import dev.pillar.storage.application.port.MultipartStore;
import dev.pillar.storage.application.port.MultipartStoreContract;
import dev.pillar.storage.application.port.ObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FilesystemMultipartStoreTest extends MultipartStoreContract {
    @TempDir
    Path root;
    private FilesystemObjectStore store;

    @BeforeEach
    void open() {
        store = new FilesystemObjectStore(root);
    }

    @Override
    protected MultipartStore multipart() {
        return store;
    }

    @Override
    protected ObjectStore objects() {
        return store;
    }
}
