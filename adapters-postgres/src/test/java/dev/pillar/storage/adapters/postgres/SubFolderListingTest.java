package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.ObjectListQuery;
import dev.pillar.storage.application.port.ObjectListQuery.SortColumn;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.BucketId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The sub-folders of a level, which the listing finds by probing the folder keys of the names below it once per
 * sub-folder: siblings whose names sort around {@code /}, sub-folders holding only deep objects, a file named
 * like a sub-folder, and sub-folders visible through one object only.
 */
class SubFolderListingTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated();
    private static final String BUCKET = "walk";
    private static final UUID ALICE = UUID.fromString("a11ce000-0000-4000-8000-000000000001");
    private static final String BOB = "b0b00000-0000-4000-8000-000000000002";
    private static PostgresMetadataStore store;

    @BeforeAll
    static void writeTree() {
        DB.execute(Fixtures.OWN_FILES_POLICY);
        store = DB.open();
        store.inTransaction(Fixtures.SERVICE, repos -> {
            repos.buckets().insert(Fixtures.bucket(BUCKET));
            return null;
        });
        write(null, "p/a/b/c/deep.txt", "p/a/b/c/d/deeper.txt", "p/a/file", "p/a-x/1.txt", "p/a0/2.txt",
                "p/a!/3.txt", "p/a.txt", "p/a", "p/b/x", "p0/x", "p-x/y", "q");
        write(BOB, "r/s/a/hidden.txt", "r/t/hidden.txt", "r/u.txt");
        write(ALICE.toString(), "r/s/z/seen.txt", "r/v/w/seen.txt", "r/seen.txt");
    }

    @Test
    void siblings_sorting_before_and_after_the_slash_are_each_one_folder() {
        assertEquals(List.of("a/", "a!/", "a-x/", "a0/", "b/", "a", "a.txt"),
                list("p", SortOrder.ASC, 100, 0));
        assertEquals(List.of("b/", "a0/", "a-x/", "a!/", "a/", "a.txt", "a"),
                list("p/", SortOrder.DESC, 100, 0));
        assertEquals(List.of("p/", "p-x/", "p0/", "r/", "q"), list("", SortOrder.ASC, 100, 0));
    }

    @Test
    void a_sub_folder_holding_only_deeper_folders_is_listed_once() {
        assertEquals(List.of("b/", "file"), list("p/a", SortOrder.ASC, 100, 0));
        assertEquals(List.of("c/"), list("p/a/b", SortOrder.ASC, 100, 0));
        assertEquals(List.of("d/", "deep.txt"), list("p/a/b/c/", SortOrder.ASC, 100, 0));
    }

    @Test
    void pages_run_on_from_the_last_folders_into_the_files() {
        assertEquals(List.of("a0/", "b/", "a"), list("p", SortOrder.ASC, 3, 3));
        assertEquals(List.of("b/", "a", "a.txt"), list("p", SortOrder.ASC, 3, 4));
        assertEquals(List.of("a!/", "a/", "a.txt"), list("p", SortOrder.DESC, 3, 3));
        assertEquals(List.of("a", "a.txt"), list("p", SortOrder.ASC, 100, 5));
        assertEquals(List.of("a/", "a!/", "a-x/", "a0/", "a.txt"), // written before "a"
                Fixtures.names(store.inTransaction(Fixtures.SERVICE, repos -> repos.objects().list(
                        BucketId.of(BUCKET), new ObjectListQuery("p", "A", 5, 0, SortColumn.UPDATED_AT,
                                SortOrder.ASC)))));
    }

    @Test
    void a_caller_sees_the_sub_folders_holding_an_object_they_see_however_deep_and_wherever_in_the_subtree() {
        Caller alice = Fixtures.user(ALICE);
        assertEquals(List.of("s/", "v/", "seen.txt"), names(alice, "r"));
        assertEquals(List.of("z/"), names(alice, "r/s"));
        assertEquals(List.of("r/"), names(alice, ""));
        assertEquals(List.of("s/", "t/", "v/", "seen.txt", "u.txt"), names(Fixtures.SERVICE, "r"));
        assertEquals(List.of(), names(Fixtures.ANON, "r"));
    }

    @Test
    void the_files_and_every_sub_folder_probe_are_read_through_the_folder_index_in_any_order() {
        for (SortColumn column : SortColumn.values()) {
            ObjectListing.Statement listing = ObjectListing.statement(BucketId.of(BUCKET),
                    new ObjectListQuery("p", "a", 3, 1, column, SortOrder.DESC));
            String plan = DB.plan(listing.text(), listing.params());

            assertEquals(3, plan.split("objects_bucket_id_folder_name_bytewise", -1).length - 1, plan);
            assertFalse(plan.contains("Seq Scan on objects"), plan);
        }
    }

    private static void write(String owner, String... names) {
        for (String name : names) {
            store.inTransaction(Fixtures.SERVICE, repos -> {
                repos.objects().insert(Fixtures.object(BUCKET, name, Optional.ofNullable(owner)));
                return null;
            });
        }
    }

    private static List<String> list(String prefix, SortOrder order, int limit, int offset) {
        return names(Fixtures.SERVICE, prefix, order, limit, offset);
    }

    private static List<String> names(Caller caller, String prefix) {
        return names(caller, prefix, SortOrder.ASC, 100, 0);
    }

    private static List<String> names(Caller caller, String prefix, SortOrder order, int limit, int offset) {
        return Fixtures.names(store.inTransaction(caller, repos -> repos.objects().list(BucketId.of(BUCKET),
                new ObjectListQuery(prefix, "", limit, offset, SortColumn.NAME, order))));
    }
}
