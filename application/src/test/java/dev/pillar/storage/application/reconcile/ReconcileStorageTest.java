package dev.pillar.storage.application.reconcile;

import dev.pillar.storage.application.StorageSettings;
import dev.pillar.storage.application.fakes.FixedClock;
import dev.pillar.storage.application.fakes.InMemoryObjectStore;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.BlobReferences;
import dev.pillar.storage.application.port.StoreEntry;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectContent;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconcileStorageTest {
    private static final Duration GRACE = Duration.ofHours(1);
    private final InMemoryObjectStore store = new InMemoryObjectStore();
    private final Metadata metadata = new Metadata();
    private final FixedClock clock = new FixedClock(Instant.now());
    private final ReconcileStorage reconcile = new ReconcileStorage(store, metadata,
            new StorageSettings("proj", ByteSize.mebibytes(50)), clock, GRACE);

    @Test
    void an_old_blob_nothing_points_at_is_removed_and_a_referenced_one_kept() {
        BlobKey orphan = write("docs", "a.txt", "v-old");
        BlobKey live = write("docs", "a.txt", "v-new");
        metadata.refer(live);
        clock.advance(Duration.ofHours(2));

        ReconcileResult result = reconcile.reconcile(false);

        assertFalse(store.contains(orphan));
        assertTrue(store.contains(live));
        assertEquals(new ReconcileResult(false, 2, 0, 1, 1, 0, 0, 0, 0, 0), result);
    }

    @Test
    void a_dry_run_reports_the_same_orphans_and_removes_nothing() {
        BlobKey orphan = write("docs", "a.txt", "v1");
        clock.advance(Duration.ofHours(2));

        ReconcileResult result = reconcile.reconcile(true);

        assertTrue(store.contains(orphan));
        assertEquals(new ReconcileResult(true, 1, 0, 1, 0, 0, 0, 0, 0, 0), result);
        assertEquals(1, reconcile.reconcile(false).removed());
        assertFalse(store.contains(orphan));
    }

    @Test
    void a_blob_younger_than_the_grace_period_is_left_alone_as_a_write_may_be_about_to_publish_it() {
        BlobKey fresh = write("docs", "a.txt", "v1");
        clock.advance(GRACE.minusMinutes(1));

        ReconcileResult result = reconcile.reconcile(false);

        assertTrue(store.contains(fresh));
        assertEquals(1, result.young());
        assertEquals(0, result.orphans());
    }

    @Test
    void a_crashed_writes_leftover_goes_and_a_blob_that_cannot_be_identified_stays() {
        store.leaveBehind(StoreEntry.leftover(".tmp/crashed.part", 10, clock.now()));
        BlobKey longName = write("docs", "x".repeat(300), "v1");
        clock.advance(Duration.ofHours(2));

        ReconcileResult result = reconcile.reconcile(false);

        assertEquals(1, result.removed());
        assertEquals(1, result.unidentified());
        assertTrue(store.contains(longName));
        assertEquals(List.of(longName.path()), store.list("proj").map(StoreEntry::location).toList());
    }

    @Test
    void a_multipart_upload_no_session_assembles_is_aborted_and_a_live_one_kept() {
        store.leaveBehind(StoreEntry.multipartUpload("mp-live", ".uploads/mp-live", 0, clock.now()));
        store.leaveBehind(StoreEntry.multipartUpload("mp-orphan", ".uploads/mp-orphan", 0, clock.now()));
        metadata.liveUploads.add("mp-live");
        clock.advance(Duration.ofHours(2));

        ReconcileResult result = reconcile.reconcile(false);

        assertEquals(1, result.removed());
        assertEquals(List.of("mp-live"), store.list("proj").map(entry -> entry.uploadId().orElseThrow()).toList());
    }

    @Test
    void an_orphan_in_a_bucket_without_a_row_is_kept_in_case_the_database_is_the_wrong_one() {
        BlobKey unknown = write("vanished", "a.txt", "v1");
        clock.advance(Duration.ofHours(2));

        ReconcileResult result = reconcile.reconcile(false);

        assertTrue(store.contains(unknown));
        assertEquals(1, result.keptInUnknownBuckets());
        assertEquals(0, result.orphans());
    }

    @Test
    void a_row_whose_blob_is_missing_is_reported_and_kept() {
        metadata.rows.add(row("docs", "lost.txt", "v1", clock.now()));
        metadata.rows.add(row("docs", "present.txt", "v1", clock.now()));
        write("docs", "present.txt", "v1");
        metadata.refer(new BlobKey("proj", BucketId.of("docs"), ObjectName.of("present.txt"), "v1"));
        clock.advance(Duration.ofHours(2));
        metadata.rows.add(row("docs", "just-published.txt", "v1", clock.now()));

        ReconcileResult result = reconcile.reconcile(false);

        assertEquals(2, result.rowsChecked());
        assertEquals(1, result.rowsWithoutBlobs());
        assertEquals(3, metadata.rows.size(), "rows are never deleted");
    }

    @Test
    void a_removal_the_store_refuses_is_counted_and_the_run_goes_on() {
        write("docs", "a.txt", "v1");
        write("docs", "b.txt", "v1");
        clock.advance(Duration.ofHours(2));
        store.failDeletes();

        ReconcileResult result = reconcile.reconcile(false);

        assertEquals(2, result.orphans());
        assertEquals(2, result.removalFailures());
        assertEquals(0, result.removed());
    }

    @Test
    void the_store_and_the_rows_are_walked_in_batches() {
        int count = 2 * ReconcileStorage.BATCH + 7;
        for (int i = 0; i < count; i++) {
            BlobKey key = write("docs", "n" + i, "v1");
            metadata.refer(key);
            metadata.rows.add(row("docs", "n" + i, "v1", clock.now()));
        }
        clock.advance(Duration.ofHours(2));

        ReconcileResult result = reconcile.reconcile(false);

        assertEquals(count, result.listed());
        assertEquals(count, result.rowsChecked());
        assertEquals(0, result.orphans() + result.rowsWithoutBlobs());
        assertEquals(3, metadata.referenceQuestions);
        assertTrue(metadata.largestQuestion <= ReconcileStorage.BATCH);
    }

    private BlobKey write(String bucket, String name, String version) {
        BlobKey key = new BlobKey("proj", BucketId.of(bucket), ObjectName.of(name), version);
        store.write(key, new ByteArrayInputStream(new byte[] {1, 2}));
        return key;
    }

    private static StoredObject row(String bucket, String name, String version, Instant at) {
        return StoredObject.create(UUID.randomUUID(), BucketId.of(bucket), ObjectName.of(name), Optional.empty(), version,
                new ObjectContent(ByteSize.of(2), MimeType.OCTET_STREAM, CacheControl.DEFAULT, "etag"),
                UserMetadata.EMPTY, at);
    }

    /** The metadata as the reconciler asks it: referenced keys, live uploads, the bucket "docs", and object rows. */
    private static final class Metadata implements BlobReferences {
        private final Set<BlobKey> referenced = new HashSet<>();
        private final List<StoredObject> rows = new ArrayList<>();
        private final Set<String> liveUploads = new HashSet<>();
        private int referenceQuestions;
        private int largestQuestion;

        void refer(BlobKey key) {
            referenced.add(key);
        }

        @Override
        public Set<BlobKey> referenced(Collection<BlobKey> keys) {
            referenceQuestions++;
            largestQuestion = Math.max(largestQuestion, keys.size());
            return keys.stream().filter(referenced::contains).collect(Collectors.toSet());
        }

        @Override
        public Set<String> liveMultipartUploads(Collection<String> uploadIds) {
            return uploadIds.stream().filter(liveUploads::contains).collect(Collectors.toSet());
        }

        @Override
        public Set<BucketId> existingBuckets(Collection<BucketId> buckets) {
            return buckets.stream().filter(bucket -> bucket.value().equals("docs")).collect(Collectors.toSet());
        }

        @Override
        public List<StoredObject> objectsAfter(Optional<StoredObject> after, int limit) {
            Comparator<StoredObject> order = Comparator.comparing((StoredObject row) -> row.bucketId().value())
                    .thenComparing(row -> row.name().value());
            return rows.stream().sorted(order)
                    .filter(row -> after.map(last -> order.compare(row, last) > 0).orElse(true))
                    .limit(limit).toList();
        }
    }
}
