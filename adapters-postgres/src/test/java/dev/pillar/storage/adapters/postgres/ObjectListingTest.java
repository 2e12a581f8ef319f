package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.ListedFile;
import dev.pillar.storage.application.port.ObjectListQuery;
import dev.pillar.storage.application.port.ObjectListQuery.SortColumn;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectListingTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated();
    private static final String BUCKET = "tree";
    /** Written in this order, so created_at order differs from name order. */
    private static final List<String> NAMES = List.of(
            "readme.md",
            "photos/2024/jan/a.jpg",
            "photos/2024/jan/b.jpg",
            "photos/2024/feb/c.jpg",
            "photos/cover.png",
            "photos/Portrait.jpg",
            "photos/2023/old.jpg",
            "photos.txt",
            "photos0/after-the-range.txt",
            "Zebra.txt",
            "docs/x",
            "docs",
            "a_b/underscore.txt",
            "axb/not-underscore.txt");
    private static PostgresMetadataStore store;

    @BeforeAll
    static void writeTree() {
        store = DB.open();
        store.inTransaction(Fixtures.SERVICE, repos -> {
            repos.buckets().insert(Fixtures.bucket(BUCKET));
            repos.buckets().insert(Fixtures.bucket("other"));
            repos.objects().insert(Fixtures.object("other", "photos/elsewhere.jpg"));
            return null;
        });
        for (String name : NAMES) {
            store.inTransaction(Fixtures.SERVICE, repos -> {
                repos.objects().insert(Fixtures.object(BUCKET, name));
                return null;
            });
        }
    }

    @Test
    void the_root_lists_folders_first_then_files_by_name() {
        assertEquals(List.of("a_b/", "axb/", "docs/", "photos/", "photos0/", "Zebra.txt", "docs", "photos.txt",
                "readme.md"), list("", "", SortColumn.NAME, SortOrder.ASC, 100, 0));
    }

    @Test
    void a_folder_lists_only_its_direct_children_with_or_without_trailing_slash() {
        List<String> expected = List.of("2023/", "2024/", "Portrait.jpg", "cover.png");
        assertEquals(expected, list("photos", "", SortColumn.NAME, SortOrder.ASC, 100, 0));
        assertEquals(expected, list("photos/", "", SortColumn.NAME, SortOrder.ASC, 100, 0));
        assertEquals(expected, list("/photos/", "", SortColumn.NAME, SortOrder.ASC, 100, 0));
        assertEquals(List.of("feb/", "jan/"), list("photos/2024", "", SortColumn.NAME, SortOrder.ASC, 100, 0));
        assertEquals(List.of("a.jpg", "b.jpg"), list("photos/2024/jan/", "", SortColumn.NAME, SortOrder.ASC, 100, 0));
        assertEquals(List.of(), list("photos/2025/", "", SortColumn.NAME, SortOrder.ASC, 100, 0));
    }

    @Test
    void files_carry_what_a_listing_shows_of_their_row_and_folders_nothing() {
        List<ListedEntry> entries = store.inTransaction(Fixtures.SERVICE, repos -> repos.objects()
                .list(BucketId.of(BUCKET), new ObjectListQuery("photos/", "", 100, 0, SortColumn.NAME, SortOrder.ASC)));
        StoredObject row = store.reading(Fixtures.SERVICE, repos -> repos.objects()
                .find(BucketId.of(BUCKET), ObjectName.of("photos/cover.png"))).orElseThrow();

        assertTrue(entries.get(0).file().isEmpty());
        assertEquals("cover.png", entries.get(3).name());
        assertEquals(new ListedFile(row.id(), row.name(), row.content(), row.createdAt(), row.updatedAt(),
                row.lastAccessedAt()), entries.get(3).file().orElseThrow());
    }

    @Test
    void search_is_a_case_insensitive_literal_prefix_of_the_entry_name() {
        assertEquals(List.of("photos/", "photos0/", "photos.txt"), list("", "PHOTO", SortColumn.NAME,
                SortOrder.ASC, 100, 0));
        assertEquals(List.of("Portrait.jpg"), list("photos/", "p", SortColumn.NAME, SortOrder.ASC, 100, 0));
        assertEquals(List.of("a_b/"), list("", "a_", SortColumn.NAME, SortOrder.ASC, 100, 0));
        assertEquals(List.of(), list("", "%", SortColumn.NAME, SortOrder.ASC, 100, 0));
        assertEquals(List.of(), list("photos/", "jan", SortColumn.NAME, SortOrder.ASC, 100, 0));
    }

    @Test
    void descending_order_keeps_folders_first() {
        assertEquals(List.of("2024/", "2023/", "cover.png", "Portrait.jpg"),
                list("photos", "", SortColumn.NAME, SortOrder.DESC, 100, 0));
    }

    @Test
    void files_sort_by_a_timestamp_column_in_upload_order() {
        assertEquals(List.of("2023/", "2024/", "cover.png", "Portrait.jpg"),
                list("photos", "", SortColumn.CREATED_AT, SortOrder.ASC, 100, 0));
        assertEquals(List.of("photos0/", "photos/", "docs/", "axb/", "a_b/", "docs", "Zebra.txt", "photos.txt",
                "readme.md"), list("", "", SortColumn.UPDATED_AT, SortOrder.DESC, 100, 0));
        assertEquals(List.of("docs/", "photos/", "readme.md", "photos.txt"),
                list("", "", SortColumn.LAST_ACCESSED_AT, SortOrder.ASC, 100, 0).stream()
                        .filter(name -> name.startsWith("docs/") || name.startsWith("photos/")
                                || name.equals("readme.md") || name.equals("photos.txt"))
                        .toList());
    }

    @Test
    void limit_and_offset_page_through_folders_and_files_together() {
        assertEquals(List.of("a_b/", "axb/", "docs/"), list("", "", SortColumn.NAME, SortOrder.ASC, 3, 0));
        assertEquals(List.of("photos/", "photos0/", "Zebra.txt"), list("", "", SortColumn.NAME, SortOrder.ASC, 3, 3));
        assertEquals(List.of("readme.md"), list("", "", SortColumn.NAME, SortOrder.ASC, 3, 8));
        assertEquals(List.of(), list("", "", SortColumn.NAME, SortOrder.ASC, 3, 9));
    }

    @Test
    void a_page_found_before_the_end_of_the_level_is_the_same_page_in_either_order() {
        assertEquals(List.of("Zebra.txt", "docs"), list("", "", SortColumn.NAME, SortOrder.ASC, 2, 5));
        assertEquals(List.of("readme.md", "photos.txt", "docs"), list("", "", SortColumn.NAME, SortOrder.DESC, 3, 5));
        assertEquals(List.of("photos0/", "photos.txt"), list("", "photo", SortColumn.NAME, SortOrder.ASC, 2, 1));
        assertEquals(List.of("docs"), list("", "D", SortColumn.NAME, SortOrder.DESC, 2, 1));
        assertEquals(List.of("b.jpg"), list("photos/2024/jan", "", SortColumn.NAME, SortOrder.ASC, 1, 1));
        assertEquals(List.of("a.jpg"), list("photos/2024/jan", "", SortColumn.NAME, SortOrder.DESC, 1, 1));
    }

    @Test
    void folders_sort_by_their_name_even_where_the_walk_meets_them_in_another_order() {
        Fixtures.bucketWith(store, "dates", "2024-01/a", "2024/b", "2024.txt", "2024", "2024-01.txt");
        assertEquals(List.of("2024/", "2024-01/", "2024", "2024-01.txt", "2024.txt"), Fixtures.names(
                store.inTransaction(Fixtures.SERVICE, repos -> repos.objects().list(BucketId.of("dates"),
                        new ObjectListQuery("", "", 100, 0, SortColumn.NAME, SortOrder.ASC)))));
        assertEquals(List.of("2024-01/", "2024/", "2024.txt"), Fixtures.names(
                store.inTransaction(Fixtures.SERVICE, repos -> repos.objects().list(BucketId.of("dates"),
                        new ObjectListQuery("", "", 3, 0, SortColumn.NAME, SortOrder.DESC)))));
    }

    private static List<String> list(String prefix, String search, SortColumn column, SortOrder order, int limit,
                                     int offset) {
        return Fixtures.names(store.inTransaction(Fixtures.SERVICE, repos -> repos.objects().list(BucketId.of(BUCKET),
                new ObjectListQuery(prefix, search, limit, offset, column, order))));
    }
}
