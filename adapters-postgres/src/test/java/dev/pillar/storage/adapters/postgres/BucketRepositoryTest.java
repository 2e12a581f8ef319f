package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.BucketQuery;
import dev.pillar.storage.application.port.MetadataStore.Repositories;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.failure.BucketNotEmpty;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.MimeType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BucketRepositoryTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated();
    private static PostgresMetadataStore store;

    @BeforeAll
    static void openStore() {
        store = DB.open();
    }

    @BeforeEach
    void emptyTables() {
        DB.clearStorage();
    }

    @Test
    void a_bucket_reads_back_as_it_was_written() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        BucketSettings settings = new BucketSettings(true, Optional.of(ByteSize.mebibytes(20)),
                List.of(MimeType.of("image/*"), MimeType.of("text/plain;charset=UTF-8")));
        Bucket bucket = new Bucket(BucketId.of("avatars"), "avatars", Optional.of("user-42"), settings, now, now);

        asService(repos -> {
            repos.buckets().insert(bucket);
            return null;
        });

        assertEquals(Optional.of(bucket), asService(repos -> repos.buckets().find(BucketId.of("avatars"))));
        assertEquals(Optional.empty(), asService(repos -> repos.buckets().find(BucketId.of("missing"))));
    }

    @Test
    void the_owner_goes_to_owner_id_always_and_to_the_uuid_owner_column_only_when_it_is_one() {
        String uuid = "0b6f3c2e-7a1d-4a55-9d3e-2f0a6c9b1e77";
        asService(repos -> {
            repos.buckets().insert(withOwner(Fixtures.bucket("by-uuid"), uuid));
            repos.buckets().insert(withOwner(Fixtures.bucket("by-name"), "service-account"));
            return null;
        });

        assertEquals(uuid + "|" + uuid, DB.queryText("select owner::text || '|' || owner_id from storage.buckets"
                + " where id = 'by-uuid'"));
        assertNull(DB.queryText("select owner from storage.buckets where id = 'by-name'"));
        assertEquals("service-account", DB.queryText("select owner_id from storage.buckets where id = 'by-name'"));
    }

    @Test
    void a_second_bucket_with_the_same_id_already_exists() {
        asService(repos -> {
            repos.buckets().insert(Fixtures.bucket("dup"));
            return null;
        });

        AlreadyExists failure = assertThrows(AlreadyExists.class, () -> asService(repos -> {
            repos.buckets().insert(Fixtures.bucket("dup"));
            return null;
        }));
        assertEquals(Resource.BUCKET, failure.resource());
    }

    @Test
    void update_changes_the_settings_and_says_whether_a_row_was_there() {
        Bucket bucket = Fixtures.bucket("settings");
        asService(repos -> {
            repos.buckets().insert(bucket);
            return null;
        });
        Instant later = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MICROS);
        Bucket changed = bucket.withSettings(new BucketSettings(true, Optional.of(ByteSize.of(1024)),
                List.of(MimeType.of("image/png"))), later);

        assertTrue(BucketRepositoryTest.<Boolean>asService(repos -> repos.buckets().update(changed)));
        assertFalse(BucketRepositoryTest.<Boolean>asService(repos -> repos.buckets().update(Fixtures.bucket("ghost"))));

        Bucket read = asService(repos -> repos.buckets().find(bucket.id())).orElseThrow();
        assertEquals(changed.settings(), read.settings());
        assertEquals(later, read.updatedAt());
    }

    @Test
    void delete_says_whether_a_row_was_there_and_refuses_while_objects_remain() {
        asService(repos -> {
            repos.buckets().insert(Fixtures.bucket("empty"));
            repos.buckets().insert(Fixtures.bucket("full"));
            repos.objects().insert(Fixtures.object("full", "a.txt"));
            return null;
        });

        assertTrue(BucketRepositoryTest.<Boolean>asService(repos -> repos.buckets().delete(BucketId.of("empty"))));
        assertFalse(BucketRepositoryTest.<Boolean>asService(repos -> repos.buckets().delete(BucketId.of("empty"))));
        assertThrows(BucketNotEmpty.class, () -> asService(repos -> repos.buckets().delete(BucketId.of("full"))));
        assertTrue(asService(repos -> repos.buckets().find(BucketId.of("full"))).isPresent());
    }

    @Test
    void list_searches_names_literally_and_case_insensitively() {
        insertBuckets("Photos", "photo_archive", "photoXarchive", "docs");

        assertEquals(Set.of("Photos", "photo_archive", "photoXarchive"), Set.copyOf(listNames(search("PHOTO"))));
        assertEquals(List.of("photo_archive"), listNames(search("o_a")));
        assertEquals(List.of("photo_archive"), listNames(search("_")));
        assertEquals(List.of(), listNames(search("%")));
        assertEquals(List.of(), listNames(search("nothing")));
    }

    @Test
    void list_sorts_by_the_chosen_column_and_pages() {
        insertBuckets("b", "c", "a", "d");

        assertEquals(List.of("a", "b", "c", "d"), listNames(BucketQuery.all()));
        assertEquals(List.of("d", "c", "b", "a"), listNames(query(OptionalInt.empty(), 0,
                BucketQuery.SortColumn.ID, SortOrder.DESC)));
        assertEquals(List.of("b", "c", "a", "d"), listNames(query(OptionalInt.empty(), 0,
                BucketQuery.SortColumn.CREATED_AT, SortOrder.ASC)));
        assertEquals(List.of("c", "a"), listNames(query(OptionalInt.of(2), 1,
                BucketQuery.SortColumn.CREATED_AT, SortOrder.ASC)));
        assertEquals(List.of("a"), listNames(query(OptionalInt.of(5), 3,
                BucketQuery.SortColumn.NAME, SortOrder.DESC)));
        assertEquals(List.of(), listNames(query(OptionalInt.of(0), 0, BucketQuery.SortColumn.NAME, SortOrder.ASC)));
    }

    private static void insertBuckets(String... ids) {
        for (String id : ids) {
            asService(repos -> {
                repos.buckets().insert(Fixtures.bucket(id));
                return null;
            });
        }
    }

    private static List<String> listNames(BucketQuery query) {
        return asService(repos -> repos.buckets().list(query)).stream().map(Bucket::name).toList();
    }

    private static BucketQuery search(String text) {
        return new BucketQuery(OptionalInt.empty(), 0, Optional.of(text), BucketQuery.SortColumn.NAME, SortOrder.ASC);
    }

    private static BucketQuery query(OptionalInt limit, int offset, BucketQuery.SortColumn column, SortOrder order) {
        return new BucketQuery(limit, offset, Optional.empty(), column, order);
    }

    private static Bucket withOwner(Bucket bucket, String owner) {
        return new Bucket(bucket.id(), bucket.name(), Optional.of(owner), bucket.settings(), bucket.createdAt(),
                bucket.updatedAt());
    }

    private static <T> T asService(Function<Repositories, T> work) {
        return store.inTransaction(Fixtures.SERVICE, work);
    }
}
