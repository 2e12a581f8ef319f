package dev.pillar.storage.application.reconcile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one reconciliation found and did. {@code orphans} were old enough and nothing pointed at them;
 * {@code removed} of them went (none in a dry run), {@code removalFailures} could not be removed and wait for the
 * next run. {@code keptInUnknownBuckets} are orphans left alone because their bucket has no row either.
 */
public record ReconcileResult(boolean dryRun, long listed, long young, long orphans, long removed,
                              long removalFailures, long unidentified, long keptInUnknownBuckets, long rowsChecked,
                              long rowsWithoutBlobs) {

    /** The counts as log fields, in snake case. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("dry_run", dryRun);
        fields.put("listed", listed);
        fields.put("young", young);
        fields.put("orphans", orphans);
        fields.put("removed", removed);
        fields.put("removal_failures", removalFailures);
        fields.put("unidentified", unidentified);
        fields.put("kept_in_unknown_buckets", keptInUnknownBuckets);
        fields.put("rows_checked", rowsChecked);
        fields.put("rows_without_blobs", rowsWithoutBlobs);
        return fields;
    }
}
