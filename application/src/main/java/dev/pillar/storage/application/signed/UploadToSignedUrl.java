package dev.pillar.storage.application.signed;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.object.UploadObject;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import dev.pillar.storage.domain.signing.UploadGrant;

import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Use case: upload through a signed upload URL. The grant must be for exactly this name and not over; the
 * upload then runs as the server on behalf of the owner bound at signing (policies were checked then, see
 * ADR 0008), overwriting only if the grant says so. The bucket's size and type limits apply as always.
 */
public final class UploadToSignedUrl {
    private final UploadObject uploadObject;
    private final Clock clock;

    public UploadToSignedUrl(UploadObject uploadObject, Clock clock) {
        this.uploadObject = uploadObject;
        this.clock = clock;
    }

    public StoredObject upload(Command command) {
        UploadGrant grant = command.grant();
        grant.admit(command.bucketId(), command.name(), clock.now());
        return uploadObject.upload(new UploadObject.Command(Caller.systemOnBehalfOf(grant.owner()),
                command.bucketId(), command.name(), grant.upsert(), command.contentType(), command.cacheControl(),
                command.userMetadata(), command.declaredLength(), command.content()));
    }

    /** The grant presented, the name asked for, and the upload's type, caching, metadata and body. */
    public record Command(UploadGrant grant, BucketId bucketId, ObjectName name, MimeType contentType,
                          CacheControl cacheControl, UserMetadata userMetadata, OptionalLong declaredLength,
                          InputStream content) {
    }
}
