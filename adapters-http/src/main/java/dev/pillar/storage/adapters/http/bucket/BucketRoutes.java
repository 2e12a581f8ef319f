package dev.pillar.storage.adapters.http.bucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pillar.storage.adapters.http.auth.Authenticator;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.adapters.http.support.Requests;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.bucket.CreateBucket;
import dev.pillar.storage.application.bucket.DeleteBucket;
import dev.pillar.storage.application.bucket.EmptyBucket;
import dev.pillar.storage.application.bucket.GetBucket;
import dev.pillar.storage.application.bucket.ListBuckets;
import dev.pillar.storage.application.bucket.UpdateBucket;
import dev.pillar.storage.application.port.BucketQuery;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.failure.InvalidInput;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Routes under {@code /bucket}: list, get, create, update, empty, delete. */
public final class BucketRoutes implements HttpService {
    private final Authenticator auth;
    private final CreateBucket createBucket;
    private final ListBuckets listBuckets;
    private final GetBucket getBucket;
    private final UpdateBucket updateBucket;
    private final DeleteBucket deleteBucket;
    private final EmptyBucket emptyBucket;

    public BucketRoutes(Authenticator auth, CreateBucket createBucket, ListBuckets listBuckets, GetBucket getBucket,
                        UpdateBucket updateBucket, DeleteBucket deleteBucket, EmptyBucket emptyBucket) {
        this.auth = auth;
        this.createBucket = createBucket;
        this.listBuckets = listBuckets;
        this.getBucket = getBucket;
        this.updateBucket = updateBucket;
        this.deleteBucket = deleteBucket;
        this.emptyBucket = emptyBucket;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/bucket", this::list)
                .post("/bucket", this::create)
                .post("/bucket/{id}/empty", this::empty)
                .get("/bucket/{id}", this::get)
                .put("/bucket/{id}", this::update)
                .delete("/bucket/{id}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        BucketQuery query = new BucketQuery(Requests.queryInt(req, "limit"),
                Requests.queryInt(req, "offset").orElse(0),
                Requests.query(req, "search").filter(s -> !s.isEmpty()),
                sortColumn(Requests.query(req, "sortColumn")),
                Requests.sortOrder(Requests.query(req, "sortOrder"), "sortOrder"));
        ArrayNode array = Json.MAPPER.createArrayNode();
        listBuckets.list(caller, query).forEach(bucket -> array.add(BucketJson.toJson(bucket)));
        Json.ok(res, array);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        Json.ok(res, BucketJson.toJson(getBucket.get(caller, Requests.bucketId(req, "id"))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        JsonNode body = Json.readObject(req);
        String raw = Json.text(body, "id").or(() -> Json.text(body, "name"))
                .orElseThrow(() -> InvalidInput.missingParameter("name"));
        BucketSettings settings = new BucketSettings(
                Json.flag(body, "public").orElse(false),
                BucketJson.fileSizeLimit(body).orElse(Optional.empty()),
                BucketJson.allowedMimeTypes(body).orElse(List.of()));
        var bucket = createBucket.create(new CreateBucket.Command(caller, BucketId.of(raw), settings));
        Json.ok(res, Json.object().put("name", bucket.name()));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        JsonNode body = Json.readObject(req);
        updateBucket.update(new UpdateBucket.Command(caller, Requests.bucketId(req, "id"),
                Json.flag(body, "public"), BucketJson.fileSizeLimit(body), BucketJson.allowedMimeTypes(body)));
        Json.ok(res, Json.message("Successfully updated"));
    }

    private void empty(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        emptyBucket.empty(caller, Requests.bucketId(req, "id"));
        Json.ok(res, Json.message("Empty bucket has been queued. Completion may take up to an hour."));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        deleteBucket.delete(caller, Requests.bucketId(req, "id"));
        Json.ok(res, Json.message("Successfully deleted"));
    }

    private static BucketQuery.SortColumn sortColumn(Optional<String> raw) {
        return switch (raw.orElse("name").toLowerCase(Locale.ROOT)) {
            case "id" -> BucketQuery.SortColumn.ID;
            case "name" -> BucketQuery.SortColumn.NAME;
            case "created_at" -> BucketQuery.SortColumn.CREATED_AT;
            case "updated_at" -> BucketQuery.SortColumn.UPDATED_AT;
            default -> throw InvalidInput.invalidParameter("sortColumn");
        };
    }
}
