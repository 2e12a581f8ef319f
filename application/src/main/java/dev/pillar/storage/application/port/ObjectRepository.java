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
     * Adds a row unless its name is taken (by a row the caller may not see too); returns whether it did. The row
     * must be one the caller may read, as an upsert's must: {@code AccessDenied} otherwise, taken name or not.
     * {@code NotFound(BUCKET)} if the bucket is gone, {@code AccessDenied} if a policy refuses the insert.
     */
    boolean insertIfAbsent(StoredObject object);

    /** Switches an existing row to new content; {@code AccessDenied} if a policy refuses. */
    void update(StoredObject object);

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
}
