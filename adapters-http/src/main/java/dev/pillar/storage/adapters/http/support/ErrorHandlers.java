package dev.pillar.storage.adapters.http.support;

import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.RangeNotSatisfiable;
import dev.pillar.storage.domain.failure.StorageFailure;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;

/** Turns every failure into a Supabase-style JSON error; nothing else ever reaches a client. */
public final class ErrorHandlers {
    private static final System.Logger LOG = System.getLogger(ErrorHandlers.class.getName());
    private final ErrorStatusMode mode;

    public ErrorHandlers(ErrorStatusMode mode) {
        this.mode = mode;
    }

    public void register(HttpRouting.Builder routing) {
        routing.error(StorageFailure.class, (req, res, failure) -> {
            if (failure.getCause() != null) {
                LOG.log(Level.WARNING, "event=request_failed method={0} path={1} error={2} cause={3}",
                        req.prologue().method().text(), req.path().rawPath(), failure.getMessage(),
                        failure.getCause().toString());
            }
            if (failure instanceof RangeNotSatisfiable unsatisfiable) {
                res.header(HeaderNames.CONTENT_RANGE, "bytes */" + unsatisfiable.size());
            }
            if (failure.getCause() != null) {
                RequestNotes.of(req).ifPresent(notes -> notes.cause(failure.getCause()));
            }
            send(req, res, ApiError.of(failure));
        });
        routing.error(UncheckedIOException.class, (req, res, e) -> {
            if (e.getCause() instanceof SocketTimeoutException) {
                res.header(HeaderNames.CONNECTION, "close");
                send(req, res, ApiError.REQUEST_TIMEOUT);
            } else {
                send(req, res, ApiError.of(InvalidInput.invalidRequest("The request body could not be read")));
            }
        });
        routing.error(RequestException.class, (req, res, e) ->
                send(req, res, ApiError.of(InvalidInput.invalidRequest("Malformed request"))));
        routing.error(Throwable.class, (req, res, e) -> {
            LOG.log(Level.ERROR, "event=internal_error method=" + req.prologue().method().text()
                    + " path=" + req.path().rawPath(), e);
            RequestNotes.of(req).ifPresent(notes -> notes.cause(e));
            send(req, res, ApiError.INTERNAL);
        });
    }

    /** Sends {@code error} unless the response already started (then the connection is all that can go). */
    public void send(ServerRequest request, ServerResponse response, ApiError error) {
        if (response.isSent()) {
            return;
        }
        RequestNotes.of(request).ifPresent(notes -> notes.errorCode(error.code()));
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        Json.send(response, Status.create(error.httpStatus(mode)), error.body());
    }
}
