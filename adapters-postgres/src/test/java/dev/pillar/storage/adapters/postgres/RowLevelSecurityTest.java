package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.BucketQuery;
import dev.pillar.storage.application.port.ObjectListQuery;
import dev.pillar.storage.application.port.ObjectRepository.Upserted;
import dev.pillar.storage.application.port.ObjectListQuery.SortColumn;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowLevelSecurityTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated();
    private static final BucketId BUCKET = BucketId.of("private");
    private static final UUID ALICE = UUID.fromString("a11ce000-0000-4000-8000-000000000001");
    private static final UUID BOB = UUID.fromString("b0b00000-0000-4000-8000-000000000002");
    private static PostgresMetadataStore store;

    @BeforeAll
    static void ownFolderPolicy() {
        DB.execute(Fixtures.OWN_FOLDER_POLICY);
        store = DB.open();
    }

    @BeforeEach
    void aliceAndBobHaveAFileEach() {
        DB.clearStorage();
        Fixtures.bucketWith(store, BUCKET.value(), ALICE + "/alice.txt", BOB + "/bob.txt");
    }

    @Test
    void service_role_sees_and_changes_everything() {
        assertEquals(List.of(ALICE + "/", BOB + "/"), listRoot(Fixtures.SERVICE));
        assertEquals(1, store.inTransaction(Fixtures.SERVICE, repos -> repos.buckets().list(BucketQuery.all())).size());
        assertEquals(1, store.inTransaction(Fixtures.SERVICE, repos -> repos.objects()
                .delete(BUCKET, List.of(name(BOB + "/bob.txt")))).size());
    }

    @Test
    void without_a_policy_anon_sees_nothing_and_may_write_nothing() {
        assertEquals(List.of(), listRoot(Fixtures.ANON));
        assertEquals(List.of(), store.inTransaction(Fixtures.ANON, repos -> repos.buckets().list(BucketQuery.all())));
        assertEquals(Optional.empty(), store.inTransaction(Fixtures.ANON, repos -> repos.objects()
                .find(BUCKET, name(ALICE + "/alice.txt"))));
        assertEquals(List.of(), store.inTransaction(Fixtures.ANON, repos -> repos.objects()
                .delete(BUCKET, List.of(name(ALICE + "/alice.txt")))));

        AccessDenied denied = assertThrows(AccessDenied.class, () -> store.inTransaction(Fixtures.ANON, repos -> {
            repos.objects().insert(Fixtures.object(BUCKET.value(), "anon.txt"));
            return null;
        }));
        assertEquals("new row violates row-level security policy", denied.getMessage());
        assertThrows(AccessDenied.class, () -> store.inTransaction(Fixtures.ANON, repos -> {
            repos.buckets().insert(Fixtures.bucket("anon-bucket"));
            return null;
        }));
        assertEquals("2", DB.queryText("select count(*) from storage.objects"));
    }

    @Test
    void a_user_works_in_their_own_folder() {
        Caller alice = Fixtures.user(ALICE);
        StoredObject note = Fixtures.object(BUCKET.value(), ALICE + "/notes/today.md", Optional.of(ALICE.toString()));

        store.inTransaction(alice, repos -> {
            repos.objects().insert(note);
            return null;
        });

        assertEquals(Optional.of(note.id()), store.inTransaction(alice, repos -> repos.objects()
                .find(BUCKET, note.name())).map(StoredObject::id));
        assertEquals(List.of(ALICE + "/"), listRoot(alice));
        assertEquals(List.of("notes/", "alice.txt"), Fixtures.names(store.inTransaction(alice, repos -> repos
                .objects().list(BUCKET, new ObjectListQuery(ALICE.toString(), "", 10, 0, SortColumn.NAME,
                        SortOrder.ASC)))));
        assertEquals(List.of(note.id()), store.inTransaction(alice, repos -> repos.objects()
                .delete(BUCKET, List.of(note.name()))).stream().map(StoredObject::id).toList());
    }

    @Test
    void an_upsert_adds_or_switches_rows_under_the_callers_policies() {
        Caller alice = Fixtures.user(ALICE);
        StoredObject fresh = Fixtures.object(BUCKET.value(), ALICE + "/fresh.txt");
        StoredObject newer = Fixtures.object(BUCKET.value(), ALICE + "/fresh.txt");

        Upserted added = store.inOneStatement(alice, repos -> repos.objects().upsert(fresh));
        Upserted switched = store.inOneStatement(alice, repos -> repos.objects().upsert(newer));
        AccessDenied planted = assertThrows(AccessDenied.class, () -> store.inOneStatement(alice, repos -> repos
                .objects().upsert(Fixtures.object(BUCKET.value(), BOB + "/planted.txt"))));
        AccessDenied overBobs = assertThrows(AccessDenied.class, () -> store.inOneStatement(alice, repos -> repos
                .objects().upsert(Fixtures.object(BUCKET.value(), BOB + "/bob.txt"))));

        assertEquals(Optional.empty(), added.replacedVersion());
        assertEquals(Optional.of(fresh.version()), switched.replacedVersion());
        assertEquals(fresh.id(), switched.stored().id());
        assertEquals(List.of("new row violates row-level security policy"),
                List.of(planted.getMessage(), overBobs.getMessage()).stream().distinct().toList());
        assertEquals(Optional.of(newer.version()), store.reading(alice, repos -> repos.objects()
                .find(BUCKET, fresh.name())).map(StoredObject::version));
        assertEquals("1", DB.queryText("select count(*) from storage.objects where name like '" + BOB + "/%'"));
    }

    @Test
    void an_upserted_row_must_be_one_its_writer_may_read_as_supabases_returning_insert_must() {
        DB.execute("create policy \"anon writes\" on storage.objects for insert to anon with check (true)");
        DB.execute("create policy \"anon reads its own\" on storage.objects for select to anon"
                + " using (owner_id = 'anon-writer')");
        Optional<String> anonWriter = Optional.of("anon-writer");
        try {
            store.inOneStatement(Fixtures.ANON, repos -> repos.objects()
                    .upsert(Fixtures.object(BUCKET.value(), "kept.txt", anonWriter)));
            AccessDenied unreadable = assertThrows(AccessDenied.class, () -> store.inOneStatement(Fixtures.ANON,
                    repos -> repos.objects().upsert(Fixtures.object(BUCKET.value(), "dropped.txt"))));
            AccessDenied notUpdatable = assertThrows(AccessDenied.class, () -> store.inOneStatement(Fixtures.ANON,
                    repos -> repos.objects().upsert(Fixtures.object(BUCKET.value(), "kept.txt", anonWriter))));
            store.inOneStatement(Fixtures.ANON, repos -> {
                repos.objects().insert(Fixtures.object(BUCKET.value(), "dropped.txt")); // a plain insert may
                return null;
            });

            assertEquals("new row violates row-level security policy", unreadable.getMessage());
            assertEquals("new row violates row-level security policy", notUpdatable.getMessage(),
                    "no update policy: a taken name is not anon's to switch");
            assertEquals("dropped.txt,kept.txt", DB.queryText("select string_agg(name, ',' order by name)"
                    + " from storage.objects where name in ('kept.txt', 'dropped.txt')"));
        } finally {
            DB.execute("drop policy \"anon writes\" on storage.objects");
            DB.execute("drop policy \"anon reads its own\" on storage.objects");
        }
    }

    @Test
    void a_user_can_neither_see_nor_touch_another_users_folder() {
        Caller alice = Fixtures.user(ALICE);
        ObjectName bobsFile = name(BOB + "/bob.txt");

        assertEquals(Optional.empty(), store.inTransaction(alice, repos -> repos.objects().find(BUCKET, bobsFile)));
        assertEquals(List.of(), Fixtures.names(store.inTransaction(alice, repos -> repos.objects().list(BUCKET,
                new ObjectListQuery(BOB + "/", "", 10, 0, SortColumn.NAME, SortOrder.ASC)))));
        assertEquals(List.of(), store.inTransaction(alice, repos -> repos.objects().delete(BUCKET, List.of(bobsFile))));
        assertThrows(AccessDenied.class, () -> store.inTransaction(alice, repos -> repos.objects()
                .upsert(Fixtures.object(BUCKET.value(), bobsFile.value()))));
        AccessDenied denied = assertThrows(AccessDenied.class, () -> store.inTransaction(alice, repos -> {
            repos.objects().insert(Fixtures.object(BUCKET.value(), BOB + "/planted.txt"));
            return null;
        }));
        assertEquals("new row violates row-level security policy", denied.getMessage());
        assertEquals("1", DB.queryText("select count(*) from storage.objects where name like '" + BOB + "/%'"));
    }

    @Test
    void among_many_names_a_user_finds_only_the_objects_their_policies_show() {
        List<ObjectName> names = List.of(name(ALICE + "/alice.txt"), name(BOB + "/bob.txt"), name(ALICE + "/nope.txt"));

        assertEquals(List.of(ALICE + "/alice.txt"), store.inTransaction(Fixtures.user(ALICE),
                repos -> repos.objects().findAll(BUCKET, names)).stream().map(o -> o.name().value()).toList());
        assertEquals(List.of(), store.inTransaction(Fixtures.ANON, repos -> repos.objects().findAll(BUCKET, names)));
        assertEquals(2, store.inTransaction(Fixtures.SERVICE, repos -> repos.objects().findAll(BUCKET, names)).size());
    }

    @Test
    void role_and_claims_end_with_the_transaction_on_a_pooled_connection() throws SQLException {
        PostgresMetadataStore single = DB.open(DB.settings().withMaxPoolSize(1));

        String inside = single.inSession(Fixtures.user(ALICE), db -> db.get(
                "select current_user || '|' || auth.uid() || '|' || pg_backend_pid() as seen").orElseThrow()
                .column("seen").get(String.class));
        String after;
        try (Connection connection = single.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select current_user || '|' || coalesce(auth.uid()::text, 'none')"
                     + " || '|' || pg_backend_pid() || '|' || current_setting('request.jwt.claims', true)"
                     + " || '|' || current_setting('statement_timeout')")) {
            row.next();
            after = row.getString(1);
        }

        String pid = inside.substring(inside.lastIndexOf('|') + 1);
        assertEquals("authenticated|" + ALICE + "|" + pid, inside);
        assertEquals("anon|none|" + pid + "||0", after);
        assertEquals(List.of(), listRoot(Fixtures.ANON), "the next caller on that connection is anonymous again");
    }

    @Test
    void work_that_throws_is_rolled_back_and_its_exception_passes_unchanged() {
        IllegalStateException thrown = new IllegalStateException("the use case changed its mind");

        IllegalStateException caught = assertThrows(IllegalStateException.class, () -> store.inTransaction(
                Fixtures.SERVICE, repos -> {
                    repos.objects().insert(Fixtures.object(BUCKET.value(), "rolled-back.txt"));
                    repos.buckets().insert(Fixtures.bucket("rolled-back"));
                    throw thrown;
                }));

        assertSame(thrown, caught);
        assertEquals("0", DB.queryText("select count(*) from storage.objects where name = 'rolled-back.txt'"));
        assertEquals("0", DB.queryText("select count(*) from storage.buckets where id = 'rolled-back'"));
        assertTrue(store.inTransaction(Fixtures.SERVICE, repos -> repos.objects()
                .find(BUCKET, name(ALICE + "/alice.txt"))).isPresent(), "the connection is usable afterwards");
    }

    private static List<String> listRoot(Caller caller) {
        return Fixtures.names(store.inTransaction(caller, repos -> repos.objects().list(BUCKET,
                new ObjectListQuery("", "", 100, 0, SortColumn.NAME, SortOrder.ASC))));
    }

    private static ObjectName name(String value) {
        return ObjectName.of(value);
    }
}
