package dev.pillar.storage.adapters.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers the requests Helidon refuses before any route sees them (a broken request line, headers too large, a
 * bad chunk, a lying length) in the same JSON error shape as every other error, and closes the connection: after
 * a request that could not be framed, nothing that follows on it can be trusted. Messages are fixed texts, never
 * an echo of what the client sent.
 */
public final class TransportErrors implements DirectHandler {
    private static final System.Logger LOG = System.getLogger(TransportErrors.class.getName());
    private final ErrorStatusMode mode;

    private TransportErrors(ErrorStatusMode mode) {
        this.mode = mode;
    }

    /** The handler for every event type Helidon answers directly. */
    public static DirectHandlers handlers(ErrorStatusMode mode) {
        TransportErrors handler = new TransportErrors(mode);
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        ApiError error = eventType == EventType.INTERNAL_ERROR ? malformed(status) : error(status);
        headers.set(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        headers.set(HeaderNames.CACHE_CONTROL, "no-cache");
        try {
            return TransportResponse.builder()
                    .status(Status.create(error.httpStatus(mode)))
                    .headers(headers)
                    .keepAlive(false)
                    .entity(Json.MAPPER.writeValueAsBytes(error.body()))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Helidon answers a request line it cannot parse (a control byte in the method, say) as an internal error;
     * before routing, nothing but the request's own bytes can have failed, so it is a 400 (and logged).
     */
    private static ApiError malformed(Status status) {
        LOG.log(System.Logger.Level.WARNING, "event=transport_error status=" + status.code());
        return error(Status.BAD_REQUEST_400);
    }

    /** The error for a status Helidon chose: the known ones with their own text, any other 4xx as malformed. */
    static ApiError error(Status status) {
        int code = status.code();
        return switch (code) {
            case 408 -> ApiError.REQUEST_TIMEOUT;
            case 413 -> new ApiError(413, "EntityTooLarge", "Payload too large",
                    "The object exceeded the maximum allowed size");
            case 414 -> new ApiError(414, "InvalidRequest", "URI Too Long", "The request target is too long");
            case 431 -> new ApiError(431, "InvalidRequest", "Request Header Fields Too Large",
                    "The request headers are too large");
            default -> code >= 400 && code < 500
                    ? new ApiError(code, "InvalidRequest", status.reasonPhrase(), "Malformed request")
                    : code == 505 ? new ApiError(505, "InvalidRequest", status.reasonPhrase(),
                    "Only HTTP/1.1 and HTTP/1.0 are spoken here") : ApiError.INTERNAL;
        };
    }
}
