package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.BucketQuery;
import dev.pillar.storage.application.port.BucketRepository;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.MimeType;
import io.helidon.dbclient.DbRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Bucket rows in {@code storage.buckets}, as the caller's role sees them. */
final class PgBucketRepository implements BucketRepository {
    private static final String COLUMNS = """
            id, name, coalesce(owner_id, owner::text) as owner_id, public, file_size_limit,
            to_jsonb(allowed_mime_types)::text as allowed_mime_types,
            coalesce(created_at, updated_at) as created_at, coalesce(updated_at, created_at) as updated_at""";
    private static final String FIND = "select " + COLUMNS + " from storage.buckets where id = ?";
    private static final String INSERT = """
            insert into storage.buckets
              (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types, created_at, updated_at)
            values (?, ?, ?::uuid, ?, ?, ?, ?::text[], ?, ?)""";
    private static final String UPDATE = """
            update storage.buckets
            set public = ?, file_size_limit = ?, allowed_mime_types = ?::text[], updated_at = ?
            where id = ?""";
    private static final String DELETE = "delete from storage.buckets where id = ?";

    private final Sql sql;

    PgBucketRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Bucket> find(BucketId id) {
        return sql.queryOne(Resource.BUCKET, FIND, id.value()).map(PgBucketRepository::bucket);
    }

    @Override
    public List<Bucket> list(BucketQuery query) {
        StringBuilder statement = new StringBuilder("select ").append(COLUMNS).append(" from storage.buckets");
        List<Object> params = new ArrayList<>();
        query.search().filter(search -> !search.isEmpty()).ifPresent(search -> {
            statement.append(" where name ilike ? escape '\\'");
            params.add("%" + escapeLike(search) + "%");
        });
        String direction = query.sortOrder() == SortOrder.DESC ? "desc" : "asc";
        statement.append(" order by ").append(sortColumn(query.sortColumn())).append(' ').append(direction)
                .append(", id ").append(direction);
        if (query.limit().isPresent()) {
            statement.append(" limit ?");
            params.add(query.limit().getAsInt());
        }
        statement.append(" offset ?");
        params.add(query.offset());
        return sql.query(Resource.BUCKET, statement.toString(), params.toArray()).stream()
                .map(PgBucketRepository::bucket)
                .toList();
    }

    @Override
    public void insert(Bucket bucket) {
        BucketSettings settings = bucket.settings();
        sql.update(Resource.BUCKET, INSERT, bucket.id().value(), bucket.name(),
                Columns.ownerUuid(bucket.owner()).orElse(null), bucket.owner().orElse(null), settings.isPublic(), sizeLimit(settings), mimeTypes(settings),
                Columns.timestamp(bucket.createdAt()), Columns.timestamp(bucket.updatedAt()));
    }

    @Override
    public boolean update(Bucket bucket) {
        BucketSettings settings = bucket.settings();
        return sql.update(Resource.BUCKET, UPDATE, settings.isPublic(), sizeLimit(settings), mimeTypes(settings),
                Columns.timestamp(bucket.updatedAt()), bucket.id().value()) > 0;
    }

    @Override
    public boolean delete(BucketId id) {
        return sql.update(Resource.BUCKET, DELETE, id.value()) > 0;
    }

    /** {@code %}, {@code _} and the escape character itself match literally. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String sortColumn(BucketQuery.SortColumn column) {
        return switch (column) {
            case ID -> "id";
            case NAME -> "name";
            case CREATED_AT -> "created_at";
            case UPDATED_AT -> "updated_at";
        };
    }

    private static Long sizeLimit(BucketSettings settings) {
        return settings.fileSizeLimit().map(ByteSize::bytes).orElse(null);
    }

    /** Supabase keeps "no restriction" as null rather than an empty array. */
    private static String[] mimeTypes(BucketSettings settings) {
        return settings.allowedMimeTypes().isEmpty()
                ? null
                : settings.allowedMimeTypes().stream().map(MimeType::value).toArray(String[]::new);
    }

    private static Bucket bucket(DbRow row) {
        BucketSettings settings = new BucketSettings(Columns.flag(row, "public"),
                Columns.number(row, "file_size_limit").filter(limit -> limit >= 0).map(ByteSize::of),
                Columns.text(row, "allowed_mime_types").map(ObjectMetadata::strings).orElse(List.of()).stream()
                        .map(MimeType::of)
                        .toList());
        return new Bucket(BucketId.of(Columns.requiredText(row, "id")), Columns.requiredText(row, "name"),
                Columns.text(row, "owner_id"), settings, Columns.instant(row, "created_at"),
                Columns.instant(row, "updated_at"));
    }
}
