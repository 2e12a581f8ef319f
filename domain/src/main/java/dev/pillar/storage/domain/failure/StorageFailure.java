package dev.pillar.storage.domain.failure;

/**
 * Every way a storage operation can be refused, as a closed set the HTTP adapter maps in one place.
 */
public abstract sealed class StorageFailure extends RuntimeException
        permits NotFound, AlreadyExists, BucketNotEmpty, TooLarge, MimeTypeNotAllowed, AccessDenied,
                InvalidInput, RangeNotSatisfiable, InvalidToken, OffsetMismatch, UploadExpired, Unavailable,
                UnprocessableImage {

    protected StorageFailure(String message) {
        super(message, null, false, false);
    }

    protected StorageFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
