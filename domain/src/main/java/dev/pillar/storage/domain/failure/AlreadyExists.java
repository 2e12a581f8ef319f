package dev.pillar.storage.domain.failure;

/** A bucket or object with that name exists and overwriting was not asked for. */
public final class AlreadyExists extends StorageFailure {
    private final Resource resource;

    public AlreadyExists(Resource resource) {
        super("The resource already exists");
        this.resource = resource;
    }

    public Resource resource() {
        return resource;
    }
}
