package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.object.BucketRules;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.MimeType;

import java.util.List;
import java.util.Optional;

/**
 * Use case: change a bucket's visibility, size limit or accepted types; fields not given stay. The next write in
 * this process obeys the change ({@link BucketRules#changing}).
 */
public final class UpdateBucket {
    private final MetadataStore metadata;
    private final BucketRules buckets;
    private final Clock clock;

    public UpdateBucket(MetadataStore metadata, BucketRules buckets, Clock clock) {
        this.metadata = metadata;
        this.buckets = buckets;
        this.clock = clock;
    }

    public Bucket update(Command command) {
        return buckets.changing(command.id(), () -> metadata.inTransaction(command.caller(), repos -> {
            Bucket current = repos.buckets().find(command.id()).orElseThrow(() -> new NotFound(Resource.BUCKET));
            BucketSettings old = current.settings();
            BucketSettings changed = new BucketSettings(
                    command.isPublic().orElse(old.isPublic()),
                    command.fileSizeLimit().orElse(old.fileSizeLimit()),
                    command.allowedMimeTypes().orElse(old.allowedMimeTypes()));
            Bucket updated = current.withSettings(changed, clock.now());
            if (!repos.buckets().update(updated)) {
                throw new NotFound(Resource.BUCKET);
            }
            return updated;
        }));
    }

    /**
     * The changes: an empty optional leaves a field as it is; for the size limit, a present
     * empty optional removes the limit.
     */
    public record Command(Caller caller, BucketId id, Optional<Boolean> isPublic,
                          Optional<Optional<ByteSize>> fileSizeLimit, Optional<List<MimeType>> allowedMimeTypes) {
    }
}
