package dev.pillar.storage.adapters.http.object;

import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.object.UploadObject;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * {@code POST} (create, or upsert with {@code x-upsert: true}) and {@code PUT} (update) of
 * {@code /object/{bucket}/{path}}: a raw body, or a multipart form as supabase-js sends a Blob or
 * FormData, streamed straight into the upload use case.
 */
final class UploadHandler {
    private static final int MAX_FIELD = 64 * 1024;
    /** Fields a form may send before its file: supabase-js sends two; thousands are an attack on the parser. */
    private static final int MAX_FIELDS = 100;
    private final Authenticator auth;
    private final UploadObject uploadObject;

    UploadHandler(Authenticator auth, UploadObject uploadObject) {
        this.auth = auth;
        this.uploadObject = uploadObject;
    }

    void create(ServerRequest req, ServerResponse res) {
        upload(req, res, Requests.upsert(req));
    }

    void update(ServerRequest req, ServerResponse res) {
        upload(req, res, true);
    }

    private void upload(ServerRequest req, ServerResponse res, boolean upsert) {
        Caller caller = auth.caller(req);
        BucketId bucketId = Requests.bucketId(req, "bucket");
        ObjectName name = Requests.objectName(req);
        StoredObject stored = receive(req, body -> uploadObject.upload(new UploadObject.Command(caller, bucketId, name,
                upsert, body.contentType(), body.cacheControl(), body.userMetadata(), body.declaredLength(),
                body.content())));
        Json.ok(res, Json.object()
                .put("Key", stored.bucketId().value() + "/" + stored.name().value())
                .put("Id", stored.id().toString()));
    }

    /**
     * Reads an upload's body, raw or a multipart form (fields up to the file part), and hands it to
     * {@code upload} with the file still streaming.
     */
    static <T> T receive(ServerRequest req, Function<UploadBody, T> upload) {
        Optional<String> contentType = Requests.header(req, HeaderNames.CONTENT_TYPE);
        try (InputStream body = req.content().inputStream()) {
            if (contentType.filter(UploadHandler::isMultipart).isPresent()) {
                return receiveForm(contentType.get(), body, upload);
            }
            return upload.apply(new UploadBody(contentType.map(MimeType::of).orElse(MimeType.OCTET_STREAM),
                    Requests.header(req, HeaderNames.CACHE_CONTROL).map(CacheControl::of).orElse(CacheControl.DEFAULT),
                    Requests.header(req, "x-metadata").map(UploadHandler::base64Metadata).orElse(UserMetadata.EMPTY),
                    req.headers().contentLength(), body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T receiveForm(String contentType, InputStream body, Function<UploadBody, T> upload)
            throws IOException {
        MultipartReader reader = new MultipartReader(body, boundary(contentType));
        CacheControl cacheControl = CacheControl.DEFAULT;
        UserMetadata metadata = UserMetadata.EMPTY;
        Optional<MultipartReader.Part> part;
        int fields = 0;
        while ((part = reader.next()).isPresent()) {
            MultipartReader.Part p = part.get();
            if (p.fileName().isPresent() || p.name().isEmpty() || p.name().equals("file")) {
                return upload.apply(new UploadBody(p.contentType().map(MimeType::of).orElse(MimeType.OCTET_STREAM),
                        cacheControl, metadata, OptionalLong.empty(), p.body()));
            }
            if (++fields > MAX_FIELDS) {
                throw InvalidInput.invalidRequest("The form has too many fields");
            }
            String value = field(p.body());
            switch (p.name()) {
                case "cacheControl" -> cacheControl = CacheControl.fromClient(value);
                case "metadata" -> metadata = Json.userMetadata(value);
                default -> { }
            }
        }
        throw InvalidInput.invalidRequest("The form has no file part");
    }

    private static String field(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_FIELD + 1);
        if (bytes.length > MAX_FIELD) {
            throw InvalidInput.invalidRequest("A form field is too large");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static boolean isMultipart(String contentType) {
        return contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    private static String boundary(String contentType) {
        String boundary = MultipartReader.parameters(contentType).get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw InvalidInput.invalidRequest("The multipart boundary is missing");
        }
        return boundary;
    }

    /** The {@code x-metadata} header: base64 of a JSON object. */
    static UserMetadata base64Metadata(String header) {
        try {
            return Json.userMetadata(new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw InvalidInput.invalidParameter("metadata");
        }
    }

    /** What an upload request's body says: the file's type, caching, user metadata, declared length and bytes. */
    record UploadBody(MimeType contentType, CacheControl cacheControl, UserMetadata userMetadata,
                      OptionalLong declaredLength, InputStream content) {
    }
}
