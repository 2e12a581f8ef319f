package dev.pillar.storage.application.object;

import dev.pillar.storage.application.StorageSettings;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.digest.Md5;
import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.IdGenerator;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.TooLarge;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectContent;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;

import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Use case: store an object's bytes and make them visible under its name.
 *
 * <p>The bucket's type and size rules are checked first, as {@link BucketRules} knows them (briefly remembered,
 * ADR 0020). Then the bytes go to a new version key; only then does one transaction, acting as the
 * caller, insert or switch the row (row-level security decides); the replaced version's bytes
 * are removed after the commit. Readers therefore see the old object or the new one, never a
 * mix, and a refused or failed upload leaves neither a row nor bytes behind.
 */
public final class UploadObject {
    private final BucketRules buckets;
    private final ObjectStore store;
    private final VersionPublisher publisher;
    private final StorageSettings settings;
    private final IdGenerator ids;
    private final Clock clock;

    public UploadObject(MetadataStore metadata, BucketRules buckets, ObjectStore store, BlobCleaner cleaner,
                        StorageSettings settings, IdGenerator ids, Clock clock) {
        this.buckets = buckets;
        this.store = store;
        this.publisher = new VersionPublisher(metadata, cleaner);
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    public StoredObject upload(Command command) {
        Bucket bucket = buckets.of(command.bucketId());
        bucket.admitContentType(command.contentType());
        ByteSize limit = bucket.uploadLimit(settings.globalFileSizeLimit());
        command.declaredLength().ifPresent(length -> bucket.admitSize(ByteSize.of(length), settings.globalFileSizeLimit()));

        String version = ids.newId().toString();
        BlobKey key = new BlobKey(settings.projectRef(), command.bucketId(), command.name(), version);
        ObjectContent content = write(command, key, limit);
        StoredObject candidate = StoredObject.create(ids.newId(), command.bucketId(), command.name(),
                command.caller().subject(), version, content, command.userMetadata(), clock.now());
        return publisher.publish(command.caller(), candidate, command.upsert());
    }

    /** Streams the body to the store; the MD5 worker stops with the write whichever way it ends. */
    private ObjectContent write(Command command, BlobKey key, ByteSize limit) {
        try (Md5 md5 = new Md5()) {
            MeteredInputStream metered = new MeteredInputStream(command.content(), limit.bytes(), md5);
            try {
                store.write(key, new BlobAttributes(command.contentType(), command.cacheControl()), metered);
            } catch (RuntimeException e) {
                // A store may wrap the stream's TooLarge (an SDK does); the client still sent too much.
                if (metered.exceeded()) {
                    throw new TooLarge();
                }
                throw e;
            }
            return new ObjectContent(ByteSize.of(metered.count()), command.contentType(), command.cacheControl(),
                    md5.hex());
        }
    }

    /** One upload: where, what, how, and the body to stream. */
    public record Command(Caller caller, BucketId bucketId, ObjectName name, boolean upsert, MimeType contentType,
                          CacheControl cacheControl, UserMetadata userMetadata, OptionalLong declaredLength,
                          InputStream content) {
    }
}
