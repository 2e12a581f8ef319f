package dev.pillar.storage.adapters.http.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.application.object.CopyObject;
import dev.pillar.storage.application.object.MoveObject;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /object/copy} and {@code POST /object/move} with {@code {bucketId, sourceKey, destinationKey,
 * destinationBucket?}}; a copy also takes {@code copyMetadata}, {@code metadata: {mimetype, cacheControl}}
 * overrides, {@code x-metadata} (base64 JSON user metadata, when not copying it) and {@code x-upsert}.
 */
final class TransferHandler {
    private final Authenticator auth;
    private final CopyObject copyObject;
    private final MoveObject moveObject;

    TransferHandler(Authenticator auth, CopyObject copyObject, MoveObject moveObject) {
        this.auth = auth;
        this.copyObject = copyObject;
        this.moveObject = moveObject;
    }

    void copy(ServerRequest req, ServerResponse res) {
        var caller = auth.caller(req);
        JsonNode body = Json.readObject(req);
        Route route = Route.of(body);
        JsonNode overrides = body.path("metadata");
        if (!overrides.isMissingNode() && !overrides.isNull() && !overrides.isObject()) {
            throw InvalidInput.invalidParameter("metadata");
        }
        StoredObject copied = copyObject.copy(new CopyObject.Command(caller, route.sourceBucket, route.sourceKey,
                route.destinationBucket, route.destinationKey, Requests.upsert(req),
                Json.flag(body, "copyMetadata").orElse(true),
                Json.text(overrides, "mimetype").map(MimeType::of),
                Json.text(overrides, "cacheControl").map(CacheControl::fromClient),
                Requests.header(req, "x-metadata").map(UploadHandler::base64Metadata).orElse(UserMetadata.EMPTY)));
        Json.ok(res, Json.object()
                .put("Key", copied.bucketId().value() + "/" + copied.name().value())
                .put("Id", copied.id().toString()));
    }

    void move(ServerRequest req, ServerResponse res) {
        var caller = auth.caller(req);
        Route route = Route.of(Json.readObject(req));
        moveObject.move(new MoveObject.Command(caller, route.sourceBucket, route.sourceKey, route.destinationBucket,
                route.destinationKey));
        Json.ok(res, Json.message("Successfully moved"));
    }

    /** Where from and where to; the destination bucket defaults to the source's. */
    private record Route(BucketId sourceBucket, ObjectName sourceKey, BucketId destinationBucket,
                         ObjectName destinationKey) {
        static Route of(JsonNode body) {
            BucketId source = BucketId.of(required(body, "bucketId"));
            ObjectName sourceKey = ObjectName.of(required(body, "sourceKey"));
            ObjectName destinationKey = ObjectName.of(required(body, "destinationKey"));
            BucketId destination = Json.text(body, "destinationBucket").filter(id -> !id.isEmpty())
                    .map(BucketId::of).orElse(source);
            return new Route(source, sourceKey, destination, destinationKey);
        }
    }

    private static String required(JsonNode body, String field) {
        return Json.text(body, field).orElseThrow(() -> InvalidInput.missingParameter(field));
    }
}
