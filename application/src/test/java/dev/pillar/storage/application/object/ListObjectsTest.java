package dev.pillar.storage.application.object;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.application.port.BucketRepository;
import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.ObjectListQuery;
import dev.pillar.storage.application.port.ObjectRepository;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.BucketId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ListObjectsTest {

    @Test
    void hands_the_query_unchanged_to_a_reading_acting_as_the_caller() {
        BucketId bucket = BucketId.of("docs");
        ObjectListQuery query = new ObjectListQuery("photos/", "cat", 10, 20, ObjectListQuery.SortColumn.CREATED_AT,
                SortOrder.DESC);
        List<ListedEntry> page = List.of(new ListedEntry("2024", Optional.empty()));
        ObjectRepository objects = mock(ObjectRepository.class);
        when(objects.list(bucket, query)).thenReturn(page);
        MetadataStore metadata = mock(MetadataStore.class);
        when(metadata.reading(eq(ALICE), any())).thenAnswer(call -> call.<Function<MetadataStore.Repositories, ?>>
                getArgument(1).apply(new MetadataStore.Repositories(mock(BucketRepository.class), objects)));

        assertEquals(page, new ListObjects(metadata).list(ALICE, bucket, query));
    }

    @Test
    void lists_only_what_the_callers_policies_let_them_see() {
        StorageFixture world = new StorageFixture();
        world.object(world.bucket("docs"), "secret.txt", "s");
        world.metadata.hideObjects();

        assertEquals(List.of(), new ListObjects(world.metadata).list(ALICE, BucketId.of("docs"),
                new ObjectListQuery("", "", 100, 0, ObjectListQuery.SortColumn.NAME, SortOrder.ASC)));
    }
}
