package dev.pillar.storage.adapters.postgres;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationsTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.empty();

    @Test
    @Order(1)
    void creates_the_supabase_schema_on_an_empty_database_even_though_the_roles_exist_cluster_wide() {
        PostgresMetadataStore.migrate(DB.settings());

        assertEquals("2", DB.queryText("select count(*) from pg_tables where schemaname = 'storage'"
                + " and tablename in ('buckets', 'objects')"));
        assertEquals("true,true", DB.queryText("select string_agg(relrowsecurity::text, ',') from pg_class"
                + " where oid in ('storage.buckets'::regclass, 'storage.objects'::regclass)"));
        assertEquals("0", DB.queryText("select count(*) from pg_policies where schemaname = 'storage'"));
    }

    @Test
    @Order(2)
    void creates_the_roles_as_supabase_does_and_lets_the_login_role_act_as_them() {
        assertEquals("anon:false:false:false,authenticated:false:false:false,service_role:false:false:true",
                DB.queryText("select string_agg(rolname || ':' || rolcanlogin || ':' || rolinherit || ':'"
                        + " || rolbypassrls, ',' order by rolname) from pg_roles"
                        + " where rolname in ('anon', 'authenticated', 'service_role')"));
        assertEquals("anon,authenticated,service_role", DB.queryText("select string_agg(r.rolname, ','"
                + " order by r.rolname) from pg_auth_members m join pg_roles r on r.oid = m.roleid"
                + " where m.member = (select oid from pg_roles where rolname = current_user)"
                + " and r.rolname in ('anon', 'authenticated', 'service_role')"));
    }

    @Test
    @Order(3)
    void running_again_changes_nothing() {
        assertDoesNotThrow(() -> PostgresMetadataStore.migrate(DB.settings()));
        assertEquals("7", DB.queryText("select count(*) from databasechangelog"));
    }

    @Test
    @Order(4)
    void every_change_set_is_itself_idempotent_when_the_objects_already_exist() {
        DB.execute("insert into storage.buckets (id, name) values ('kept', 'kept')");
        DB.execute("drop table databasechangelog; drop table databasechangeloglock");

        assertDoesNotThrow(() -> PostgresMetadataStore.migrate(DB.settings()));

        assertEquals("kept", DB.queryText("select name from storage.buckets"));
        assertEquals("7", DB.queryText("select count(*) from databasechangelog"));
    }

    @Test
    @Order(5)
    void path_helpers_split_names_like_supabase() {
        assertEquals("{a,b}|c.tar.gz|gz", DB.queryText("select storage.foldername('a/b/c.tar.gz')::text || '|'"
                + " || storage.filename('a/b/c.tar.gz') || '|' || storage.extension('a/b/c.tar.gz')"));
        assertEquals("{}|top.png|png", DB.queryText("select storage.foldername('top.png')::text || '|'"
                + " || storage.filename('top.png') || '|' || storage.extension('top.png')"));
        assertEquals("README", DB.queryText("select storage.extension('docs/README')"),
                "without a dot, Supabase answers the whole file name");
    }

    @Test
    @Order(6)
    void auth_helpers_read_the_transaction_claims_and_read_nothing_outside_one() {
        String sub = "6f1c3c56-95d4-4d6f-9c1f-0d8b7f2d5a11";
        assertEquals(sub + "|authenticated|a@b.c|authenticated", DB.queryText("""
                select auth.uid()::text || '|' || auth.role() || '|' || auth.email() || '|' || (auth.jwt() ->> 'role')
                from (select set_config('request.jwt.claims',
                        '{"sub":"%s","role":"authenticated","email":"a@b.c"}', false)) s""".formatted(sub)));
        assertNull(DB.queryText("select auth.uid()"));
        assertEquals("{}", DB.queryText("select auth.jwt()::text"));
    }
}
