package dev.pillar.storage.bootstrap;

import dev.pillar.storage.application.upload.SweepExpiredUploads;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sweeps expired resumable uploads every few minutes on a virtual thread. Every instance runs one; the
 * uploads' leases keep two sweeps (or a sweep and a late request) from removing the same upload twice.
 */
final class UploadSweeper implements AutoCloseable {
    static final Duration PERIOD = Duration.ofMinutes(5);
    private static final System.Logger LOG = System.getLogger(UploadSweeper.class.getName());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("pillar-storage-upload-sweeper").factory());

    UploadSweeper(SweepExpiredUploads sweep) {
        timer.scheduleWithFixedDelay(() -> run(sweep), PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void run(SweepExpiredUploads sweep) {
        try {
            int removed = sweep.sweep();
            if (removed > 0) {
                LOG.log(System.Logger.Level.INFO, "event=expired_uploads_swept count={0}", Integer.toString(removed));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event=upload_sweep_failed cause={0}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
