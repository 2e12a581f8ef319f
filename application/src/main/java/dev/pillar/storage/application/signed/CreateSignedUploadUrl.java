package dev.pillar.storage.application.signed;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.object.WriteRehearsal;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.IdGenerator;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.signing.UploadGrant;
import dev.pillar.storage.domain.signing.Validity;

import java.time.Instant;

/**
 * Use case: grant a signed upload URL for one object name. Only a caller whose policies would let them
 * write that object may hand the right on: the write is rehearsed as the caller and rolled back
 * ({@link WriteRehearsal}), so the database's own policies decide and nothing stays. A name already taken
 * is refused unless the grant is to overwrite it.
 */
public final class CreateSignedUploadUrl {
    private final WriteRehearsal rehearsal;
    private final Clock clock;

    public CreateSignedUploadUrl(MetadataStore metadata, IdGenerator ids, Clock clock) {
        this.rehearsal = new WriteRehearsal(metadata, ids);
        this.clock = clock;
    }

    public UploadGrant sign(Command command) {
        Instant now = clock.now();
        rehearsal.rehearse(command.caller(), command.bucketId(), command.name(), command.upsert(), now);
        return new UploadGrant(command.bucketId(), command.name(), command.caller().subject(), command.upsert(),
                Validity.of(now, UploadGrant.VALIDITY));
    }

    /** Which name the URL may write, whether it may overwrite, and who asks (and will own the object). */
    public record Command(Caller caller, BucketId bucketId, ObjectName name, boolean upsert) {
    }
}
