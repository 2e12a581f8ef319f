package dev.pillar.storage.application.signed;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.object.DownloadObject;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.RequestedRange;
import dev.pillar.storage.domain.signing.DownloadGrant;

import java.time.Instant;
import java.util.Optional;

/**
 * Use case: read an object through a signed URL. The grant must be for exactly this object and not over;
 * then the object is read as the server, since the grant itself is the authorization (the signer's read
 * access was checked when it was issued).
 */
public final class DownloadSignedObject {
    private final DownloadObject downloadObject;
    private final Clock clock;

    public DownloadSignedObject(DownloadObject downloadObject, Clock clock) {
        this.downloadObject = downloadObject;
        this.clock = clock;
    }

    public DownloadObject.Download download(Command command) {
        command.grant().admit(command.bucketId(), command.name(), clock.now());
        return downloadObject.download(new DownloadObject.Command(Caller.system(), command.bucketId(), command.name(),
                command.range(), command.ifNoneMatch(), command.ifModifiedSince()));
    }

    /** The grant presented, the object asked for, and the client's range and cache validators. */
    public record Command(DownloadGrant grant, BucketId bucketId, ObjectName name, Optional<RequestedRange> range,
                          Optional<String> ifNoneMatch, Optional<Instant> ifModifiedSince) {
    }
}
