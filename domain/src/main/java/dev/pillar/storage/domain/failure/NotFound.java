package dev.pillar.storage.domain.failure;

/** The bucket, object or upload does not exist, or the caller may not see it. */
public final class NotFound extends StorageFailure {
    private final Resource resource;

    public NotFound(Resource resource) {
        super(switch (resource) {
            case BUCKET -> "Bucket not found";
            case OBJECT -> "Object not found";
            case UPLOAD -> "Upload not found";
        });
        this.resource = resource;
    }

    public Resource resource() {
        return resource;
    }
}
