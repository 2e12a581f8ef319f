package dev.pillar.storage.domain.failure;

/** An object that cannot, or may not, be transformed as an image: not an image, corrupt, or too large to decode safely. */
public final class UnprocessableImage extends StorageFailure {
    /** Why the image was refused, for the catalogue entry. */
    public enum Reason { NOT_AN_IMAGE, CORRUPT, TOO_LARGE }

    private final Reason reason;

    private UnprocessableImage(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public static UnprocessableImage notAnImage() {
        return new UnprocessableImage(Reason.NOT_AN_IMAGE,
                "The object is not an image that can be transformed (JPEG, PNG, GIF, BMP, TIFF or WebP)", null);
    }

    /** The bytes look like an image but do not decode; {@code cause} is kept for the log, never sent. */
    public static UnprocessableImage corrupt(Throwable cause) {
        return new UnprocessableImage(Reason.CORRUPT,
                "The image could not be decoded: it is corrupt, truncated or uses an unsupported encoding", cause);
    }

    public static UnprocessableImage tooLarge(String detail) {
        return new UnprocessableImage(Reason.TOO_LARGE, "The image is too large to transform: " + detail, null);
    }

    public Reason reason() {
        return reason;
    }
}
