package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.ObjectListQuery;
import dev.pillar.storage.application.port.ObjectListQuery.SortColumn;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.application.access.Caller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Levels without sub-folders, which the listing reads as one range of the index instead of walking it: the
 * same pages, in every order, as a level with sub-folders would give.
 */
class FlatLevelListingTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated();
    private static final String BUCKET = "flat";
    private static final UUID ALICE = UUID.fromString("a11ce000-0000-4000-8000-000000000001");
    private static final String BOB = "b0b00000-0000-4000-8000-000000000002";
    /** Written in this order, so created_at order differs from name order. */
    private static final List<String> NOTES = List.of("notes/c.md", "notes/b.txt", "notes/A.txt", "notes/beta.md");
    private static PostgresMetadataStore store;

    @BeforeAll
    static void writeLevels() {
        DB.execute(Fixtures.OWN_FILES_POLICY);
        store = DB.open();
        store.inTransaction(Fixtures.SERVICE, repos -> {
            repos.buckets().insert(Fixtures.bucket(BUCKET));
            return null;
        });
        write(null, "notes0/after-the-range.txt", "notes.txt", "mixed/a.txt", "mixed/b.txt", "mixed/c.txt",
                "mixed/zz/inner.txt", "shared/2.txt", "shared/zz/bob.txt");
        for (String name : NOTES) {
            write(null, name);
        }
        write(ALICE.toString(), "shared/1.txt", "shared/3.txt", "shared/4.txt");
    }

    @Test
    void a_flat_level_lists_its_files_in_either_name_order() {
        assertEquals(List.of("A.txt", "b.txt", "beta.md", "c.md"),
                list("notes/", "", SortColumn.NAME, SortOrder.ASC, 100, 0));
        assertEquals(List.of("c.md", "beta.md", "b.txt", "A.txt"),
                list("notes", "", SortColumn.NAME, SortOrder.DESC, 100, 0));
        assertEquals(List.of("b.txt", "beta.md"), list("notes", "", SortColumn.NAME, SortOrder.ASC, 2, 1));
        assertEquals(List.of("beta.md", "b.txt"), list("notes", "", SortColumn.NAME, SortOrder.DESC, 2, 1));
    }

    @Test
    void the_search_filters_before_the_page_is_cut() {
        assertEquals(List.of("b.txt", "beta.md"), list("notes", "B", SortColumn.NAME, SortOrder.ASC, 100, 0));
        assertEquals(List.of("beta.md"), list("notes", "b", SortColumn.NAME, SortOrder.ASC, 1, 1));
        assertEquals(List.of("beta.md"), list("notes", "bE", SortColumn.NAME, SortOrder.DESC, 100, 0));
        assertEquals(List.of(), list("notes", "notes", SortColumn.NAME, SortOrder.ASC, 100, 0));
        assertEquals(List.of(), list("notes", "_", SortColumn.NAME, SortOrder.ASC, 100, 0));
    }

    @Test
    void an_offset_at_or_beyond_the_end_gives_an_empty_page() {
        assertEquals(List.of(), list("notes", "", SortColumn.NAME, SortOrder.ASC, 2, 4));
        assertEquals(List.of(), list("notes", "", SortColumn.NAME, SortOrder.DESC, 2, 10));
        assertEquals(List.of(), list("notes", "", SortColumn.CREATED_AT, SortOrder.ASC, 2, 10));
    }

    @Test
    void files_sort_by_a_timestamp_over_the_whole_level() {
        assertEquals(List.of("c.md", "b.txt", "A.txt", "beta.md"),
                list("notes", "", SortColumn.CREATED_AT, SortOrder.ASC, 100, 0));
        assertEquals(List.of("A.txt", "b.txt"), list("notes", "", SortColumn.UPDATED_AT, SortOrder.DESC, 2, 1));
        assertEquals(List.of("b.txt", "beta.md"), list("notes", "b", SortColumn.LAST_ACCESSED_AT, SortOrder.ASC, 100,
                0));
    }

    @Test
    void a_sub_folder_after_the_page_still_comes_first() {
        assertEquals(List.of("zz/", "a.txt"), list("mixed", "", SortColumn.NAME, SortOrder.ASC, 2, 0));
        assertEquals(List.of("zz/", "c.txt"), list("mixed", "", SortColumn.NAME, SortOrder.DESC, 2, 0));
        assertEquals(List.of("a.txt", "b.txt"), list("mixed", "", SortColumn.NAME, SortOrder.ASC, 2, 1));
        assertEquals(List.of("zz/", "a.txt", "b.txt", "c.txt"), list("mixed", "", SortColumn.CREATED_AT,
                SortOrder.ASC, 100, 0));
    }

    @Test
    void a_folder_named_with_like_wildcards_and_escapes_lists_like_any_other() {
        write(null, "odd\\%_/sub/x.txt", "odd\\%_/sub/y.txt", "odd\\%_/file.txt", "odd\\%_/sub.txt");
        assertEquals(List.of("sub/", "file.txt", "sub.txt"), list("odd\\%_/", "", SortColumn.NAME, SortOrder.ASC, 100,
                0));
    }

    @Test
    void a_folder_named_beyond_ascii_tells_its_sub_folders_from_its_files() {
        String folder = "\u00e9\uD83D\uDE42"; // two code points, three UTF-16 units, six bytes
        write(null, folder + "/sub/x.txt", folder + "/a.txt", folder + "/b.txt", folder + " 2/a.txt");
        assertEquals(List.of("sub/", "a.txt", "b.txt"), list(folder, "", SortColumn.NAME, SortOrder.ASC, 100, 0));
        assertEquals(List.of("a.txt"), list(folder + " 2", "", SortColumn.NAME, SortOrder.ASC, 100, 0));
    }

    @Test
    void a_bucket_root_without_folders_is_a_flat_level_too() {
        Fixtures.bucketWith(store, "loose", "b", "a", "C");
        assertEquals(List.of("C", "a", "b"), names(Fixtures.SERVICE, "loose", "", SortOrder.ASC, 100, 0));
        assertEquals(List.of("a"), names(Fixtures.SERVICE, "loose", "", SortOrder.DESC, 1, 1));
    }

    @Test
    void under_a_policy_the_page_holds_only_the_rows_the_caller_sees() {
        Caller alice = Fixtures.user(ALICE);
        assertEquals(List.of("1.txt", "3.txt"), names(alice, BUCKET, "shared", SortOrder.ASC, 2, 0));
        assertEquals(List.of("3.txt", "4.txt"), names(alice, BUCKET, "shared/", SortOrder.ASC, 2, 1));
        assertEquals(List.of("4.txt", "3.txt"), names(alice, BUCKET, "shared", SortOrder.DESC, 2, 0));
        assertEquals(List.of("zz/", "1.txt", "2.txt", "3.txt", "4.txt"),
                names(Fixtures.SERVICE, BUCKET, "shared", SortOrder.ASC, 100, 0));
    }

    private static void write(String owner, String... names) {
        for (String name : names) {
            store.inTransaction(Fixtures.SERVICE, repos -> {
                repos.objects().insert(Fixtures.object(BUCKET, name, Optional.ofNullable(owner)));
                return null;
            });
        }
    }

    private static List<String> list(String prefix, String search, SortColumn column, SortOrder order, int limit,
                                     int offset) {
        return Fixtures.names(store.inTransaction(Fixtures.SERVICE, repos -> repos.objects().list(BucketId.of(BUCKET),
                new ObjectListQuery(prefix, search, limit, offset, column, order))));
    }

    private static List<String> names(Caller caller, String bucket, String prefix, SortOrder order, int limit,
                                      int offset) {
        return Fixtures.names(store.inTransaction(caller, repos -> repos.objects().list(BucketId.of(bucket),
                new ObjectListQuery(prefix, "", limit, offset, SortColumn.NAME, order))));
    }
}
