package dev.pillar.storage.bootstrap;

import dev.pillar.storage.bootstrap.RlsScenarios.Observed;
import dev.pillar.storage.bootstrap.RlsScenarios.Scenario;
import dev.pillar.storage.bootstrap.RlsWorld.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Row-level security, route by route and caller by caller, against the real server and PostgreSQL: every cell
 * of {@link #MATRIX} is one dynamic test that seeds its own fixtures, sends the request as storage-js would,
 * and checks the status, the error code and what happened to the data. The policies are a typical Supabase
 * project's ({@link RlsWorld}): the owner's files live under {@code <owner id>/} of a private and a public
 * bucket; copies and moves go into the caller's own folder.
 */
class RlsMatrixTest {
    /*
     * Cell: HTTP status, the body's error code when there is one, then ✓ (it took effect: a read returned the
     * fixture, a write changed what it was asked to) or ✗ (nothing changed and nothing was revealed).
     * Each cell is what Supabase Storage answers (its routes and Postgres's policy rules):
     * - a row the caller's SELECT policies hide is "not found" (404 NoSuchKey) for reads, signing, copy and move;
     *   list, list-v2, batch remove and batch sign answer 200 without it;
     * - a write refused by INSERT/UPDATE policies is 403 AccessDenied (upload, upsert, PUT, signed upload URL,
     *   TUS creation, bucket creation); removing one object the caller may not delete is 403 as well;
     * - bucket changes refused by policies change zero rows: 404 NoSuchBucket, but a non-empty bucket is
     *   409 ResourceNotEmpty for everyone, since the server counts its objects before deleting;
     * - public buckets are read by the server: public URL, info and downloads need no policy; a private bucket
     *   through a public route does not exist (404 NoSuchBucket); signed URLs need no key at all; the
     *   authenticated render route alone reads a public bucket under the caller's policies;
     * - an upsert (x-upsert, PUT, TUS or a signed upload URL with x-upsert) is Postgres's INSERT ... ON CONFLICT
     *   DO UPDATE ... RETURNING: the written row must pass SELECT policies too, so a drop box that only takes
     *   inserts refuses it even for a new name.
     */
    static final String MATRIX = """
            route                                     | anon                   | owner                  | other                  | service
            bucket list                               | 200 ✗                  | 200 ✓                  | 200 ✓                  | 200 ✓
            bucket get                                | 404 NoSuchBucket ✗     | 200 ✓                  | 200 ✓                  | 200 ✓
            bucket create                             | 403 AccessDenied ✗     | 403 AccessDenied ✗     | 403 AccessDenied ✗     | 200 ✓
            bucket update                             | 404 NoSuchBucket ✗     | 404 NoSuchBucket ✗     | 404 NoSuchBucket ✗     | 200 ✓
            bucket empty                              | 404 NoSuchBucket ✗     | 200 ✓                  | 200 ✗                  | 200 ✓
            bucket delete                             | 404 NoSuchBucket ✗     | 404 NoSuchBucket ✗     | 404 NoSuchBucket ✗     | 200 ✓
            bucket delete, not empty                  | 409 ResourceNotEmpty ✗ | 409 ResourceNotEmpty ✗ | 409 ResourceNotEmpty ✗ | 409 ResourceNotEmpty ✗
            upload                                    | 403 AccessDenied ✗     | 200 ✓                  | 403 AccessDenied ✗     | 200 ✓
            upload with x-upsert                      | 403 AccessDenied ✗     | 200 ✓                  | 403 AccessDenied ✗     | 200 ✓
            upload, name taken                        | 403 AccessDenied ✗     | 409 KeyAlreadyExists ✗ | 403 AccessDenied ✗     | 409 KeyAlreadyExists ✗
            update (PUT)                              | 403 AccessDenied ✗     | 200 ✓                  | 403 AccessDenied ✗     | 200 ✓
            download                                  | 404 NoSuchKey ✗        | 200 ✓                  | 404 NoSuchKey ✗        | 200 ✓
            download, authenticated route             | 404 NoSuchKey ✗        | 200 ✓                  | 404 NoSuchKey ✗        | 200 ✓
            info                                      | 404 NoSuchKey ✗        | 200 ✓                  | 404 NoSuchKey ✗        | 200 ✓
            exists (HEAD)                             | 404 ✗                  | 200 ✓                  | 404 ✗                  | 200 ✓
            list                                      | 200 ✗                  | 200 ✓                  | 200 ✗                  | 200 ✓
            list a public bucket                      | 200 ✗                  | 200 ✓                  | 200 ✗                  | 200 ✓
            list-v2                                   | 200 ✗                  | 200 ✓                  | 200 ✗                  | 200 ✓
            remove                                    | 200 ✗                  | 200 ✓                  | 200 ✗                  | 200 ✓
            remove one                                | 403 AccessDenied ✗     | 200 ✓                  | 403 AccessDenied ✗     | 200 ✓
            copy                                      | 404 NoSuchKey ✗        | 200 ✓                  | 404 NoSuchKey ✗        | 200 ✓
            copy to another bucket                    | 404 NoSuchKey ✗        | 200 ✓                  | 404 NoSuchKey ✗        | 200 ✓
            copy into another user's folder           | 404 NoSuchKey ✗        | 403 AccessDenied ✗     | 404 NoSuchKey ✗        | 200 ✓
            move                                      | 404 NoSuchKey ✗        | 200 ✓                  | 404 NoSuchKey ✗        | 200 ✓
            move to another bucket                    | 404 NoSuchKey ✗        | 200 ✓                  | 404 NoSuchKey ✗        | 200 ✓
            move into another user's folder           | 404 NoSuchKey ✗        | 403 AccessDenied ✗     | 404 NoSuchKey ✗        | 200 ✓
            sign                                      | 404 NoSuchKey ✗        | 200 ✓                  | 404 NoSuchKey ✗        | 200 ✓
            sign in a public bucket                   | 404 NoSuchKey ✗        | 200 ✓                  | 404 NoSuchKey ✗        | 200 ✓
            sign many                                 | 200 ✗                  | 200 ✓                  | 200 ✗                  | 200 ✓
            signed download                           | 200 ✓                  | 200 ✓                  | 200 ✓                  | 200 ✓
            signed render                             | 200 ✓                  | 200 ✓                  | 200 ✓                  | 200 ✓
            signed upload URL                         | 403 AccessDenied ✗     | 200 ✓                  | 403 AccessDenied ✗     | 200 ✓
            signed upload URL, name taken             | 403 AccessDenied ✗     | 409 KeyAlreadyExists ✗ | 403 AccessDenied ✗     | 409 KeyAlreadyExists ✗
            upload to a signed URL                    | 200 ✓                  | 200 ✓                  | 200 ✓                  | 200 ✓
            public URL                                | 200 ✓                  | 200 ✓                  | 200 ✓                  | 200 ✓
            public URL of a private bucket            | 404 NoSuchBucket ✗     | 404 NoSuchBucket ✗     | 404 NoSuchBucket ✗     | 404 NoSuchBucket ✗
            download from a public bucket             | 200 ✓                  | 200 ✓                  | 200 ✓                  | 200 ✓
            info from a public bucket                 | 200 ✓                  | 200 ✓                  | 200 ✓                  | 200 ✓
            info, public route                        | 200 ✓                  | 200 ✓                  | 200 ✓                  | 200 ✓
            TUS upload                                | 403 ✗                  | 201 ✓                  | 403 ✗                  | 201 ✓
            TUS: continue the owner's upload          | 403 ✗                  | 204 ✓                  | 403 ✗                  | 204 ✓
            TUS upload with x-upsert                  | 403 ✗                  | 201 ✓                  | 403 ✗                  | 201 ✓
            render                                    | 404 NoSuchKey ✗        | 200 ✓                  | 404 NoSuchKey ✗        | 200 ✓
            render from a public bucket               | 404 NoSuchKey ✗        | 200 ✓                  | 404 NoSuchKey ✗        | 200 ✓
            render, public route                      | 200 ✓                  | 200 ✓                  | 200 ✓                  | 200 ✓
            drop box: upload                          | 200 ✓                  | 200 ✓                  | 200 ✓                  | 200 ✓
            drop box: upload with x-upsert            | 403 AccessDenied ✗     | 403 AccessDenied ✗     | 403 AccessDenied ✗     | 200 ✓
            drop box: read back a dropped file        | 404 NoSuchKey ✗        | 404 NoSuchKey ✗        | 404 NoSuchKey ✗        | 200 ✓
            drop box: signed upload URL with x-upsert | 403 AccessDenied ✗     | 403 AccessDenied ✗     | 403 AccessDenied ✗     | 200 ✓
            drop box: TUS upload with x-upsert        | 403 ✗                  | 403 ✗                  | 403 ✗                  | 201 ✓
            """;

    /** One cell as written in the matrix. */
    record Expected(int status, String code, boolean tookEffect) {
        static Expected parse(String cell) {
            List<String> words = Arrays.asList(cell.trim().split("\\s+"));
            String mark = words.getLast();
            if (!mark.equals("✓") && !mark.equals("✗")) {
                throw new IllegalArgumentException("a cell ends with ✓ or ✗: " + cell);
            }
            return new Expected(Integer.parseInt(words.getFirst()), words.size() == 3 ? words.get(1) : "",
                    mark.equals("✓"));
        }

        boolean matches(Observed observed) {
            return status == observed.status() && code.equals(observed.code()) && tookEffect == observed.tookEffect();
        }
    }

    @TempDir
    static Path storage;
    private static RlsWorld world;
    private static Map<String, Scenario> scenarios;
    private static final AtomicInteger CELLS_RUN = new AtomicInteger();

    @BeforeAll
    static void start() {
        world = new RlsWorld(storage);
        scenarios = new RlsScenarios(world).all();
    }

    @AfterAll
    static void stop() {
        HardeningLedger.record(HardeningLedger.Kind.SCENARIO, "RlsMatrixTest", CELLS_RUN.get());
        world.close();
    }

    @Test
    void every_scenario_has_exactly_one_row_and_every_row_a_scenario() {
        assertEquals(List.of("route", "anon", "owner", "other", "service"),
                Arrays.stream(MATRIX.lines().findFirst().orElseThrow().split("\\|")).map(String::trim).toList());
        assertEquals(List.copyOf(scenarios.keySet()), rows().map(row -> row[0]).toList());
    }

    @TestFactory
    Stream<DynamicTest> each_role_on_each_route_gets_what_supabase_gives() {
        List<DynamicTest> cells = new ArrayList<>();
        rows().forEach(row -> {
            Scenario scenario = scenarios.get(row[0]);
            for (Actor actor : Actor.values()) {
                Expected expected = Expected.parse(row[actor.ordinal() + 1]);
                String tag = (row[0] + "-" + actor).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
                String cell = row[0] + " as " + actor.name().toLowerCase(Locale.ROOT);
                cells.add(DynamicTest.dynamicTest(cell, () -> {
                    Observed observed = scenario.run(actor, tag);
                    CELLS_RUN.incrementAndGet();
                    if (!expected.matches(observed)) {
                        throw new AssertionError(cell + ": expected " + expected + " but saw " + observed);
                    }
                }));
            }
        });
        return cells.stream();
    }

    /** The matrix's rows below its header, each as {route, anon, owner, other, service}. */
    private static Stream<String[]> rows() {
        return MATRIX.lines().skip(1).map(line -> Arrays.stream(line.split("\\|")).map(String::trim)
                .toArray(String[]::new));
    }
}
