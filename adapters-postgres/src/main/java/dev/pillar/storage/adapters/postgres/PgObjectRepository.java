package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.ObjectListQuery;
import dev.pillar.storage.application.port.ObjectPage;
import dev.pillar.storage.application.port.ObjectPageQuery;
import dev.pillar.storage.application.port.ObjectRepository;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import io.helidon.dbclient.DbRow;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Object rows in {@code storage.objects}, as the caller's role sees them. */
final class PgObjectRepository implements ObjectRepository {
    private static final String FIND =
            "select " + ObjectRows.columns("") + " from storage.objects where bucket_id = ? and name = ?";
    private static final String FIND_ALL = "select " + ObjectRows.columns("")
            + " from storage.objects where bucket_id = ? and name = any (?::text[])";
    /**
     * The owner goes as text, empty for none, never as a null parameter: pgjdbc describes a statement bound with a
     * null of no declared type, and sends a described statement whose rows have no bounded size (the upsert's
     * replaced version) after a Sync of its own, a round trip more.
     */
    private static final String INSERT = """
            insert into storage.objects as o (id, bucket_id, name, owner, owner_id, version, metadata, user_metadata,
                                              created_at, updated_at, last_accessed_at)
            values (?::uuid, ?, ?, nullif(?, '')::uuid, nullif(?, ''), ?, ?::jsonb, ?::jsonb, ?, ?, ?)""";
    /**
     * Supabase's upsert. PostgreSQL checks the row against the caller's SELECT policies for RETURNING, and a taken
     * name's row against its SELECT and UPDATE policies. What the statement does not take from the new row, the
     * row's id and creation time, comes back with the replaced version: the sub-select reads the statement's
     * snapshot, where the row is still as it was before the statement switched it (null when it added the row).
     */
    private static final String UPSERT = INSERT + """

            on conflict (bucket_id, name) do update
            set owner = excluded.owner, owner_id = excluded.owner_id, version = excluded.version,
                metadata = excluded.metadata, user_metadata = excluded.user_metadata,
                updated_at = excluded.updated_at, last_accessed_at = excluded.last_accessed_at
            returning o.id, o.created_at,
                (select r.version from storage.objects r where r.bucket_id = o.bucket_id and r.name = o.name)
                    as replaced_version""";
    private static final String MOVE = """
            update storage.objects
            set bucket_id = ?, name = ?, owner = ?::uuid, owner_id = ?, version = ?, metadata = ?::jsonb,
                user_metadata = ?::jsonb, updated_at = ?, last_accessed_at = ?
            where bucket_id = ? and name = ?""";
    private static final String DELETE = "delete from storage.objects where bucket_id = ? and name = any (?::text[])"
            + " returning " + ObjectRows.columns("");
    /** Rows locked by a concurrent emptying are left to it rather than waited for. */
    private static final String DELETE_SOME = """
            delete from storage.objects
            where id in (select id from storage.objects where bucket_id = ? limit ? for update skip locked)
            returning\s""" + ObjectRows.columns("");

    private final Sql sql;

    PgObjectRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<StoredObject> find(BucketId bucketId, ObjectName name) {
        return sql.queryOne(Resource.OBJECT, FIND, bucketId.value(), name.value()).map(ObjectRows::object);
    }

    @Override
    public List<StoredObject> findAll(BucketId bucketId, Collection<ObjectName> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return sql.query(Resource.OBJECT, FIND_ALL, bucketId.value(), distinctValues(names)).stream()
                .map(ObjectRows::object)
                .toList();
    }

    @Override
    public Optional<StoredObject> findForUpdate(BucketId bucketId, ObjectName name) {
        return sql.queryOne(Resource.OBJECT, FIND + " for update", bucketId.value(), name.value())
                .map(ObjectRows::object);
    }

    @Override
    public void insert(StoredObject object) {
        sql.update(Resource.OBJECT, INSERT, insertParameters(object));
    }

    @Override
    public Upserted upsert(StoredObject object) {
        DbRow row = sql.queryOne(Resource.OBJECT, UPSERT, insertParameters(object))
                .orElseThrow(() -> new IllegalStateException("an upsert returned no row"));
        return new Upserted(object.switchedInto(Columns.uuid(row, "id"), Columns.instant(row, "created_at")),
                Columns.text(row, "replaced_version"));
    }

    private static Object[] insertParameters(StoredObject object) {
        return new Object[] {object.id().toString(), object.bucketId().value(), object.name().value(),
                Columns.ownerUuid(object.owner()).orElse(""), object.owner().orElse(""), object.version(),
                ObjectMetadata.toJson(object.content(), object.updatedAt()), object.userMetadata().json(),
                Columns.timestamp(object.createdAt()), Columns.timestamp(object.updatedAt()),
                Columns.timestamp(object.lastAccessedAt())};
    }

    /** A row the caller may not see is not moved at all: under row-level security that is a refusal. */
    @Override
    public void move(StoredObject from, StoredObject to) {
        long moved = sql.update(Resource.OBJECT, MOVE, to.bucketId().value(), to.name().value(),
                Columns.ownerUuid(to.owner()).orElse(null), to.owner().orElse(null), to.version(),
                ObjectMetadata.toJson(to.content(), to.updatedAt()), to.userMetadata().json(),
                Columns.timestamp(to.updatedAt()), Columns.timestamp(to.lastAccessedAt()),
                from.bucketId().value(), from.name().value());
        if (moved == 0) {
            throw new AccessDenied(SqlFailures.RLS_VIOLATION);
        }
    }

    @Override
    public List<StoredObject> delete(BucketId bucketId, Collection<ObjectName> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return sql.query(Resource.OBJECT, DELETE, bucketId.value(), distinctValues(names)).stream()
                .map(ObjectRows::object)
                .toList();
    }

    private static String[] distinctValues(Collection<ObjectName> names) {
        return names.stream().map(ObjectName::value).distinct().toArray(String[]::new);
    }

    @Override
    public List<StoredObject> deleteSome(BucketId bucketId, int limit) {
        if (limit < 1) {
            return List.of();
        }
        return sql.query(Resource.OBJECT, DELETE_SOME, bucketId.value(), limit).stream()
                .map(ObjectRows::object)
                .toList();
    }

    @Override
    public List<ListedEntry> list(BucketId bucketId, ObjectListQuery query) {
        return ObjectListing.list(sql, bucketId, query);
    }

    @Override
    public ObjectPage page(BucketId bucketId, ObjectPageQuery query) {
        return ObjectPaging.page(sql, bucketId, query);
    }
}
