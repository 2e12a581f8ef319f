package dev.pillar.storage.domain.signing;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.InvalidToken;
import dev.pillar.storage.domain.object.ObjectName;

import java.time.Instant;

/**
 * What a signed URL grants: one exact object, for a limited time, to whoever holds it. Its holder needs
 * no key of their own: the grant is the authorization.
 */
public sealed interface SignedGrant permits DownloadGrant, UploadGrant {

    BucketId bucketId();

    ObjectName name();

    Validity validity();

    /** Refuses the grant for any object but its own, then once it is over (a wrong object is refused first). */
    default void admit(BucketId bucketId, ObjectName name, Instant now) {
        if (!bucketId().equals(bucketId) || !name().equals(name)) {
            throw switch (this) {
                case DownloadGrant download -> InvalidToken.invalidSignature();
                case UploadGrant upload -> InvalidToken.invalidUploadSignature();
            };
        }
        if (validity().isOverAt(now)) {
            throw InvalidToken.expired();
        }
    }
}
