package dev.pillar.storage.application.object;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.IdGenerator;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectContent;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;

import java.time.Instant;

/**
 * Asks the database whether a caller may write an object before any byte is sent: as Supabase does, the
 * write an upload would make ({@link VersionPublisher#write}: an insert, or an upsert) is made acting as
 * the caller, in a transaction that is always rolled back, so the project's own policies decide and
 * nothing stays. Used before handing out a signed upload URL and before starting a resumable upload.
 */
public final class WriteRehearsal {
    private static final String EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e";
    private final MetadataStore metadata;
    private final IdGenerator ids;

    public WriteRehearsal(MetadataStore metadata, IdGenerator ids) {
        this.metadata = metadata;
        this.ids = ids;
    }

    /**
     * Returns when {@code caller} may write {@code name}; {@code AccessDenied} when a policy refuses,
     * {@code AlreadyExists} when the name is taken and {@code upsert} is off.
     */
    public void rehearse(Caller caller, BucketId bucketId, ObjectName name, boolean upsert, Instant now) {
        StoredObject rehearsal = StoredObject.create(ids.newId(), bucketId, name, caller.subject(),
                ids.newId().toString(),
                new ObjectContent(ByteSize.of(0), MimeType.OCTET_STREAM, CacheControl.DEFAULT, EMPTY_MD5),
                UserMetadata.EMPTY, now);
        try {
            RowWriteQueue.exclusively(bucketId, name, () -> metadata.inTransaction(caller, repos -> {
                VersionPublisher.write(repos.objects(), rehearsal, upsert);
                throw new RolledBack();
            }));
        } catch (RolledBack allowed) {
            // the write was allowed, and undone
        }
    }

    /** Ends every rehearsal, so that its transaction rolls back whatever the write did. */
    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super(null, null, false, false);
        }
    }
}
