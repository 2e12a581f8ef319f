package dev.pillar.storage.adapters.http.upload;

import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.upload.CreateResumableUpload;
import dev.pillar.storage.application.upload.GetUploadStatus;
import dev.pillar.storage.application.upload.ReceiveUploadChunk;
import dev.pillar.storage.application.upload.TerminateUpload;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.UserMetadata;
import dev.pillar.storage.domain.upload.UploadSession;
import io.helidon.common.uri.UriInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The tus 1.0.0 requests on {@code /upload/resumable}: OPTIONS (what the server supports), POST (creation,
 * with an optional first chunk), HEAD (the offset to resume from), PATCH (a chunk) and DELETE (termination).
 * Every request but OPTIONS needs a key, as everywhere else; the upload's id in its URL is opaque.
 */
final class ResumableUploadHandler {
    private static final Pattern POSSIBLE_ID = Pattern.compile("[\\x21-\\x7e]{1,512}");
    private final Authenticator auth;
    private final CreateResumableUpload create;
    private final ReceiveUploadChunk receive;
    private final GetUploadStatus status;
    private final TerminateUpload terminate;

    ResumableUploadHandler(Authenticator auth, CreateResumableUpload create, ReceiveUploadChunk receive,
                           GetUploadStatus status, TerminateUpload terminate) {
        this.auth = auth;
        this.create = create;
        this.receive = receive;
        this.status = status;
        this.terminate = terminate;
    }

    void options(ServerRequest req, ServerResponse res) {
        res.header(Tus.TUS_RESUMABLE, Tus.VERSION)
                .header(Tus.TUS_VERSION, Tus.VERSION)
                .header(Tus.TUS_EXTENSION, Tus.EXTENSIONS)
                .header(Tus.TUS_MAX_SIZE, Long.toString(create.maxSize().bytes()))
                .status(Status.NO_CONTENT_204)
                .send();
    }

    void create(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        UploadMetadata metadata = UploadMetadata.parse(Requests.header(req, Tus.UPLOAD_METADATA));
        UploadSession session = create.create(new CreateResumableUpload.Command(caller,
                BucketId.of(metadata.required("bucketName")), ObjectName.of(metadata.required("objectName")),
                Requests.upsert(req), metadata.get("contentType").map(MimeType::of).orElse(MimeType.OCTET_STREAM),
                metadata.get("cacheControl").map(CacheControl::fromClient).orElse(CacheControl.DEFAULT),
                metadata.get("metadata").map(Json::userMetadata).orElse(UserMetadata.EMPTY), declaredLength(req)));
        res.header(HeaderNames.LOCATION, location(req, session.id()));
        long firstChunk = req.headers().contentLength().orElse(0);
        if (firstChunk > 0 && !session.isComplete()) {
            session = receiveChunk(req, caller, session.id(), 0, OptionalLong.empty());
        }
        Tus.progress(res, session);
        res.status(Status.CREATED_201).send();
    }

    void head(ServerRequest req, ServerResponse res) {
        UploadSession session = status.status(auth.caller(req), id(req));
        session.length().ifPresentOrElse(length -> res.header(Tus.UPLOAD_LENGTH, Long.toString(length.bytes())),
                () -> res.header(Tus.UPLOAD_DEFER_LENGTH, "1"));
        Tus.progress(res, session);
        res.header(HeaderNames.CACHE_CONTROL, "no-store").status(Status.OK_200).send();
    }

    void patch(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        long offset = Tus.number(req, Tus.UPLOAD_OFFSET)
                .orElseThrow(() -> InvalidInput.invalidRequest("Upload-Offset is required"));
        UploadSession session = receiveChunk(req, caller, id(req), offset, Tus.number(req, Tus.UPLOAD_LENGTH));
        Tus.progress(res, session);
        res.status(Status.NO_CONTENT_204).send();
    }

    void delete(ServerRequest req, ServerResponse res) {
        terminate.terminate(auth.caller(req), id(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    /** Streams the body as a chunk: typed {@code application/offset+octet-stream}, its length given up front. */
    private UploadSession receiveChunk(ServerRequest req, Caller caller, String id, long offset, OptionalLong length) {
        if (!Tus.carriesChunk(req)) {
            throw new UnsupportedChunk();
        }
        long bytes = req.headers().contentLength().orElseThrow(LengthRequired::new);
        try (InputStream body = req.content().inputStream()) {
            return receive.receive(new ReceiveUploadChunk.Command(caller, id, offset,
                    length.isPresent() ? Optional.of(ByteSize.of(length.getAsLong())) : Optional.empty(), bytes, body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code Upload-Length}, or none with {@code Upload-Defer-Length: 1}; exactly one of the two. */
    private static Optional<ByteSize> declaredLength(ServerRequest req) {
        OptionalLong length = Tus.number(req, Tus.UPLOAD_LENGTH);
        boolean deferred = Requests.header(req, Tus.UPLOAD_DEFER_LENGTH).isPresent();
        if (deferred && !Requests.header(req, Tus.UPLOAD_DEFER_LENGTH).orElseThrow().equals("1")) {
            throw InvalidInput.invalidRequest("Upload-Defer-Length must be 1");
        }
        if (length.isPresent() == deferred) {
            throw InvalidInput.invalidRequest("Send either Upload-Length or Upload-Defer-Length: 1");
        }
        return length.isPresent() ? Optional.of(ByteSize.of(length.getAsLong())) : Optional.empty();
    }

    /** The upload id of the path; one that no upload can have (control bytes, absurd length) is not found. */
    private static String id(ServerRequest req) {
        String id = req.path().pathParameters().first("id").orElse("");
        if (!POSSIBLE_ID.matcher(id).matches()) {
            throw new NotFound(Resource.UPLOAD);
        }
        return id;
    }

    /** The upload's URL, absolute, under the path the creation was sent to (with or without a prefix). */
    private static String location(ServerRequest req, String id) {
        UriInfo requested = req.requestedUri();
        String path = req.path().absolute().path().replaceAll("/+$", "");
        return requested.scheme() + "://" + requested.authority() + path + "/" + id;
    }

    /** A chunk not typed {@code application/offset+octet-stream}: 415, as tus says. */
    static final class UnsupportedChunk extends RuntimeException {
        UnsupportedChunk() {
            super("Content-Type must be " + Tus.CHUNK_TYPE, null, false, false);
        }
    }

    /** A chunk without {@code Content-Length}: 411, the chunk's size must be known before it is read. */
    static final class LengthRequired extends RuntimeException {
        LengthRequired() {
            super("Content-Length is required", null, false, false);
        }
    }
}
