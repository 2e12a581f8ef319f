package dev.pillar.storage.application.object;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;

import java.util.Optional;

/** The look-ups the object use cases share, each in a transaction of its own. */
final class Lookups {
    private Lookups() {
    }

    /** A bucket and its rules (visibility, size, types), read by the server as Supabase does: policies do not hide it. */
    static Optional<Bucket> bucket(MetadataStore metadata, BucketId id) {
        return metadata.inTransaction(Caller.system(), repos -> repos.buckets().find(id));
    }

    /** Like {@link #bucket}, or {@code NotFound(BUCKET)}. */
    static Bucket existingBucket(MetadataStore metadata, BucketId id) {
        return bucket(metadata, id).orElseThrow(() -> new NotFound(Resource.BUCKET));
    }

    /** The object as {@code reader} sees it under row-level security, or {@code NotFound(OBJECT)}. */
    static StoredObject visibleObject(MetadataStore metadata, Caller reader, BucketId bucketId, ObjectName name) {
        return metadata.inTransaction(reader, repos -> repos.objects().find(bucketId, name))
                .orElseThrow(() -> new NotFound(Resource.OBJECT));
    }
}
