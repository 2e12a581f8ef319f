package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.BlobReferences;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.StoredObject;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reconciler's questions to {@code storage.objects}, {@code storage.upload_sessions} and {@code storage.buckets}:
 * one statement per batch, each a read-only reading of its own (ADR 0026), run as the server.
 */
final class PgBlobReferences implements BlobReferences {
    private static final String REFERENCED = """
            select k.bucket_id, k.name, k.version
            from unnest(?::text[], ?::text[], ?::text[]) as k(bucket_id, name, version)
            where exists (select 1 from storage.objects o
                          where o.bucket_id = k.bucket_id and o.name = k.name and o.version = k.version)
               or exists (select 1 from storage.upload_sessions s
                          where s.bucket_id = k.bucket_id and s.name = k.name
                            and (s.version = k.version
                                 or s.tail @> jsonb_build_array(jsonb_build_object('version', k.version))))""";
    private static final String LIVE_UPLOADS =
            "select multipart_id from storage.upload_sessions where multipart_id = any (?::text[])";
    private static final String EXISTING_BUCKETS = "select id from storage.buckets where id = any (?::text[])";
    private static final String FIRST_OBJECTS = "select " + ObjectRows.columns("")
            + " from storage.objects order by bucket_id, name collate \"C\" limit ?";
    private static final String OBJECTS_AFTER = "select " + ObjectRows.columns("")
            + " from storage.objects where (bucket_id, name collate \"C\") > (?::text, ?::text collate \"C\")"
            + " order by bucket_id, name collate \"C\" limit ?";

    private final RlsTransactions transactions;

    PgBlobReferences(RlsTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Set<BlobKey> referenced(Collection<BlobKey> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        Set<List<String>> found = transactions.readAsServer(sql -> sql.query(Resource.OBJECT, REFERENCED,
                keys.stream().map(key -> key.bucketId().value()).toArray(String[]::new),
                keys.stream().map(key -> key.name().value()).toArray(String[]::new),
                keys.stream().map(BlobKey::version).toArray(String[]::new)).stream()
                .map(row -> List.of(Columns.requiredText(row, "bucket_id"), Columns.requiredText(row, "name"),
                        Columns.requiredText(row, "version")))
                .collect(Collectors.toSet()));
        return keys.stream()
                .filter(key -> found.contains(List.of(key.bucketId().value(), key.name().value(), key.version())))
                .collect(Collectors.toSet());
    }

    @Override
    public Set<String> liveMultipartUploads(Collection<String> uploadIds) {
        if (uploadIds.isEmpty()) {
            return Set.of();
        }
        return transactions.readAsServer(sql -> sql.query(Resource.UPLOAD, LIVE_UPLOADS,
                        (Object) uploadIds.stream().distinct().toArray(String[]::new)).stream()
                .map(row -> Columns.requiredText(row, "multipart_id"))
                .collect(Collectors.toSet()));
    }

    @Override
    public Set<BucketId> existingBuckets(Collection<BucketId> buckets) {
        if (buckets.isEmpty()) {
            return Set.of();
        }
        return transactions.readAsServer(sql -> sql.query(Resource.BUCKET, EXISTING_BUCKETS,
                        (Object) buckets.stream().map(BucketId::value).distinct().toArray(String[]::new)).stream()
                .map(row -> BucketId.of(Columns.requiredText(row, "id")))
                .collect(Collectors.toSet()));
    }

    @Override
    public List<StoredObject> objectsAfter(Optional<StoredObject> after, int limit) {
        return transactions.readAsServer(sql -> after
                .map(last -> sql.query(Resource.OBJECT, OBJECTS_AFTER, last.bucketId().value(), last.name().value(), limit))
                .orElseGet(() -> sql.query(Resource.OBJECT, FIRST_OBJECTS, limit)).stream()
                .map(ObjectRows::object)
                .toList());
    }
}
