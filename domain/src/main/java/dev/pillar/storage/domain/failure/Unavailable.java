package dev.pillar.storage.domain.failure;

/** A backing service (database, object store, image transformer) cannot serve the request right now. */
public final class Unavailable extends StorageFailure {
    /** Which backing service failed, for the catalogue code. */
    public enum Service { DATABASE, OBJECT_STORE, IMAGE_TRANSFORMER }

    private final Service service;

    public Unavailable(Service service, String message, Throwable cause) {
        super(message, cause);
        this.service = service;
    }

    public Service service() {
        return service;
    }
}
