package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.ObjectPage;
import dev.pillar.storage.application.port.ObjectPageQuery;
import dev.pillar.storage.application.port.ObjectPageQuery.Position;
import dev.pillar.storage.application.port.ObjectPageQuery.SortColumn;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectPagingTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated();
    private static final BucketId BUCKET = BucketId.of("keys");
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    /** Created one second apart in this order; b.txt is updated last. */
    private static final List<String> NAMES = List.of("b.txt", "a/2.txt", "a/1.txt", "a.txt", "a/sub/3.txt",
            "ab/4.txt", "c/5.txt", "Z.txt", "a0.txt", "é.txt");
    private static final UUID ALICE = UUID.fromString("a11ce000-0000-4000-8000-000000000001");
    private static PostgresMetadataStore store;

    @BeforeAll
    static void writeKeys() {
        store = DB.open();
        store.inTransaction(Fixtures.SERVICE, repos -> {
            repos.buckets().insert(Fixtures.bucket(BUCKET.value()));
            repos.buckets().insert(Fixtures.bucket("wild"));
            repos.buckets().insert(Fixtures.bucket("rls"));
            for (int i = 0; i < NAMES.size(); i++) {
                repos.objects().insert(at(BUCKET.value(), NAMES.get(i), T0.plusSeconds(i)));
            }
            repos.objects().upsert(at(BUCKET.value(), "b.txt", T0.plusSeconds(20))); // updated, created as before
            repos.objects().insert(at("wild", "x_y.txt", T0));
            repos.objects().insert(at("wild", "xzy.txt", T0));
            repos.objects().insert(at("rls", ALICE + "/mine.txt", T0));
            repos.objects().insert(at("rls", "someone-else/theirs.txt", T0));
            repos.objects().insert(at("rls", "top.txt", T0));
            return null;
        });
        DB.execute("""
                create policy "own folder in rls" on storage.objects for select to authenticated
                using (bucket_id = 'rls' and (storage.foldername(name))[1] = auth.uid()::text)""");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 100})
    void a_flat_listing_in_byte_order_pages_through_every_key_under_the_prefix(int limit) {
        List<String> all = List.of("Z.txt", "a.txt", "a/1.txt", "a/2.txt", "a/sub/3.txt", "a0.txt", "ab/4.txt",
                "b.txt", "c/5.txt", "é.txt");
        assertEquals(all, pages("", false, SortColumn.NAME, SortOrder.ASC, limit));
        assertEquals(all.reversed(), pages("", false, SortColumn.NAME, SortOrder.DESC, limit));
        assertEquals(List.of("a/1.txt", "a/2.txt", "a/sub/3.txt"), pages("a/", false, SortColumn.NAME, SortOrder.ASC,
                limit));
        assertEquals(List.of("a.txt", "a/1.txt", "a/2.txt", "a/sub/3.txt", "a0.txt", "ab/4.txt"),
                pages("a", false, SortColumn.NAME, SortOrder.ASC, limit));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 100})
    void a_delimited_listing_gathers_deeper_keys_into_folders_and_pages_past_them(int limit) {
        List<String> root = List.of("Z.txt", "a.txt", "a/", "a0.txt", "ab/", "b.txt", "c/", "é.txt");
        assertEquals(root, pages("", true, SortColumn.NAME, SortOrder.ASC, limit));
        assertEquals(root.reversed(), pages("", true, SortColumn.NAME, SortOrder.DESC, limit));
        assertEquals(List.of("a/1.txt", "a/2.txt", "a/sub/"), pages("a/", true, SortColumn.NAME, SortOrder.ASC, limit));
        assertEquals(List.of("a/sub/", "a/2.txt", "a/1.txt"), pages("a/", true, SortColumn.NAME, SortOrder.DESC,
                limit));
        assertEquals(List.of("a.txt", "a/", "a0.txt", "ab/"), pages("a", true, SortColumn.NAME, SortOrder.ASC, limit));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 100})
    void time_orders_follow_the_column_with_folders_at_their_earliest_creation(int limit) {
        assertEquals(NAMES, pages("", false, SortColumn.CREATED_AT, SortOrder.ASC, limit));
        List<String> byUpdate = new ArrayList<>(NAMES.subList(1, NAMES.size()));
        byUpdate.add("b.txt");
        assertEquals(byUpdate, pages("", false, SortColumn.UPDATED_AT, SortOrder.ASC, limit));
        assertEquals(byUpdate.reversed(), pages("", false, SortColumn.UPDATED_AT, SortOrder.DESC, limit));
        assertEquals(List.of("b.txt", "a/", "a.txt", "ab/", "c/", "Z.txt", "a0.txt", "é.txt"),
                pages("", true, SortColumn.CREATED_AT, SortOrder.ASC, limit));
        assertEquals(List.of("b.txt", "é.txt", "a0.txt", "Z.txt", "c/", "ab/", "a.txt", "a/"),
                pages("", true, SortColumn.UPDATED_AT, SortOrder.DESC, limit));
    }

    @Test
    void a_page_holds_objects_with_their_rows_and_folders_without() {
        ObjectPage page = page(new ObjectPageQuery("a/", true, 10, SortColumn.NAME, SortOrder.ASC, Optional.empty()));

        assertFalse(page.hasNext());
        assertEquals("a/1.txt", page.entries().getFirst().file().orElseThrow().name().value());
        assertTrue(page.entries().getLast().isFolder());
    }

    @Test
    void the_next_position_is_the_last_entry_with_its_time_in_a_time_order() {
        ObjectPage page = page(new ObjectPageQuery("", true, 2, SortColumn.CREATED_AT, SortOrder.ASC,
                Optional.empty()));

        assertEquals(Optional.of(new Position("a/", Optional.of(T0.plusSeconds(1)))), page.next());
    }

    @Test
    void like_wildcards_in_the_prefix_are_literal() {
        assertEquals(List.of("x_y.txt"), names(page(new ObjectPageQuery("x_", false, 10, SortColumn.NAME,
                SortOrder.ASC, Optional.empty()), "wild")));
    }

    @Test
    void a_caller_sees_only_what_the_policies_let_them_folders_included() {
        Caller alice = Fixtures.user(ALICE);
        ObjectPageQuery root = new ObjectPageQuery("", true, 10, SortColumn.NAME, SortOrder.ASC, Optional.empty());

        assertEquals(List.of(ALICE + "/"), names(store.inTransaction(alice,
                repos -> repos.objects().page(BucketId.of("rls"), root))));
        assertEquals(List.of(), names(store.inTransaction(Fixtures.ANON,
                repos -> repos.objects().page(BucketId.of("rls"), root))));
    }

    /** Every entry's name, page after page of {@code limit}, checking each page's size and the end. */
    private static List<String> pages(String prefix, boolean delimited, SortColumn column, SortOrder order, int limit) {
        List<String> names = new ArrayList<>();
        Optional<Position> after = Optional.empty();
        for (int pageCount = 0; pageCount < 100; pageCount++) {
            ObjectPage page = page(new ObjectPageQuery(prefix, delimited, limit, column, order, after));
            assertTrue(page.entries().size() <= limit);
            names.addAll(names(page));
            if (!page.hasNext()) {
                return names;
            }
            assertEquals(limit, page.entries().size(), "only the last page is short");
            after = page.next();
        }
        throw new AssertionError("paging did not end");
    }

    private static ObjectPage page(ObjectPageQuery query) {
        return page(query, BUCKET.value());
    }

    private static ObjectPage page(ObjectPageQuery query, String bucket) {
        return store.inTransaction(Fixtures.SERVICE, repos -> repos.objects().page(BucketId.of(bucket), query));
    }

    private static List<String> names(ObjectPage page) {
        return page.entries().stream().map(ListedEntry::name).toList();
    }

    private static StoredObject at(String bucket, String name, Instant time) {
        StoredObject object = Fixtures.object(bucket, name);
        return new StoredObject(object.id(), object.bucketId(), object.name(), object.owner(), object.version(),
                object.content(), UserMetadata.EMPTY, time, time, time);
    }
}
