package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.port.Lease;
import dev.pillar.storage.domain.failure.NotFound;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Use case: remove the resumable uploads that expired (run periodically by any instance, or all of them):
 * each one's multipart upload is aborted, its staged tail deleted and its session removed. An upload a
 * request still holds is left for the next sweep; one that fails to go is logged and retried next time.
 */
public final class SweepExpiredUploads {
    private static final int BATCH = 100;
    private static final System.Logger LOG = System.getLogger(SweepExpiredUploads.class.getName());
    private final UploadPorts ports;
    private final ChunkWriter writer;
    private final UploadDisposal disposal;

    public SweepExpiredUploads(UploadPorts ports) {
        this.ports = ports;
        this.writer = ports.writer();
        this.disposal = ports.disposal();
    }

    /** Sweeps the uploads expired by now, a batch at a time; returns how many were removed. */
    public int sweep() {
        Instant now = ports.clock().now();
        int removed = 0;
        List<ResumableUpload> expired;
        int removedInBatch;
        do {
            expired = ports.sessions().expired(now, BATCH);
            removedInBatch = 0;
            for (ResumableUpload upload : expired) {
                if (remove(upload, now)) {
                    removedInBatch++;
                }
            }
            removed += removedInBatch;
        } while (expired.size() == BATCH && removedInBatch > 0);
        return removed;
    }

    private boolean remove(ResumableUpload upload, Instant now) {
        Lease lease = writer.newLease(now);
        Optional<ResumableUpload> leased;
        try {
            leased = ports.sessions().lease(upload.id(), lease, now);
        } catch (NotFound alreadyGone) {
            return false;
        }
        if (leased.isEmpty()) {
            return false;
        }
        try {
            disposal.dispose(leased.get());
            LOG.log(System.Logger.Level.INFO, "event=upload_expired upload_id={0} bucket={1} offset={2}",
                    upload.id(), upload.session().target().bucketId().value(), Long.toString(upload.session().offset()));
            return true;
        } catch (RuntimeException e) {
            writer.release(upload.id(), lease);
            LOG.log(System.Logger.Level.WARNING, "event=upload_sweep_failed upload_id={0} cause={1}", upload.id(),
                    e.toString());
            return false;
        }
    }
}
