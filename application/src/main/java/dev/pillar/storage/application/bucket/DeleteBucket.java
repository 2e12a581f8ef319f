package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.object.BucketRules;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.ObjectPageQuery;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.BucketNotEmpty;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;

import java.util.Optional;

/**
 * Use case: delete an empty bucket, as the caller (policies on {@code storage.buckets} decide). As in
 * Supabase, whether the bucket still holds objects is asked by the server, so a bucket that is not empty is
 * "not empty" to every caller, and only an empty one the caller may not delete is "not found". The next write in
 * this process finds the bucket gone ({@link BucketRules#changing}).
 */
public final class DeleteBucket {
    private static final ObjectPageQuery ANY_OBJECT = new ObjectPageQuery("", false, 1,
            ObjectPageQuery.SortColumn.NAME, SortOrder.ASC, Optional.empty());
    private final MetadataStore metadata;
    private final BucketRules buckets;

    public DeleteBucket(MetadataStore metadata, BucketRules buckets) {
        this.metadata = metadata;
        this.buckets = buckets;
    }

    public void delete(Caller caller, BucketId id) {
        boolean deleted = buckets.changing(id, () -> metadata.inTransaction(caller,
                repos -> repos.buckets().delete(id)));
        if (deleted) {
            return;
        }
        boolean holdsObjects = metadata.reading(Caller.system(),
                repos -> !repos.objects().page(id, ANY_OBJECT).entries().isEmpty());
        if (holdsObjects) {
            throw new BucketNotEmpty();
        }
        throw new NotFound(Resource.BUCKET);
    }
}
