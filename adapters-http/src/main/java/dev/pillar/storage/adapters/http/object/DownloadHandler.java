package dev.pillar.storage.adapters.http.object;

import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.object.DownloadObject;
import dev.pillar.storage.application.object.ReadRoute;
import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.domain.object.ByteRange;
import dev.pillar.storage.domain.object.RequestedRange;
import dev.pillar.storage.domain.object.StoredObject;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * {@code GET} and {@code HEAD} of an object: streams the bytes (or a range) with the headers
 * browsers and CDNs rely on: type, length, ETag, Last-Modified, Cache-Control, ranges, 304s.
 */
final class DownloadHandler {
    private final Authenticator auth;
    private final DownloadObject downloadObject;

    DownloadHandler(Authenticator auth, DownloadObject downloadObject) {
        this.auth = auth;
        this.downloadObject = downloadObject;
    }

    void handle(ServerRequest req, ServerResponse res) {
        serve(req, res, auth.caller(req), ReadRoute.AUTHENTICATED);
    }

    /** {@code /object/public/…}: no key needed, public buckets only. */
    void handlePublic(ServerRequest req, ServerResponse res) {
        serve(req, res, Caller.system(), ReadRoute.PUBLIC);
    }

    private void serve(ServerRequest req, ServerResponse res, Caller caller, ReadRoute route) {
        respond(req, res, downloadObject.download(new DownloadObject.Command(caller,
                Requests.bucketId(req, "bucket"), Requests.objectName(req), range(req), ifNoneMatch(req),
                ifModifiedSince(req), route)));
    }

    static Optional<RequestedRange> range(ServerRequest req) {
        return RangeHeader.parse(Requests.header(req, HeaderNames.RANGE));
    }

    static Optional<String> ifNoneMatch(ServerRequest req) {
        return Requests.header(req, HeaderNames.IF_NONE_MATCH);
    }

    static Optional<Instant> ifModifiedSince(ServerRequest req) {
        return req.headers().ifModifiedSince().map(date -> date.toInstant());
    }

    /** Sends the object's headers, then its bytes (or a range of them), or a 304 if the client's copy is current. */
    static void respond(ServerRequest req, ServerResponse res, DownloadObject.Download download) {
        describe(res, download.object(), downloadName(req));
        switch (download) {
            case DownloadObject.Download.NotModified notModified -> {
                res.status(Status.NOT_MODIFIED_304);
                res.send();
            }
            case DownloadObject.Download.Content content -> send(req, res, content);
        }
    }

    private static void send(ServerRequest req, ServerResponse res, DownloadObject.Download.Content content) {
        try (BlobContent body = content.body()) {
            Optional<ByteRange> range = content.range();
            long size = content.object().content().size().bytes();
            if (range.isPresent()) {
                res.status(Status.PARTIAL_CONTENT_206);
                res.header(HeaderNames.CONTENT_RANGE,
                        "bytes " + range.get().first() + "-" + range.get().last() + "/" + size);
            }
            res.contentLength(body.length());
            if (req.prologue().method() == Method.HEAD) {
                res.send();
                return;
            }
            try (OutputStream out = res.outputStream()) {
                body.stream().transferTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void describe(ServerResponse res, StoredObject object, Optional<String> download) {
        res.header(HeaderNames.CONTENT_TYPE, object.content().mimeType().value());
        res.header(HeaderNames.CACHE_CONTROL, object.content().cacheControl().value());
        res.header(HeaderNames.ETAG, "\"" + object.content().eTag() + "\"");
        res.header(HeaderNames.LAST_MODIFIED,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(object.updatedAt().atZone(ZoneOffset.UTC)));
        res.header(HeaderNames.ACCEPT_RANGES, "bytes");
        download.ifPresent(requested -> res.header(HeaderNames.CONTENT_DISPOSITION,
                contentDisposition(requested.isEmpty() ? object.name().fileName() : requested)));
    }

    /** {@code ?download}, {@code ?download=} or {@code ?download=name}: present means attachment, a value names it. */
    private static Optional<String> downloadName(ServerRequest req) {
        return req.query().contains("download")
                ? Optional.of(Requests.query(req, "download").orElse(""))
                : Optional.empty();
    }

    /** {@code attachment} with an ASCII fallback name and the exact UTF-8 name percent-encoded. */
    static String contentDisposition(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
