package dev.pillar.storage.application.reconcile;

/**
 * What one reconciliation found and did. {@code orphans} were old enough and nothing pointed at them;
 * {@code removed} of them went (none in a dry run), {@code removalFailures} could not be removed and wait for the
 * next run. {@code keptInUnknownBuckets} are orphans left alone because their bucket has no row either.
 */
public record ReconcileResult(boolean dryRun, long listed, long young, long orphans, long removed,
                              long removalFailures, long unidentified, long keptInUnknownBuckets, long rowsChecked,
                              long rowsWithoutBlobs) {
}
