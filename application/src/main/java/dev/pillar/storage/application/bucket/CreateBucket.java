package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.object.BucketRules;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;

/**
 * Use case: create a bucket owned by the caller. {@link BucketRules} forgets the name too: it may still remember
 * a bucket of that name that another instance deleted, with that bucket's rules.
 */
public final class CreateBucket {
    private final MetadataStore metadata;
    private final BucketRules buckets;
    private final Clock clock;

    public CreateBucket(MetadataStore metadata, BucketRules buckets, Clock clock) {
        this.metadata = metadata;
        this.buckets = buckets;
        this.clock = clock;
    }

    public Bucket create(Command command) {
        Bucket bucket = Bucket.create(command.id(), command.caller().subject(), command.settings(), clock.now());
        return buckets.changing(command.id(), () -> metadata.inTransaction(command.caller(), repos -> {
            repos.buckets().insert(bucket);
            return bucket;
        }));
    }

    /** Which bucket to create, with which settings, for whom. */
    public record Command(Caller caller, BucketId id, BucketSettings settings) {
    }
}
