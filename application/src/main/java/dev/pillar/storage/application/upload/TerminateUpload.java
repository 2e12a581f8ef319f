package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.Lease;
import dev.pillar.storage.domain.failure.OffsetMismatch;

import java.time.Instant;

/**
 * Use case: abandon a resumable upload (tus termination): its parts, staged tail and session are removed
 * and nothing is published. An upload another request is writing right now is refused as a conflict.
 */
public final class TerminateUpload {
    private final UploadPorts ports;
    private final ChunkWriter writer;
    private final UploadDisposal disposal;

    public TerminateUpload(UploadPorts ports) {
        this.ports = ports;
        this.writer = ports.writer();
        this.disposal = ports.disposal();
    }

    public void terminate(Caller caller, String uploadId) {
        UploadAccess.find(ports.sessions(), caller, uploadId);
        Instant now = ports.clock().now();
        Lease lease = writer.newLease(now);
        ResumableUpload leased = ports.sessions().lease(uploadId, lease, now).orElseThrow(OffsetMismatch::uploadBusy);
        try {
            disposal.dispose(leased);
        } finally {
            writer.release(uploadId, lease);
        }
    }
}
