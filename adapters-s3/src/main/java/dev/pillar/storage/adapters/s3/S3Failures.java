package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.domain.failure.Unavailable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Optional;

/**
 * Reads S3's failures: what the service said ({@code NoSuchKey}, {@code SlowDown}...), with its
 * request ids for the log, and what the store tells its callers, always a storage failure, never
 * an SDK exception or a stack trace.
 */
final class S3Failures {
    private static final System.Logger LOG = System.getLogger(S3Failures.class.getName());

    private S3Failures() {
    }

    /**
     * Whether S3 answered that the key or upload an object request names does not exist. A missing
     * bucket is not that: it is the store failing ({@code NoSuchBucket}). A HEAD answer has no body,
     * hence no code: there a 404 is taken at its word.
     */
    static boolean isNotFound(SdkException e) {
        return hasStatus(e, 404) && !hasCode(e, "NoSuchBucket");
    }

    static boolean hasStatus(SdkException e, int status) {
        return e instanceof AwsServiceException service && service.statusCode() == status;
    }

    /** Whether S3 answered with exactly this error code. */
    static boolean hasCode(SdkException e, String code) {
        return code.equals(errorCode(e).orElse(null));
    }

    /** Logs the failure with everything needed to trace it at the provider, and names it for the caller. */
    static Unavailable unavailable(SdkException e, String operation, String key, long startedNanos) {
        String status = e instanceof AwsServiceException service ? Integer.toString(service.statusCode()) : "none";
        String code = errorCode(e).orElse(e.getClass().getSimpleName());
        String requestId = e instanceof AwsServiceException service ? LogValues.orNone(service.requestId()) : "none";
        String extendedId = e instanceof AwsServiceException service
                ? LogValues.orNone(service.extendedRequestId()) : "none";
        LOG.log(System.Logger.Level.WARNING, () -> "event=s3_request_failed operation=" + operation
                + " key=" + LogValues.quoted(key) + " status=" + status + " code=" + code
                + " duration_ms=" + LogValues.millisSince(startedNanos)
                + " request_id=" + requestId + " extended_request_id=" + extendedId
                + " cause=" + LogValues.quoted(e.getMessage()));
        return new Unavailable(Unavailable.Service.OBJECT_STORE, message(e, operation, status, code), null);
    }

    private static String message(SdkException e, String operation, String status, String code) {
        if (!(e instanceof AwsServiceException)) {
            return "The object store could not be reached (" + operation + ")";
        }
        return switch (code) {
            case "SlowDown", "ServiceUnavailable", "RequestTimeout", "InternalError" ->
                    "The object store is busy; try again (" + operation + ": " + code + ")";
            case "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch" ->
                    "The object store refused the server's credentials (" + operation + ": " + code + ")";
            case "NoSuchBucket" -> "The object store's bucket is missing (" + operation + ")";
            default -> "The object store failed (" + operation + ": " + status + " " + code + ")";
        };
    }

    private static Optional<String> errorCode(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return Optional.ofNullable(service.awsErrorDetails().errorCode());
        }
        return Optional.empty();
    }
}
