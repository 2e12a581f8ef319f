package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.BlobReferences;
import dev.pillar.storage.application.upload.ResumableUpload;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import dev.pillar.storage.domain.upload.UploadSession;
import dev.pillar.storage.domain.upload.UploadState;
import dev.pillar.storage.domain.upload.UploadTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reconciler's questions, answered by the real PostgreSQL in one statement per batch. */
class BlobReferencesTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated();
    private static PostgresMetadataStore store;
    private static BlobReferences references;

    @BeforeAll
    static void openStore() {
        store = DB.open();
        references = store.blobReferences();
    }

    @BeforeEach
    void empty() {
        DB.clearStorage();
        DB.execute("truncate storage.upload_sessions");
        store.inTransaction(Fixtures.SERVICE, repos -> {
            repos.buckets().insert(Fixtures.bucket("docs"));
            repos.buckets().insert(Fixtures.bucket("media"));
            return null;
        });
    }

    @Test
    void a_key_is_referenced_by_its_objects_current_version_only() {
        StoredObject row = insert(Fixtures.object("docs", "reports/q1 ä.pdf"));
        BlobKey current = key(row.bucketId().value(), row.name().value(), row.version());
        BlobKey stale = key("docs", "reports/q1 ä.pdf", "an-old-version");
        BlobKey otherName = key("docs", "reports/q2.pdf", row.version());

        assertEquals(Set.of(current), references.referenced(List.of(current, stale, otherName)));
    }

    @Test
    void an_upload_in_progress_references_its_blob_to_be_and_its_staged_tail() {
        UploadTarget target = new UploadTarget(BucketId.of("media"), ObjectName.of("clip.mp4"), Optional.empty(), false,
                MimeType.of("video/mp4"), CacheControl.DEFAULT, UserMetadata.EMPTY);
        UploadSession session = new UploadSession("u1", target, Optional.empty(), ByteSize.of(1_000_000), 7,
                UploadState.RECEIVING, Instant.now().plusSeconds(3600));
        store.uploadSessions().insert(new ResumableUpload(session, "final-version", 5 * 1024 * 1024, Optional.of("mp-1"),
                List.of(), List.of(new ResumableUpload.Segment("tail-1", 3), new ResumableUpload.Segment("tail-2", 4))));

        Set<BlobKey> referenced = references.referenced(List.of(key("media", "clip.mp4", "final-version"),
                key("media", "clip.mp4", "tail-2"), key("media", "clip.mp4", "tail-3"),
                key("media", "other.mp4", "tail-1")));

        assertEquals(Set.of(key("media", "clip.mp4", "final-version"), key("media", "clip.mp4", "tail-2")), referenced);
        assertEquals(Set.of("mp-1"), references.liveMultipartUploads(List.of("mp-1", "mp-2")));
    }

    @Test
    void only_buckets_with_a_row_exist() {
        assertEquals(Set.of(BucketId.of("docs")),
                references.existingBuckets(List.of(BucketId.of("docs"), BucketId.of("gone"))));
    }

    @Test
    void object_rows_are_walked_in_pages_by_bucket_then_name_bytewise() {
        List<String> names = List.of("B", "a", "a/b", "a-b", "é", "z");
        names.forEach(name -> insert(Fixtures.object("media", name)));
        insert(Fixtures.object("docs", "zzz"));

        List<String> walked = new ArrayList<>();
        Optional<StoredObject> after = Optional.empty();
        List<StoredObject> page;
        do {
            page = references.objectsAfter(after, 3);
            page.forEach(row -> walked.add(row.bucketId().value() + ":" + row.name().value()));
            after = page.isEmpty() ? after : Optional.of(page.getLast());
        } while (!page.isEmpty());

        assertEquals(List.of("docs:zzz", "media:B", "media:a", "media:a-b", "media:a/b", "media:z", "media:é"), walked);
    }

    @Test
    void a_batch_of_a_thousand_keys_is_answered_in_one_call() {
        List<BlobKey> keys = IntStream.range(0, 1000).mapToObj(i -> key("docs", "n" + i, "v" + i)).toList();
        StoredObject row = insert(Fixtures.object("docs", "n500"));

        assertEquals(Set.of(), references.referenced(keys));
        assertEquals(Set.of(key("docs", "n500", row.version())),
                references.referenced(List.of(key("docs", "n500", row.version()))));
    }

    private static StoredObject insert(StoredObject row) {
        return store.inTransaction(Fixtures.SERVICE, repos -> {
            repos.objects().insert(row);
            return row;
        });
    }

    private static BlobKey key(String bucket, String name, String version) {
        return new BlobKey("proj", BucketId.of(bucket), ObjectName.of(name), version);
    }
}
