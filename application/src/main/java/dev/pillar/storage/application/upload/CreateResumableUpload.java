package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.object.WriteRehearsal;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.UserMetadata;
import dev.pillar.storage.domain.upload.UploadSession;
import dev.pillar.storage.domain.upload.UploadTarget;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Use case: start a resumable upload (tus creation). The bucket's type and size limits apply to the
 * declared length at once, and the caller's policies are asked now, by rehearsing the write
 * ({@link WriteRehearsal}), so a refused upload is refused before any byte is sent. An upload of zero bytes
 * is complete at once: its object is published and no session is kept.
 */
public final class CreateResumableUpload {
    private final UploadPorts ports;
    private final WriteRehearsal rehearsal;
    private final UploadCompletion completion;
    private final Duration lifetime;

    public CreateResumableUpload(UploadPorts ports, Duration lifetime) {
        this.ports = ports;
        this.rehearsal = new WriteRehearsal(ports.metadata(), ports.ids());
        this.completion = ports.completion();
        this.lifetime = lifetime;
    }

    public UploadSession create(Command command) {
        Instant now = ports.clock().now();
        Bucket bucket = ports.metadata().reading(Caller.system(), repos -> repos.buckets().find(command.bucketId()))
                .orElseThrow(() -> new NotFound(Resource.BUCKET));
        bucket.admitContentType(command.contentType());
        ByteSize limit = bucket.uploadLimit(ports.settings().globalFileSizeLimit());
        UploadTarget target = new UploadTarget(command.bucketId(), command.name(), command.caller().subject(),
                command.upsert(), command.contentType(), command.cacheControl(), command.userMetadata());
        UploadSession session = UploadSession.start(ports.ids().newId().toString(), target, command.length(), limit,
                now.plus(lifetime));
        rehearsal.rehearse(command.caller(), command.bucketId(), command.name(), command.upsert(), now);
        ResumableUpload upload = ResumableUpload.start(session, ports.ids().newId().toString(),
                PartSize.forUpTo(command.length().orElse(limit).bytes()));
        if (session.completesWith(0)) {
            completion.complete(command.caller(), upload, List.of());
            return session.received(0, now);
        }
        ports.sessions().insert(upload);
        return session;
    }

    /** The largest upload the server takes at all (a bucket may allow less): tus's {@code Tus-Max-Size}. */
    public ByteSize maxSize() {
        return ports.settings().globalFileSizeLimit();
    }

    /** Who uploads what where, and how many bytes (empty: the length is declared by a later chunk). */
    public record Command(Caller caller, BucketId bucketId, ObjectName name, boolean upsert, MimeType contentType,
                          CacheControl cacheControl, UserMetadata userMetadata, Optional<ByteSize> length) {
    }
}
