package dev.pillar.storage.domain.failure;

/** A request value is malformed; the reason says which catalogue entry applies. */
public final class InvalidInput extends StorageFailure {
    /** Why the input was refused, one per entry of the error catalogue. */
    public enum Reason { INVALID_KEY, INVALID_BUCKET_NAME, INVALID_REQUEST, INVALID_PARAMETER, MISSING_PARAMETER, INVALID_RANGE }

    private final Reason reason;

    public InvalidInput(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public static InvalidInput invalidKey(String key) {
        return new InvalidInput(Reason.INVALID_KEY, "Invalid key: " + key);
    }

    public static InvalidInput invalidBucketName() {
        return new InvalidInput(Reason.INVALID_BUCKET_NAME, "Bucket name invalid");
    }

    public static InvalidInput missingParameter(String parameter) {
        return new InvalidInput(Reason.MISSING_PARAMETER, "Missing Required Parameter " + parameter);
    }

    public static InvalidInput invalidParameter(String parameter) {
        return new InvalidInput(Reason.INVALID_PARAMETER, "Invalid Parameter " + parameter);
    }

    public static InvalidInput invalidRequest(String message) {
        return new InvalidInput(Reason.INVALID_REQUEST, message);
    }

    public Reason reason() {
        return reason;
    }
}
