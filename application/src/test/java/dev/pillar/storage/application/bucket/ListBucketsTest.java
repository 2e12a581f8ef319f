package dev.pillar.storage.application.bucket;

import dev.pillar.storage.application.port.BucketQuery;
import dev.pillar.storage.application.port.BucketRepository;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.ObjectRepository;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static dev.pillar.storage.application.StorageFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ListBucketsTest {

    @Test
    void hands_the_query_unchanged_to_a_reading_acting_as_the_caller() {
        BucketQuery query = new BucketQuery(OptionalInt.of(5), 10, Optional.of("ava"), BucketQuery.SortColumn.CREATED_AT,
                SortOrder.DESC);
        List<Bucket> page = List.of(Bucket.create(BucketId.of("avatars"), Optional.empty(),
                BucketSettings.privateDefaults(), START));
        BucketRepository buckets = mock(BucketRepository.class);
        when(buckets.list(query)).thenReturn(page);
        MetadataStore metadata = mock(MetadataStore.class);
        when(metadata.reading(eq(ALICE), any())).thenAnswer(call -> call.<Function<MetadataStore.Repositories, ?>>
                getArgument(1).apply(new MetadataStore.Repositories(buckets, mock(ObjectRepository.class))));

        assertEquals(page, new ListBuckets(metadata).list(ALICE, query));
    }
}
