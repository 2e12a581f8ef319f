package dev.pillar.storage.application.object;

import dev.pillar.storage.application.StorageSettings;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.domain.object.StoredObject;

import java.util.Collection;

/**
 * Removes the bytes of versions no row points at any more. Runs after the metadata commit, so a
 * failure here can only leave an unreferenced blob behind (logged, for the reconciler), never a
 * row without its bytes.
 */
public final class BlobCleaner {
    private static final System.Logger LOG = System.getLogger(BlobCleaner.class.getName());
    private final ObjectStore store;
    private final StorageSettings settings;

    public BlobCleaner(ObjectStore store, StorageSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    public BlobKey keyOf(StoredObject object) {
        return keyOf(object, object.version());
    }

    /** The key of another version of {@code object}'s name. */
    public BlobKey keyOf(StoredObject object, String version) {
        return new BlobKey(settings.projectRef(), object.bucketId(), object.name(), version);
    }

    public void deleteBlobsOf(Collection<StoredObject> objects) {
        objects.forEach(object -> deleteBlob(keyOf(object)));
    }

    public void deleteBlob(BlobKey key) {
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event=orphan_blob key={0} cause={1}", key.path(), e.toString());
        }
    }
}
