package dev.pillar.storage.bootstrap;

import dev.pillar.storage.application.reconcile.ReconcileStorage;
import dev.pillar.storage.domain.failure.StorageFailure;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reconciler every {@code RECONCILE_INTERVAL_SECONDS} on a virtual thread, the first time one interval
 * after start-up. Instances may overlap: removing an orphan twice is no error.
 */
final class PeriodicReconciler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PeriodicReconciler.class.getName());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("pillar-storage-reconciler").factory());

    PeriodicReconciler(ReconcileStorage reconcile, Duration interval) {
        timer.scheduleWithFixedDelay(() -> run(reconcile), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static void run(ReconcileStorage reconcile) {
        try {
            reconcile.reconcile(false);
        } catch (StorageFailure | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "event=reconcile_failed cause={0}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
