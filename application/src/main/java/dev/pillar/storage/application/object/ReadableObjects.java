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
 * <p>Both reads share one transaction, which acts as the server for the bucket and switches to the caller only
 * when the object is theirs to read and their reads differ from the server's (a service_role caller's do not).
 */
final class ReadableObjects {
    private final MetadataStore metadata;

    ReadableObjects(MetadataStore metadata) {
        this.metadata = metadata;
    }

    StoredObject find(Caller caller, BucketId bucketId, ObjectName name, ReadRoute route) {
        Caller server = caller.readsAsServer() ? caller : Caller.system();
        return metadata.inTransaction(server, repos -> {
            Bucket bucket = repos.buckets().find(bucketId)
                    .filter(found -> route != ReadRoute.PUBLIC || found.isPublic())
                    .orElseThrow(() -> new NotFound(Resource.BUCKET));
            boolean readByServer = bucket.isPublic() && route != ReadRoute.AUTHENTICATED_IMAGE;
            return repos.actingAs(readByServer ? server : caller).objects().find(bucketId, name);
        }).orElseThrow(() -> new NotFound(Resource.OBJECT));
    }
}
