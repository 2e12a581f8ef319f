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
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MoveObjectTest {
    private static final ObjectName TARGET = ObjectName.of("archive/report.txt");
    private final StorageFixture world = new StorageFixture();
    private final MoveObject move = new MoveObject(world.metadata, world.buckets, world.store, world.cleaner, world.settings,
            world.ids, world.clock);
    private final CopyObject copy = new CopyObject(world.metadata, world.buckets, world.store, world.cleaner, world.settings,
            world.ids, world.clock);
    private final Bucket docs = world.bucket("docs");
    private final StoredObject report = world.object(docs, "report.txt", "quarterly numbers");

    @Test
    void renames_the_object_keeping_its_identity_and_content_under_a_new_version_and_removes_the_old_bytes() {
        StoredObject moved = move.move(command(docs.id(), TARGET));

        assertEquals(Optional.empty(), world.metadata.object(docs.id(), report.name()));
        assertEquals(Optional.of(moved), world.metadata.object(docs.id(), TARGET));
        assertEquals(report.id(), moved.id());
        assertEquals(report.content(), moved.content());
        assertEquals(report.createdAt(), moved.createdAt());
        assertNotEquals(report.version(), moved.version());
        assertEquals(ALICE.subject(), moved.owner());
        assertEquals(Set.of(world.keyOf(moved).path()), world.store.paths());
        assertEquals("quarterly numbers", textAt(moved));
    }

    @Test
    void moves_across_buckets() {
        Bucket archive = world.bucket("archive");

        StoredObject moved = move.move(command(archive.id(), report.name()));

        assertEquals(List.of(), world.metadata.objectsIn(docs.id()));
        assertEquals(List.of(moved), world.metadata.objectsIn(archive.id()));
    }

    @Test
    void an_existing_destination_is_a_duplicate_and_both_objects_stay_as_they_were() {
        StoredObject existing = world.object(docs, TARGET.value(), "in the way");

        assertThrows(AlreadyExists.class, () -> move.move(command(docs.id(), TARGET)));

        assertEquals(List.of(existing, report), world.metadata.objectsIn(docs.id()));
        assertEquals(Set.of(world.keyOf(report).path(), world.keyOf(existing).path()), world.store.paths());
    }

    @Test
    void a_source_the_caller_cannot_see_is_not_found() {
        world.metadata.hideObjects();

        NotFound failure = assertThrows(NotFound.class, () -> move.move(command(docs.id(), TARGET)));

        assertEquals(Resource.OBJECT, failure.resource());
        assertEquals(Set.of(world.keyOf(report).path()), world.store.paths());
    }

    @Test
    void a_missing_destination_bucket_is_not_found() {
        NotFound failure = assertThrows(NotFound.class, () -> move.move(command(BucketId.of("nope"), TARGET)));

        assertEquals(Resource.BUCKET, failure.resource());
    }

    @Test
    void a_move_the_policies_refuse_leaves_the_source_and_no_copied_bytes() {
        world.metadata.denyWrites();

        assertThrows(AccessDenied.class, () -> move.move(command(docs.id(), TARGET)));

        assertEquals(List.of(report), world.metadata.objectsIn(docs.id()));
        assertEquals(Set.of(world.keyOf(report).path()), world.store.paths());
    }

    @Test
    void a_move_into_another_bucket_obeys_its_type_rules() {
        Bucket images = world.bucket("images", new BucketSettings(false, Optional.empty(),
                List.of(MimeType.of("image/*"))));

        assertThrows(MimeTypeNotAllowed.class, () -> move.move(command(images.id(), TARGET)));

        assertEquals(List.of(report), world.metadata.objectsIn(docs.id()));
    }

    @Nested
    class RacingOtherWritersOfTheSource {
        @Test
        void an_overwrite_between_the_copy_and_the_rename_is_moved_in_its_newer_version() {
            world.store.afterNextCopy(world.keyOf(report), () -> world.overwrite(report, "revised numbers"));

            StoredObject moved = move.move(command(docs.id(), TARGET));

            assertEquals("revised numbers", textAt(moved));
            assertEquals(Set.of(world.keyOf(moved).path()), world.store.paths(), "no stale copy left behind");
        }

        @Test
        void a_removal_between_the_copy_and_the_rename_leaves_nothing_and_is_not_found() {
            world.store.afterNextCopy(world.keyOf(report), () -> {
                world.metadata.objectsIn(docs.id()).forEach(object -> world.store.delete(world.keyOf(object)));
                world.metadata.remove(report);
            });

            assertThrows(NotFound.class, () -> move.move(command(docs.id(), TARGET)));

            assertEquals(List.of(), world.metadata.objectsIn(docs.id()));
            assertEquals(Set.of(), world.store.paths());
        }

        @Test
        void a_copy_finishing_while_the_move_copies_ends_as_copy_then_move() {
            ObjectName copyName = ObjectName.of("copy.txt");
            world.store.afterNextCopy(world.keyOf(report), () -> copy.copy(copyCommand(copyName)));

            StoredObject moved = move.move(command(docs.id(), TARGET));

            StoredObject copied = world.metadata.object(docs.id(), copyName).orElseThrow();
            assertEquals(List.of(moved, copied), world.metadata.objectsIn(docs.id()));
            assertEquals("quarterly numbers", textAt(copied));
            assertEquals(Set.of(world.keyOf(moved).path(), world.keyOf(copied).path()), world.store.paths());
        }

        @Test
        void a_move_finishing_while_a_copy_reads_the_source_ends_as_move_then_a_copy_that_finds_nothing() {
            ObjectName copyName = ObjectName.of("copy.txt");
            world.store.beforeNextRead(world.keyOf(report), () -> move.move(command(docs.id(), TARGET)));

            assertThrows(NotFound.class, () -> copy.copy(copyCommand(copyName)));

            StoredObject moved = world.metadata.object(docs.id(), TARGET).orElseThrow();
            assertEquals(List.of(moved), world.metadata.objectsIn(docs.id()));
            assertEquals(Set.of(world.keyOf(moved).path()), world.store.paths());
        }
    }

    private MoveObject.Command command(BucketId destination, ObjectName key) {
        return new MoveObject.Command(ALICE, docs.id(), report.name(), destination, key);
    }

    private CopyObject.Command copyCommand(ObjectName key) {
        return new CopyObject.Command(ALICE, docs.id(), report.name(), docs.id(), key, false, true,
                Optional.empty(), Optional.empty(), UserMetadata.EMPTY);
    }

    private String textAt(StoredObject object) {
        return new String(world.store.bytesAt(world.keyOf(object)).orElseThrow(), StandardCharsets.UTF_8);
    }
}
