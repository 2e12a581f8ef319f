package dev.pillar.storage.application.object;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;

/** Use case: describe one object (its size, type, caching, checksum and user metadata) without its bytes. */
public final class GetObjectInfo {
    private final ReadableObjects objects;

    public GetObjectInfo(MetadataStore metadata, BucketRules buckets) {
        this.objects = new ReadableObjects(metadata, buckets);
    }

    public StoredObject info(Command command) {
        return objects.find(command.caller(), command.bucketId(), command.name(), command.route());
    }

    /** Which object, as whom, through which kind of route. */
    public record Command(Caller caller, BucketId bucketId, ObjectName name, ReadRoute route) {
    }
}
