package dev.pillar.storage.application.signed;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.IdGenerator;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.ObjectRepository;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectContent;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import dev.pillar.storage.domain.signing.UploadGrant;
import dev.pillar.storage.domain.signing.Validity;

import java.time.Instant;
import java.util.Optional;

/**
 * Use case: grant a signed upload URL for one object name. Only a caller whose policies would let them
 * write that object may hand the right on: as Supabase does, the write is rehearsed, acting as the caller,
 * in a transaction that is always rolled back, so the database's own policies decide and nothing stays.
 * A name already taken is refused unless the grant is to overwrite it.
 */
public final class CreateSignedUploadUrl {
    private static final String EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e";
    private final MetadataStore metadata;
    private final IdGenerator ids;
    private final Clock clock;

    public CreateSignedUploadUrl(MetadataStore metadata, IdGenerator ids, Clock clock) {
        this.metadata = metadata;
        this.ids = ids;
        this.clock = clock;
    }

    public UploadGrant sign(Command command) {
        Instant now = clock.now();
        StoredObject rehearsal = StoredObject.create(ids.newId(), command.bucketId(), command.name(),
                command.caller().subject(), ids.newId().toString(),
                new ObjectContent(ByteSize.of(0), MimeType.OCTET_STREAM, CacheControl.DEFAULT, EMPTY_MD5),
                UserMetadata.EMPTY, now);
        try {
            metadata.inTransaction(command.caller(), repos -> rehearse(repos.objects(), rehearsal, command.upsert()));
        } catch (RolledBack allowed) {
            // the write was allowed, and undone
        } catch (AlreadyExists e) {
            // Taken by a row the caller cannot see (else it would have been updated): not theirs to overwrite.
            throw command.upsert() ? new AccessDenied("new row violates row-level security policy") : e;
        }
        return new UploadGrant(command.bucketId(), command.name(), command.caller().subject(), command.upsert(),
                Validity.of(now, UploadGrant.VALIDITY));
    }

    /** The write an upload would make (an insert, or with upsert the switch of an existing row), then undone. */
    private static Void rehearse(ObjectRepository objects, StoredObject rehearsal, boolean upsert) {
        Optional<StoredObject> existing = upsert
                ? objects.findForUpdate(rehearsal.bucketId(), rehearsal.name())
                : Optional.empty();
        if (existing.isPresent()) {
            objects.update(existing.get().replacedBy(rehearsal));
        } else {
            objects.insert(rehearsal);
        }
        throw new RolledBack();
    }

    /** Which name the URL may write, whether it may overwrite, and who asks (and will own the object). */
    public record Command(Caller caller, BucketId bucketId, ObjectName name, boolean upsert) {
    }

    /** Ends every rehearsal, so that its transaction rolls back whatever the write did. */
    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super(null, null, false, false);
        }
    }
}
