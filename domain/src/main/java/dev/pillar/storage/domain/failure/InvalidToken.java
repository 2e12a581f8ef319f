package dev.pillar.storage.domain.failure;

/** A bearer token or signed-URL token that cannot be trusted. */
public final class InvalidToken extends StorageFailure {
    /** Which catalogue entry applies. */
    public enum Reason { INVALID_JWT, INVALID_SIGNATURE, EXPIRED_TOKEN, INVALID_UPLOAD_SIGNATURE }

    private final Reason reason;

    public InvalidToken(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
