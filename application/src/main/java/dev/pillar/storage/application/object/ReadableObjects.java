package dev.pillar.storage.application.object;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;

/**
 * Finds the row a read is about, deciding who reads it as Supabase does: the bucket is looked up by the
 * server; the objects of a public bucket are read by the server too (anyone may fetch them through the
 * public URL anyway), those of a private bucket under the caller's row-level security, where an invisible
 * row is simply not found; the authenticated image route reads under the caller's policies in either kind of
 * bucket. A public route refuses private buckets as if they did not exist.
 *
 * <p>The bucket comes from the shared {@link BucketRules}, so a read spends one reading, as whoever reads the
 * object, on the object alone; a bucket changed by another instance is obeyed within the rules' validity period
 * (ADR 0020).
 */
final class ReadableObjects {
    private final MetadataStore metadata;
    private final BucketRules buckets;

    ReadableObjects(MetadataStore metadata, BucketRules buckets) {
        this.metadata = metadata;
        this.buckets = buckets;
    }

    StoredObject find(Caller caller, BucketId bucketId, ObjectName name, ReadRoute route) {
        Bucket bucket = buckets.of(bucketId);
        if (route == ReadRoute.PUBLIC && !bucket.isPublic()) {
            throw new NotFound(Resource.BUCKET);
        }
        return metadata.reading(readerOf(bucket, caller, route), repos -> repos.objects().find(bucketId, name))
                .orElseThrow(() -> new NotFound(Resource.OBJECT));
    }

    /** The server reads a public bucket's objects (as the caller itself when its reads are the server's). */
    private static Caller readerOf(Bucket bucket, Caller caller, ReadRoute route) {
        boolean readByServer = bucket.isPublic() && route != ReadRoute.AUTHENTICATED_IMAGE;
        return readByServer && !caller.readsAsServer() ? Caller.system() : caller;
    }
}
