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

    /** A signed download URL whose token is forged, damaged or made for another object. */
    public static InvalidToken invalidSignature() {
        return new InvalidToken(Reason.INVALID_SIGNATURE, "Invalid signature");
    }

    /** A signed upload URL whose token is forged, damaged or made for another object. */
    public static InvalidToken invalidUploadSignature() {
        return new InvalidToken(Reason.INVALID_UPLOAD_SIGNATURE, "Invalid upload Signature");
    }

    /** A signed URL used after its expiry. */
    public static InvalidToken expired() {
        return new InvalidToken(Reason.EXPIRED_TOKEN, "The provided token has expired.");
    }

    public Reason reason() {
        return reason;
    }
}
