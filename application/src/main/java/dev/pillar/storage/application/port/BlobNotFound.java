package dev.pillar.storage.application.port;

/** The store holds no blob under the key (deleted meanwhile, or never written). */
public class BlobNotFound extends RuntimeException {
    public BlobNotFound(BlobKey key) {
        super("no blob at " + key.path(), null, false, false);
    }
}
