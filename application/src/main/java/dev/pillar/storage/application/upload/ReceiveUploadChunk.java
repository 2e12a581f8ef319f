package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.Lease;
import dev.pillar.storage.application.port.UploadSessionRepository;
import dev.pillar.storage.domain.failure.OffsetMismatch;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.upload.UploadSession;

import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * Use case: append a chunk to a resumable upload (tus PATCH), from any server instance. The chunk is checked
 * before a byte is read (offset, expiry, length and size limit), then written under the upload's lease: a
 * second request for the same upload meanwhile is refused as a conflict. The chunk that reaches the declared
 * length completes the upload: the object is published and the session removed. If completing fails because
 * a store is unavailable, the session stays as it was before the chunk, which may then be sent again; any
 * other refusal at completion (a policy, an existing object) ends the upload.
 */
public final class ReceiveUploadChunk {
    private final UploadPorts ports;
    private final ChunkWriter writer;
    private final UploadCompletion completion;
    private final UploadDisposal disposal;

    public ReceiveUploadChunk(UploadPorts ports) {
        this.ports = ports;
        this.writer = ports.writer();
        this.completion = ports.completion();
        this.disposal = ports.disposal();
    }

    /** The session after the chunk: its new offset, complete when the object was published. */
    public UploadSession receive(Command command) {
        Instant now = ports.clock().now();
        UploadSessionRepository sessions = ports.sessions();
        admit(UploadAccess.find(sessions, command.caller(), command.uploadId()), command, now);
        Lease lease = writer.newLease(now);
        ResumableUpload leased = sessions.lease(command.uploadId(), lease, now)
                .orElseThrow(OffsetMismatch::uploadBusy);
        try {
            ResumableUpload upload = admit(leased, command, now);
            if (upload != leased && !sessions.save(upload, lease)) {
                throw OffsetMismatch.uploadBusy();
            }
            ChunkWriter.Appended appended = writer.append(upload, lease, command.content(), command.bytes(), now);
            if (appended.session().isComplete()) {
                complete(command.caller(), appended);
            }
            return appended.session();
        } finally {
            writer.release(command.uploadId(), lease);
        }
    }

    /** The upload with a length declared now, after checking the chunk may be appended to it. */
    private static ResumableUpload admit(ResumableUpload upload, Command command, Instant now) {
        UploadSession session = upload.session();
        session.requireOpen(now);
        UploadSession declared = command.declaredLength().map(session::withLength).orElse(session);
        declared.admitChunk(command.offset(), command.bytes(), now);
        return declared.equals(session) ? upload : upload.withSession(declared);
    }

    private void complete(Caller caller, ChunkWriter.Appended appended) {
        try {
            completion.complete(caller, appended.saved(), appended.allParts());
        } catch (Unavailable e) {
            throw e;
        } catch (RuntimeException e) {
            disposal.dispose(appended.saved());
            throw e;
        }
        disposal.forget(appended.saved());
    }

    /** A chunk of {@code bytes} for {@code offset} of an upload, maybe declaring its deferred length. */
    public record Command(Caller caller, String uploadId, long offset, Optional<ByteSize> declaredLength, long bytes,
                          InputStream content) {
    }
}
