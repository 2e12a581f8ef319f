package dev.pillar.storage.application.object;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;

/** The look-ups the object use cases share, each a reading of its own (buckets: {@link BucketRules}). */
final class Lookups {
    private Lookups() {
    }

    /** The object as {@code reader} sees it under row-level security, or {@code NotFound(OBJECT)}. */
    static StoredObject visibleObject(MetadataStore metadata, Caller reader, BucketId bucketId, ObjectName name) {
        return metadata.reading(reader, repos -> repos.objects().find(bucketId, name))
                .orElseThrow(() -> new NotFound(Resource.OBJECT));
    }
}
