package dev.pillar.storage.adapters.http.upload;

import dev.pillar.storage.adapters.http.support.ApiError;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.StorageFailure;
import dev.pillar.storage.domain.upload.UploadSession;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The tus 1.0.0 protocol's headers and rules in one place: the version every request must name, the
 * headers every response carries, numbers in headers, and errors as plain text with their real status
 * (tus clients act on the status, whatever {@code ERROR_HTTP_STATUS} says for the JSON API).
 */
final class Tus {
    static final String VERSION = "1.0.0";
    static final String EXTENSIONS = "creation,creation-with-upload,creation-defer-length,termination,expiration";
    static final String CHUNK_TYPE = "application/offset+octet-stream";
    static final HeaderName TUS_RESUMABLE = HeaderNames.create("Tus-Resumable");
    static final HeaderName TUS_VERSION = HeaderNames.create("Tus-Version");
    static final HeaderName TUS_EXTENSION = HeaderNames.create("Tus-Extension");
    static final HeaderName TUS_MAX_SIZE = HeaderNames.create("Tus-Max-Size");
    static final HeaderName UPLOAD_OFFSET = HeaderNames.create("Upload-Offset");
    static final HeaderName UPLOAD_LENGTH = HeaderNames.create("Upload-Length");
    static final HeaderName UPLOAD_DEFER_LENGTH = HeaderNames.create("Upload-Defer-Length");
    static final HeaderName UPLOAD_EXPIRES = HeaderNames.create("Upload-Expires");
    static final HeaderName UPLOAD_METADATA = HeaderNames.create("Upload-Metadata");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private Tus() {
    }

    /**
     * {@code handler} as a tus route: {@code Tus-Resumable} on the response, a request naming another version
     * refused with 412, and every refusal sent as plain text with its status.
     */
    static Handler route(Handler handler) {
        return (req, res) -> {
            res.header(TUS_RESUMABLE, VERSION);
            if (!Requests.header(req, TUS_RESUMABLE).map(VERSION::equals).orElse(false)) {
                res.header(TUS_VERSION, VERSION);
                sendError(req, res, Status.PRECONDITION_FAILED_412, "Tus-Resumable must be " + VERSION);
                return;
            }
            try {
                handler.handle(req, res);
            } catch (StorageFailure failure) {
                sendError(req, res, Status.create(ApiError.of(failure).status()), failure.getMessage());
            } catch (ResumableUploadHandler.UnsupportedChunk refused) {
                sendError(req, res, Status.UNSUPPORTED_MEDIA_TYPE_415, refused.getMessage());
            } catch (ResumableUploadHandler.LengthRequired refused) {
                sendError(req, res, Status.LENGTH_REQUIRED_411, refused.getMessage());
            }
        };
    }

    static void sendError(ServerRequest req, ServerResponse res, Status status, String message) {
        if (res.isSent()) {
            return;
        }
        res.status(status);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (req.prologue().method() == Method.HEAD) {
            res.send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.send(message.getBytes(StandardCharsets.UTF_8));
    }

    /** The upload's place: {@code Upload-Offset} and, while it lasts, {@code Upload-Expires}. */
    static void progress(ServerResponse res, UploadSession session) {
        res.header(UPLOAD_OFFSET, Long.toString(session.offset()));
        if (!session.isComplete()) {
            res.header(UPLOAD_EXPIRES, HTTP_DATE.format(session.expiresAt()));
        }
    }

    /** A header holding a non-negative integer, when present; anything else is refused. */
    static OptionalLong number(ServerRequest req, HeaderName name) {
        Optional<String> raw = Requests.header(req, name);
        if (raw.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value >= 0 && raw.get().chars().allMatch(Character::isDigit)) {
                return OptionalLong.of(value);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw InvalidInput.invalidRequest(name.defaultCase() + " must be a non-negative integer");
    }

    /** Whether the request carries a chunk: {@code Content-Type: application/offset+octet-stream}. */
    static boolean carriesChunk(ServerRequest req) {
        return Requests.header(req, HeaderNames.CONTENT_TYPE)
                .map(type -> type.split(";")[0].trim().equalsIgnoreCase(CHUNK_TYPE))
                .orElse(false);
    }
}
