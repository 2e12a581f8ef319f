package dev.pillar.storage.application.object;

import dev.pillar.storage.application.StorageSettings;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.BlobNotFound;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.IdGenerator;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectContent;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;

import java.util.Objects;
import java.util.Optional;

/**
 * Use case: copy an object within or across buckets. The source row is read as the caller (one they may not
 * see is not found); its bytes are copied inside the store to a new version key of the destination; then one
 * transaction acting as the caller inserts the destination row or, when upserting, switches it, so policies
 * decide; a replaced version's bytes go after the commit. The destination bucket's size and type rules
 * apply. A refused or failed copy leaves no bytes behind.
 */
public final class CopyObject {
    private final MetadataStore metadata;
    private final BucketRules buckets;
    private final ObjectStore store;
    private final BlobCleaner cleaner;
    private final VersionPublisher publisher;
    private final StorageSettings settings;
    private final IdGenerator ids;
    private final Clock clock;

    public CopyObject(MetadataStore metadata, BucketRules buckets, ObjectStore store, BlobCleaner cleaner,
                      StorageSettings settings, IdGenerator ids, Clock clock) {
        this.metadata = metadata;
        this.buckets = buckets;
        this.store = store;
        this.cleaner = cleaner;
        this.publisher = new VersionPublisher(metadata, cleaner);
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    public StoredObject copy(Command command) {
        Bucket destination = buckets.of(command.destinationBucket());
        for (int attempt = 1; ; attempt++) {
            StoredObject source = Lookups.visibleObject(metadata, command.caller(), command.sourceBucket(),
                    command.sourceKey());
            StoredObject candidate = StoredObject.create(ids.newId(), command.destinationBucket(),
                    command.destinationKey(), command.caller().subject(), ids.newId().toString(),
                    command.contentOf(source), command.userMetadataOf(source), clock.now());
            destination.admitContentType(candidate.content().mimeType());
            destination.admitSize(candidate.content().size(), settings.globalFileSizeLimit());
            try {
                store.copy(cleaner.keyOf(source), cleaner.keyOf(candidate));
            } catch (BlobNotFound e) {
                Retries.giveUpAfter(attempt); // the source was overwritten or removed since: read it again
                continue;
            }
            return publisher.publish(command.caller(), candidate, command.upsert());
        }
    }

    /**
     * What to copy where, as whom. With {@code copyMetadata} the source's type, caching and user metadata
     * come along; without it, {@code contentType} and {@code cacheControl} replace the source's when given
     * and {@code userMetadata} replaces its user metadata.
     */
    public record Command(Caller caller, BucketId sourceBucket, ObjectName sourceKey, BucketId destinationBucket,
                          ObjectName destinationKey, boolean upsert, boolean copyMetadata,
                          Optional<MimeType> contentType, Optional<CacheControl> cacheControl,
                          UserMetadata userMetadata) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(sourceBucket, "sourceBucket");
            Objects.requireNonNull(sourceKey, "sourceKey");
            Objects.requireNonNull(destinationBucket, "destinationBucket");
            Objects.requireNonNull(destinationKey, "destinationKey");
            contentType = contentType == null ? Optional.empty() : contentType;
            cacheControl = cacheControl == null ? Optional.empty() : cacheControl;
            userMetadata = userMetadata == null ? UserMetadata.EMPTY : userMetadata;
        }

        ObjectContent contentOf(StoredObject source) {
            ObjectContent original = source.content();
            return copyMetadata ? original : new ObjectContent(original.size(),
                    contentType.orElse(original.mimeType()), cacheControl.orElse(original.cacheControl()),
                    original.eTag());
        }

        UserMetadata userMetadataOf(StoredObject source) {
            return copyMetadata ? source.userMetadata() : userMetadata;
        }
    }
}
