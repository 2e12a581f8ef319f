package dev.pillar.storage.application.port;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port: object rows, as visible to the transaction's caller. */
public interface ObjectRepository {

    Optional<StoredObject> find(BucketId bucketId, ObjectName name);

    /** The named rows the caller can see, in one look-up; names without a visible row are simply absent. */
    List<StoredObject> findAll(BucketId bucketId, Collection<ObjectName> names);

    /** Like {@link #find}, and locks the row until the transaction ends. */
    Optional<StoredObject> findForUpdate(BucketId bucketId, ObjectName name);

    /**
     * Adds a row: {@code AlreadyExists} if the name is taken, {@code NotFound(BUCKET)} if the bucket
     * is gone, {@code AccessDenied} if a policy refuses.
     */
    void insert(StoredObject object);

    /**
     * Adds the row or, when its name is taken, switches that row to it, keeping the row's id and creation time.
     * This is Supabase's upsert, one statement ({@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}). Policies
     * decide the insert or the update, and the written row must be one the caller may read.
     * {@code AccessDenied} if a policy refuses, including for a name held by a row the caller may not read or
     * update; {@code NotFound(BUCKET)} if the bucket is gone.
     */
    Upserted upsert(StoredObject object);

    /**
     * Re-keys the row of {@code from} as {@code to} (its bucket, name, owner, version and times):
     * {@code AlreadyExists} if that name is taken, {@code NotFound(BUCKET)} if its bucket is gone,
     * {@code AccessDenied} if a policy refuses (the row cannot be updated, or the renamed row fails a check).
     */
    void move(StoredObject from, StoredObject to);

    /** Removes the named rows the caller may remove; returns those removed. */
    List<StoredObject> delete(BucketId bucketId, Collection<ObjectName> names);

    /** Removes up to {@code limit} rows of a bucket; returns those removed (empty once none are left). */
    List<StoredObject> deleteSome(BucketId bucketId, int limit);

    /** One level of the bucket's tree under a prefix: objects and sub-folders, Supabase style. */
    List<ListedEntry> list(BucketId bucketId, ObjectListQuery query);

    /** One page of the keys under a prefix, flat or one level deep, resumable where the last page ended. */
    ObjectPage page(BucketId bucketId, ObjectPageQuery query);

    /**
     * The row an upsert stored, and the version of the row it replaced (none when it added one). The replaced
     * version is the one the writer's snapshot saw: a writer on another server that replaced the row in between
     * leaves its version's bytes to the reconciler.
     */
    record Upserted(StoredObject stored, Optional<String> replacedVersion) {
    }
}
