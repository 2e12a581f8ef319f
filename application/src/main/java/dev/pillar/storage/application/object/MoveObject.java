package dev.pillar.storage.application.object;

import dev.pillar.storage.application.StorageSettings;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.BlobNotFound;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.IdGenerator;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;

/**
 * Use case: move (rename) an object within or across buckets. Keys embed the name, so the current version's
 * bytes are first copied to a new version key under the new name; then one transaction acting as the caller
 * locks the source row, checks it still points at the copied version, and re-keys it (policies decide: the
 * caller must see and update the row, and the renamed row must pass their checks); the old bytes go after
 * the commit. A source overwritten meanwhile is moved again from its newer version, so a move racing an
 * upload or a copy ends as one of them having run first. A refused move leaves the source as it was and no
 * copied bytes behind; an existing destination is refused.
 */
public final class MoveObject {
    private final MetadataStore metadata;
    private final BucketRules buckets;
    private final ObjectStore store;
    private final BlobCleaner cleaner;
    private final StorageSettings settings;
    private final IdGenerator ids;
    private final Clock clock;

    public MoveObject(MetadataStore metadata, BucketRules buckets, ObjectStore store, BlobCleaner cleaner,
                      StorageSettings settings, IdGenerator ids, Clock clock) {
        this.metadata = metadata;
        this.buckets = buckets;
        this.store = store;
        this.cleaner = cleaner;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    public StoredObject move(Command command) {
        Bucket destination = buckets.of(command.destinationBucket());
        for (int attempt = 1; ; attempt++) {
            StoredObject source = Lookups.visibleObject(metadata, command.caller(), command.sourceBucket(),
                    command.sourceKey());
            if (!destination.id().equals(source.bucketId())) {
                destination.admitContentType(source.content().mimeType());
                destination.admitSize(source.content().size(), settings.globalFileSizeLimit());
            }
            StoredObject moved = source.movedTo(command.destinationBucket(), command.destinationKey(),
                    command.caller().subject(), ids.newId().toString(), clock.now());
            BlobKey copied = cleaner.keyOf(moved);
            try {
                store.copy(cleaner.keyOf(source), copied);
            } catch (BlobNotFound e) {
                Retries.giveUpAfter(attempt); // the source was overwritten or removed since: read it again
                continue;
            }
            boolean renamed;
            try {
                renamed = RowWriteQueue.exclusively(source.bucketId(), source.name(),
                        () -> metadata.inTransaction(command.caller(), repos -> {
                            StoredObject current = repos.objects().findForUpdate(source.bucketId(), source.name())
                                    .orElseThrow(() -> new NotFound(Resource.OBJECT));
                            if (!current.version().equals(source.version())) {
                                return false;
                            }
                            repos.objects().move(current, moved);
                            return true;
                        }));
            } catch (RuntimeException e) {
                cleaner.deleteBlob(copied);
                throw e;
            }
            if (renamed) {
                cleaner.deleteBlob(cleaner.keyOf(source));
                return moved;
            }
            cleaner.deleteBlob(copied);
            Retries.giveUpAfter(attempt); // overwritten between our copy and our lock: copy the newer version
        }
    }

    /** What to move where, as whom. */
    public record Command(Caller caller, BucketId sourceBucket, ObjectName sourceKey, BucketId destinationBucket,
                          ObjectName destinationKey) {
    }
}
