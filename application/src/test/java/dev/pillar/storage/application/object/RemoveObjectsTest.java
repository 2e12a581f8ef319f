package dev.pillar.storage.application.object;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RemoveObjectsTest {
    private final StorageFixture world = new StorageFixture();
    private final RemoveObjects remove = new RemoveObjects(world.metadata, world.cleaner);
    private final Bucket docs = world.bucket("docs");
    private final StoredObject a = world.object(docs, "a.txt", "a");
    private final StoredObject b = world.object(docs, "folder/b.txt", "b");
    private final StoredObject kept = world.object(docs, "kept.txt", "kept");

    @Test
    void removes_the_named_objects_rows_and_bytes_and_returns_them() {
        List<StoredObject> removed = remove.remove(command(a.name(), b.name()));

        assertEquals(List.of(a, b), removed);
        assertEquals(List.of(kept), world.metadata.objectsIn(docs.id()));
        assertEquals(Set.of(world.keyOf(kept).path()), world.store.paths());
    }

    @Test
    void names_that_do_not_exist_are_simply_absent_from_the_result() {
        List<StoredObject> removed = remove.remove(command(ObjectName.of("ghost.txt"), a.name()));

        assertEquals(List.of(a), removed);
    }

    @Test
    void objects_the_callers_policies_hide_are_neither_returned_nor_touched() {
        world.metadata.hideObjects();

        assertEquals(List.of(), remove.remove(command(a.name())));
        assertEquals(Optional.of(a), world.metadata.object(docs.id(), a.name()));
        assertEquals(3, world.store.paths().size());
    }

    @Test
    void the_rows_are_gone_even_when_the_bytes_cannot_be_removed() {
        world.store.failDeletes();

        assertEquals(List.of(a), remove.remove(command(a.name())));
        assertEquals(Optional.empty(), world.metadata.object(docs.id(), a.name()));
    }

    @Test
    void one_object_is_removed_and_returned() {
        assertEquals(a, remove.removeOne(ALICE, docs.id(), a.name()));
        assertEquals(Optional.empty(), world.metadata.object(docs.id(), a.name()));
    }

    @Test
    void one_object_that_does_not_exist_is_not_found() {
        NotFound failure = assertThrows(NotFound.class, () -> remove.removeOne(ALICE, docs.id(), ObjectName.of("ghost")));

        assertEquals(Resource.OBJECT, failure.resource());
    }

    @Test
    void one_object_the_callers_policies_hide_is_refused_as_supabase_does_and_kept() {
        world.metadata.hideObjects();

        AccessDenied failure = assertThrows(AccessDenied.class, () -> remove.removeOne(ALICE, docs.id(), a.name()));

        assertEquals("Access denied", failure.getMessage());
        assertEquals(Optional.of(a), world.metadata.object(docs.id(), a.name()));
    }

    @Test
    void accepts_up_to_1000_names() {
        assertDoesNotThrow(() -> command(names(1000).toArray(ObjectName[]::new)));
    }

    @Test
    void refuses_more_than_1000_names() {
        InvalidInput failure = assertThrows(InvalidInput.class, () -> command(names(1001).toArray(ObjectName[]::new)));

        assertEquals(InvalidInput.Reason.INVALID_PARAMETER, failure.reason());
        assertEquals("Invalid Parameter prefixes", failure.getMessage());
    }

    @Test
    void refuses_an_empty_list_of_names() {
        assertThrows(InvalidInput.class, this::command);
    }

    private RemoveObjects.Command command(ObjectName... names) {
        return new RemoveObjects.Command(ALICE, docs.id(), List.of(names));
    }

    private static List<ObjectName> names(int count) {
        return IntStream.range(0, count).mapToObj(i -> ObjectName.of("file-" + i)).toList();
    }
}
