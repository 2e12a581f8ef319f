package dev.pillar.storage.application.signed;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.signing.DownloadGrant;
import dev.pillar.storage.domain.signing.Validity;

/**
 * Use case: grant a signed download URL for one object. Only a caller who can read the object may
 * share it: an object their policies hide is "not found", as it is for a download.
 */
public final class CreateSignedUrl {
    private final MetadataStore metadata;
    private final Clock clock;

    public CreateSignedUrl(MetadataStore metadata, Clock clock) {
        this.metadata = metadata;
        this.clock = clock;
    }

    public DownloadGrant sign(Command command) {
        Validity validity = Validity.seconds(clock.now(), command.expiresInSeconds());
        metadata.reading(command.caller(), repos -> repos.objects().find(command.bucketId(), command.name()))
                .orElseThrow(() -> new NotFound(Resource.OBJECT));
        return new DownloadGrant(command.bucketId(), command.name(), validity);
    }

    /** Which object to share, for how many seconds, asked by whom. */
    public record Command(Caller caller, BucketId bucketId, ObjectName name, long expiresInSeconds) {
    }
}
