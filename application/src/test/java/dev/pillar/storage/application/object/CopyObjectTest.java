package dev.pillar.storage.application.object;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.failure.MimeTypeNotAllowed;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.failure.TooLarge;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static dev.pillar.storage.application.StorageFixture.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CopyObjectTest {
    private static final ObjectName COPY = ObjectName.of("copies/report.txt");
    private final StorageFixture world = new StorageFixture();
    private final CopyObject copy = new CopyObject(world.metadata, world.buckets, world.store, world.cleaner, world.settings,
            world.ids, world.clock);
    private final Bucket docs = world.bucket("docs");
    private final StoredObject report = world.object(docs, "report.txt", "quarterly numbers");

    @Test
    void copies_bytes_and_metadata_to_a_new_object_owned_by_the_caller_and_leaves_the_source_alone() {
        StoredObject copied = copy.copy(command(docs.id(), COPY, false));

        assertEquals(Optional.of(copied), world.metadata.object(docs.id(), COPY));
        assertNotEquals(report.id(), copied.id());
        assertNotEquals(report.version(), copied.version());
        assertEquals(report.content(), copied.content());
        assertEquals(ALICE.subject(), copied.owner());
        assertEquals("quarterly numbers", textAt(copied));
        assertEquals(Optional.of(report), world.metadata.object(docs.id(), report.name()));
        assertEquals(Set.of(world.keyOf(report).path(), world.keyOf(copied).path()), world.store.paths());
    }

    @Test
    void copies_across_buckets() {
        Bucket archive = world.bucket("archive");

        StoredObject copied = copy.copy(command(archive.id(), report.name(), false));

        assertEquals(archive.id(), copied.bucketId());
        assertEquals("quarterly numbers", textAt(copied));
    }

    @Test
    void without_copying_metadata_the_given_type_caching_and_user_metadata_replace_the_sources() {
        UserMetadata mine = new UserMetadata("{\"copied\":true}");
        StoredObject copied = copy.copy(new CopyObject.Command(ALICE, docs.id(), report.name(), docs.id(), COPY,
                false, false, Optional.of(MimeType.of("text/markdown")), Optional.empty(), mine));

        assertEquals(MimeType.of("text/markdown"), copied.content().mimeType());
        assertEquals(report.content().cacheControl(), copied.content().cacheControl(), "not given: kept");
        assertEquals(mine, copied.userMetadata());
    }

    @Test
    void an_existing_destination_without_upsert_is_a_duplicate_and_nothing_changes() {
        StoredObject existing = world.object(docs, COPY.value(), "already here");

        assertThrows(AlreadyExists.class, () -> copy.copy(command(docs.id(), COPY, false)));

        assertEquals(Optional.of(existing), world.metadata.object(docs.id(), COPY));
        assertEquals(Set.of(world.keyOf(report).path(), world.keyOf(existing).path()), world.store.paths());
    }

    @Test
    void an_upsert_switches_the_destination_to_the_copy_and_removes_its_old_bytes() {
        StoredObject existing = world.object(docs, COPY.value(), "already here");

        StoredObject copied = copy.copy(command(docs.id(), COPY, true));

        assertEquals(existing.id(), copied.id());
        assertEquals("quarterly numbers", textAt(copied));
        assertEquals(Set.of(world.keyOf(report).path(), world.keyOf(copied).path()), world.store.paths());
    }

    @Test
    void a_source_the_caller_cannot_see_is_not_found_and_nothing_is_stored() {
        world.metadata.hideObjects();

        NotFound failure = assertThrows(NotFound.class, () -> copy.copy(command(docs.id(), COPY, false)));

        assertEquals(Resource.OBJECT, failure.resource());
        assertEquals(Set.of(world.keyOf(report).path()), world.store.paths());
    }

    @Test
    void a_missing_destination_bucket_is_not_found() {
        NotFound failure = assertThrows(NotFound.class, () -> copy.copy(command(BucketId.of("nope"), COPY, false)));

        assertEquals(Resource.BUCKET, failure.resource());
    }

    @Test
    void the_destination_buckets_type_and_size_rules_apply() {
        Bucket images = world.bucket("images", new BucketSettings(false, Optional.empty(),
                List.of(MimeType.of("image/*"))));
        Bucket tiny = world.bucket("tiny", new BucketSettings(false, Optional.of(ByteSize.of(4)), List.of()));

        assertThrows(MimeTypeNotAllowed.class, () -> copy.copy(command(images.id(), COPY, false)));
        assertThrows(TooLarge.class, () -> copy.copy(command(tiny.id(), COPY, false)));
        assertEquals(Set.of(world.keyOf(report).path()), world.store.paths());
    }

    @Test
    void a_destination_row_the_policies_refuse_leaves_no_copied_bytes() {
        world.metadata.denyWrites();

        assertThrows(AccessDenied.class, () -> copy.copy(command(docs.id(), COPY, false)));

        assertEquals(List.of(report), world.metadata.objectsIn(docs.id()));
        assertEquals(Set.of(world.keyOf(report).path()), world.store.paths());
    }

    @Test
    void a_source_overwritten_just_before_its_bytes_are_copied_is_copied_in_its_newer_version() {
        world.store.beforeNextRead(world.keyOf(report), () -> world.overwrite(report, "revised numbers"));

        StoredObject copied = copy.copy(command(docs.id(), COPY, false));

        assertEquals("revised numbers", textAt(copied));
        assertEquals(2, world.store.paths().size(), "the newer source and the copy, nothing else");
    }

    @Test
    void reads_the_source_and_writes_the_destination_as_the_caller() {
        copy.copy(command(docs.id(), COPY, false));

        assertEquals(List.of(SERVICE, ALICE, ALICE), world.metadata.transactionCallers(),
                "bucket rules looked up by the server, then the caller's read and write");
    }

    private CopyObject.Command command(BucketId destination, ObjectName key, boolean upsert) {
        return new CopyObject.Command(ALICE, docs.id(), report.name(), destination, key, upsert, true,
                Optional.empty(), Optional.of(CacheControl.maxAge(5)), UserMetadata.EMPTY);
    }

    private String textAt(StoredObject object) {
        return new String(world.store.bytesAt(world.keyOf(object)).orElseThrow(), StandardCharsets.UTF_8);
    }
}
