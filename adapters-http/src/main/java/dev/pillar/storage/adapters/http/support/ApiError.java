package dev.pillar.storage.adapters.http.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.failure.BucketNotEmpty;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.InvalidToken;
import dev.pillar.storage.domain.failure.MimeTypeNotAllowed;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.OffsetMismatch;
import dev.pillar.storage.domain.failure.RangeNotSatisfiable;
import dev.pillar.storage.domain.failure.StorageFailure;
import dev.pillar.storage.domain.failure.TooLarge;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.failure.UnprocessableImage;
import dev.pillar.storage.domain.failure.UploadExpired;

/**
 * The error catalogue: every failure as HTTP status, Supabase code, short error name and message,
 * mapped in this one place.
 */
public record ApiError(int status, String code, String error, String message) {

    public static final ApiError INTERNAL = new ApiError(500, "InternalError", "internal", "Internal server error");
    public static final ApiError REQUEST_TIMEOUT = new ApiError(408, "RequestTimeout", "Request Timeout",
            "The request did not arrive in time");

    public static ApiError of(StorageFailure failure) {
        String message = failure.getMessage();
        return switch (failure) {
            case NotFound f -> switch (f.resource()) {
                case BUCKET -> new ApiError(404, "NoSuchBucket", "Bucket not found", message);
                case OBJECT -> new ApiError(404, "NoSuchKey", "not_found", message);
                case UPLOAD -> new ApiError(404, "NoSuchUpload", "not_found", message);
            };
            case AlreadyExists f -> new ApiError(409, switch (f.resource()) {
                case BUCKET -> "BucketAlreadyExists";
                case OBJECT -> "KeyAlreadyExists";
                case UPLOAD -> "ResourceAlreadyExists";
            }, "Duplicate", message);
            case BucketNotEmpty f -> new ApiError(409, "ResourceNotEmpty", "ResourceNotEmpty", message);
            case TooLarge f -> new ApiError(413, "EntityTooLarge", "Payload too large", message);
            case MimeTypeNotAllowed f -> new ApiError(415, "InvalidMimeType", "invalid_mime_type", message);
            case AccessDenied f -> new ApiError(403, "AccessDenied", "Unauthorized", message);
            case InvalidInput f -> switch (f.reason()) {
                case INVALID_KEY -> new ApiError(400, "InvalidKey", "InvalidKey", message);
                case INVALID_BUCKET_NAME -> new ApiError(400, "InvalidBucketName", "Invalid Input", message);
                case INVALID_REQUEST -> new ApiError(400, "InvalidRequest", "InvalidRequest", message);
                case INVALID_PARAMETER -> new ApiError(400, "InvalidParameter", "InvalidParameter", message);
                case MISSING_PARAMETER -> new ApiError(400, "MissingParameter", "MissingParameter", message);
                case INVALID_RANGE -> new ApiError(400, "InvalidRange", "invalid_range", message);
            };
            case RangeNotSatisfiable f -> new ApiError(416, "InvalidRange", "invalid_range", message);
            case InvalidToken f -> switch (f.reason()) {
                case INVALID_JWT -> new ApiError(400, "InvalidJWT", "Unauthorized", message);
                case INVALID_SIGNATURE -> new ApiError(400, "InvalidSignature", "InvalidSignature", message);
                case EXPIRED_TOKEN -> new ApiError(400, "ExpiredToken", "ExpiredToken", message);
                case INVALID_UPLOAD_SIGNATURE ->
                        new ApiError(400, "InvalidUploadSignature", "InvalidUploadSignature", message);
            };
            case OffsetMismatch f -> new ApiError(409, "InvalidRequest", "conflict", message);
            case UploadExpired f -> new ApiError(410, "NoSuchUpload", "gone", message);
            case Unavailable f -> switch (f.service()) {
                case DATABASE -> new ApiError(503, "DatabaseTimeout", "service_unavailable", message);
                case OBJECT_STORE -> new ApiError(503, "SlowDown", "service_unavailable", message);
                case IMAGE_TRANSFORMER -> new ApiError(503, "SlowDown", "service_unavailable", message);
            };
            case UnprocessableImage f -> switch (f.reason()) {
                case NOT_AN_IMAGE -> new ApiError(415, "InvalidMimeType", "invalid_mime_type", message);
                case CORRUPT -> new ApiError(422, "ImageProcessingError", "ImageProcessingError", message);
                case TOO_LARGE -> new ApiError(413, "EntityTooLarge", "Payload too large", message);
            };
        };
    }

    /** The HTTP status to send under {@code mode}. */
    public int httpStatus(ErrorStatusMode mode) {
        return mode == ErrorStatusMode.SUPABASE && status < 500 ? 400 : status;
    }

    public ObjectNode body() {
        return Json.object()
                .put("statusCode", Integer.toString(status))
                .put("error", error)
                .put("message", message)
                .put("code", code);
    }
}
