package dev.pillar.storage.application.reconcile;

import dev.pillar.storage.application.StorageSettings;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.BlobNotFound;
import dev.pillar.storage.application.port.BlobReferences;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.StoreEntry;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.object.StoredObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Use case: find where the store and the metadata disagree (ADR 0015). Blobs, multipart uploads and write
 * leftovers older than the grace period that nothing points at are orphans: reported, and removed unless it is a dry run. Object rows
 * whose blob is missing are reported only, never deleted. Both walks go a batch at a time, so memory stays flat
 * however large the store.
 */
public final class ReconcileStorage {
    static final int BATCH = 500;
    private static final System.Logger LOG = System.getLogger(ReconcileStorage.class.getName());
    private final ObjectStore store;
    private final BlobReferences references;
    private final String projectRef;
    private final Clock clock;
    private final Duration gracePeriod;

    public ReconcileStorage(ObjectStore store, BlobReferences references, StorageSettings settings, Clock clock,
                            Duration gracePeriod) {
        this.store = store;
        this.references = references;
        this.projectRef = settings.projectRef();
        this.clock = clock;
        this.gracePeriod = gracePeriod;
    }

    /** Walks the store, then the object rows; reports each finding as a log line and returns the counts. */
    public ReconcileResult reconcile(boolean dryRun) {
        long started = System.nanoTime();
        Run run = new Run(dryRun, clock.now().minus(gracePeriod));
        try (Stream<StoreEntry> entries = store.list(projectRef)) {
            Iterator<StoreEntry> listed = entries.iterator();
            List<StoreEntry> batch = new ArrayList<>(BATCH);
            while (listed.hasNext()) {
                batch.add(listed.next());
                if (batch.size() == BATCH || !listed.hasNext()) {
                    run.examine(batch);
                    batch.clear();
                }
            }
        }
        run.checkRows();
        ReconcileResult result = run.result();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("event", "reconcile_finished");
        summary.putAll(result.fields());
        summary.put("duration_ms", (System.nanoTime() - started) / 1_000_000);
        LOG.log(System.Logger.Level.INFO, "reconcile", summary);
        return result;
    }

    /** One reconciliation's state: the cut-off and the counts. */
    private final class Run {
        private final boolean dryRun;
        private final Instant cutoff;
        private long listed;
        private long young;
        private long orphans;
        private long removed;
        private long removalFailures;
        private long unidentified;
        private long keptInUnknownBuckets;
        private long rowsChecked;
        private long rowsWithoutBlobs;

        Run(boolean dryRun, Instant cutoff) {
            this.dryRun = dryRun;
            this.cutoff = cutoff;
        }

        void examine(List<StoreEntry> batch) {
            List<StoreEntry> blobs = new ArrayList<>();
            List<StoreEntry> uploads = new ArrayList<>();
            for (StoreEntry entry : batch) {
                listed++;
                if (entry.changedAt().isAfter(cutoff)) {
                    // Maybe a write about to publish its row: left for a later run.
                    young++;
                    continue;
                }
                switch (entry.kind()) {
                    case BLOB -> blobs.add(entry);
                    case MULTIPART_UPLOAD -> uploads.add(entry);
                    case LEFTOVER -> removeOrphan(entry, "orphan_leftover");
                    case UNIDENTIFIED_BLOB -> {
                        unidentified++;
                        report("unidentified_blob", entry, "kept");
                    }
                }
            }
            examineUploads(uploads);
            if (blobs.isEmpty()) {
                return;
            }
            Set<BlobKey> referenced = references.referenced(blobs.stream().map(entry -> entry.key().orElseThrow())
                    .toList());
            List<StoreEntry> unreferenced = blobs.stream()
                    .filter(entry -> !referenced.contains(entry.key().orElseThrow())).toList();
            Set<BucketId> buckets = references.existingBuckets(unreferenced.stream()
                    .map(entry -> entry.key().orElseThrow().bucketId()).collect(Collectors.toSet()));
            for (StoreEntry entry : unreferenced) {
                if (buckets.contains(entry.key().orElseThrow().bucketId())) {
                    removeOrphan(entry, "orphan_blob");
                } else {
                    // No bucket row either: more likely the wrong database than a deleted bucket; keep the bytes.
                    keptInUnknownBuckets++;
                    report("orphan_blob", entry, "kept_bucket_unknown");
                }
            }
        }

        private void examineUploads(List<StoreEntry> uploads) {
            if (uploads.isEmpty()) {
                return;
            }
            Set<String> live = references.liveMultipartUploads(uploads.stream()
                    .map(entry -> entry.uploadId().orElseThrow()).toList());
            uploads.stream().filter(entry -> !live.contains(entry.uploadId().orElseThrow()))
                    .forEach(entry -> removeOrphan(entry, "orphan_multipart_upload"));
        }

        void checkRows() {
            Optional<StoredObject> after = Optional.empty();
            List<StoredObject> page;
            do {
                page = references.objectsAfter(after, BATCH);
                page.forEach(this::checkRow);
                after = page.isEmpty() ? after : Optional.of(page.getLast());
            } while (page.size() == BATCH);
        }

        private void checkRow(StoredObject row) {
            if (row.version().isEmpty() || row.updatedAt().isAfter(cutoff)) {
                return;
            }
            rowsChecked++;
            BlobKey key = new BlobKey(projectRef, row.bucketId(), row.name(), row.version());
            try {
                store.head(key);
            } catch (BlobNotFound missing) {
                rowsWithoutBlobs++;
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("event", "row_without_blob");
                line.put("bucket", row.bucketId().value());
                line.put("object", row.name().value());
                line.put("version", row.version());
                line.put("updated_at", row.updatedAt().toString());
                line.put("action", "reported");
                LOG.log(System.Logger.Level.WARNING, "reconcile", line);
            }
        }

        private void removeOrphan(StoreEntry entry, String event) {
            orphans++;
            if (dryRun) {
                report(event, entry, "would_remove");
                return;
            }
            try {
                store.remove(entry);
                removed++;
                report(event, entry, "removed");
            } catch (Unavailable e) {
                removalFailures++;
                report(event, entry, "remove_failed");
            }
        }

        private void report(String event, StoreEntry entry, String action) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("event", event);
            line.put("location", entry.location());
            entry.uploadId().ifPresent(id -> line.put("upload_id", id));
            entry.key().ifPresent(key -> {
                line.put("bucket", key.bucketId().value());
                line.put("object", key.name().value());
                line.put("version", key.version());
            });
            line.put("size_bytes", entry.size());
            line.put("changed_at", entry.changedAt().toString());
            line.put("action", action);
            LOG.log(action.equals("remove_failed") ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                    "reconcile", line);
        }

        ReconcileResult result() {
            return new ReconcileResult(dryRun, listed, young, orphans, removed, removalFailures, unidentified,
                    keptInUnknownBuckets, rowsChecked, rowsWithoutBlobs);
        }
    }
}
