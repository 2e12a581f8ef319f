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
 */
final class ReadableObjects {
    private final MetadataStore metadata;

    ReadableObjects(MetadataStore metadata) {
        this.metadata = metadata;
    }

    StoredObject find(Caller caller, BucketId bucketId, ObjectName name, ReadRoute route) {
        Bucket bucket = Lookups.bucket(metadata, bucketId)
                .filter(found -> route != ReadRoute.PUBLIC || found.isPublic())
                .orElseThrow(() -> new NotFound(Resource.BUCKET));
        boolean readByServer = bucket.isPublic() && route != ReadRoute.AUTHENTICATED_IMAGE;
        return Lookups.visibleObject(metadata, readByServer ? Caller.system() : caller, bucketId, name);
    }
}
