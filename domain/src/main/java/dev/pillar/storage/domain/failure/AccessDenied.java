package dev.pillar.storage.domain.failure;

/** The caller is known but a policy refuses the operation. */
public final class AccessDenied extends StorageFailure {
    public AccessDenied(String message) {
        super(message);
    }
}
