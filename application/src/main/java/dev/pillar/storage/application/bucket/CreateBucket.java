package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;

/** Use case: create a bucket owned by the caller. */
public final class CreateBucket {
    private final MetadataStore metadata;
    private final Clock clock;

    public CreateBucket(MetadataStore metadata, Clock clock) {
        this.metadata = metadata;
        this.clock = clock;
    }

    public Bucket create(Command command) {
        Bucket bucket = Bucket.create(command.id(), command.caller().subject(), command.settings(), clock.now());
        metadata.inTransaction(command.caller(), repos -> {
            repos.buckets().insert(bucket);
            return null;
        });
        return bucket;
    }

    /** Which bucket to create, with which settings, for whom. */
    public record Command(Caller caller, BucketId id, BucketSettings settings) {
    }
}
