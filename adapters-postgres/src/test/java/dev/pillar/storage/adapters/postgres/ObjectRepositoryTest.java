package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.MetadataStore.Repositories;
import dev.pillar.storage.application.port.ObjectRepository.Upserted;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectContent;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectRepositoryTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated();
    private static final BucketId BUCKET = BucketId.of("files");
    private static PostgresMetadataStore store;

    @BeforeAll
    static void openStore() {
        store = DB.open();
    }

    @BeforeEach
    void oneEmptyBucket() {
        DB.clearStorage();
        asService(repos -> {
            repos.buckets().insert(Fixtures.bucket(BUCKET.value()));
            return null;
        });
    }

    @Test
    void an_object_reads_back_as_it_was_written_with_microsecond_timestamps() {
        Instant created = Instant.parse("2024-05-06T07:08:09.123456Z");
        ObjectContent content = new ObjectContent(ByteSize.of(1234), MimeType.of("text/plain;charset=UTF-8"),
                CacheControl.maxAge(60), "d41d8cd98f00b204e9800998ecf8427e");
        StoredObject object = new StoredObject(UUID.randomUUID(), BUCKET, ObjectName.of("docs/ünïcode file.txt"),
                Optional.of("user-7"), "v-1", content, new UserMetadata("{\"k\": \"v\"}"), created,
                created.plusMillis(1), created.plusMillis(2));

        asService(repos -> {
            repos.objects().insert(object);
            return null;
        });

        assertEquals(Optional.of(object), asService(repos -> repos.objects().find(BUCKET, object.name())));
        assertEquals(Optional.of(object), asService(repos -> repos.objects().findForUpdate(BUCKET, object.name())));
        assertEquals(Optional.empty(), asService(repos -> repos.objects().find(BUCKET, ObjectName.of("nope"))));
    }

    @Test
    void many_names_are_found_in_one_look_up_each_row_once_missing_ones_absent() {
        StoredObject a = Fixtures.object(BUCKET.value(), "a.txt");
        StoredObject b = Fixtures.object(BUCKET.value(), "dir/b.txt");
        asService(repos -> {
            repos.objects().insert(a);
            repos.objects().insert(b);
            return null;
        });

        List<StoredObject> found = asService(repos -> repos.objects().findAll(BUCKET,
                List.of(b.name(), ObjectName.of("missing.txt"), a.name(), b.name())));

        assertEquals(Set.of(a.id(), b.id()), Set.copyOf(found.stream().map(StoredObject::id).toList()));
        assertEquals(2, found.size());
        assertEquals(List.of(), asService(repos -> repos.objects().findAll(BUCKET, List.of())));
        assertEquals(List.of(), asService(repos -> repos.objects().findAll(BucketId.of("other"), List.of(a.name()))));
    }

    @Test
    void metadata_is_stored_in_supabase_shape() {
        StoredObject object = Fixtures.object(BUCKET.value(), "a/b.txt");
        asService(repos -> {
            repos.objects().insert(object);
            return null;
        });

        assertEquals("\"" + object.content().eTag() + "\"|7|text/plain;charset=UTF-8|max-age=3600|7|200",
                DB.queryText("select metadata ->> 'eTag' || '|' || (metadata -> 'size')::text || '|'"
                        + " || (metadata ->> 'mimetype') || '|' || (metadata ->> 'cacheControl') || '|'"
                        + " || (metadata -> 'contentLength')::text || '|' || (metadata -> 'httpStatusCode')::text"
                        + " from storage.objects"));
        assertEquals("t", DB.queryText("select (metadata ->> 'lastModified') ~ '^\\d{4}-\\d\\d-\\d\\dT[0-9:.]{12}Z$'"
                + " and jsonb_typeof(metadata -> 'size') = 'number' and path_tokens = '{a,b.txt}'"
                + " from storage.objects"));
    }

    @Test
    void a_second_object_with_the_same_name_already_exists() {
        asService(repos -> {
            repos.objects().insert(Fixtures.object(BUCKET.value(), "same.txt"));
            return null;
        });

        AlreadyExists failure = assertThrows(AlreadyExists.class, () -> asService(repos -> {
            repos.objects().insert(Fixtures.object(BUCKET.value(), "same.txt"));
            return null;
        }));
        assertEquals(Resource.OBJECT, failure.resource());
    }

    @Test
    void an_object_in_a_missing_bucket_finds_no_bucket() {
        NotFound failure = assertThrows(NotFound.class, () -> asService(repos -> {
            repos.objects().insert(Fixtures.object("no-such-bucket", "a.txt"));
            return null;
        }));
        assertEquals(Resource.BUCKET, failure.resource());
    }

    @Test
    void upsert_adds_a_new_row_or_switches_a_taken_names_row_keeping_its_id_and_creation_time() {
        StoredObject original = Fixtures.object(BUCKET.value(), "report.pdf");
        Upserted added = asService(repos -> repos.objects().upsert(original));
        StoredObject newer = new StoredObject(UUID.randomUUID(), BUCKET, original.name(), Optional.of("editor"),
                "v-2", new ObjectContent(ByteSize.of(99), MimeType.of("application/pdf"), CacheControl.of("no-cache"),
                "newtag"), new UserMetadata("{\"rev\": 2}"),
                Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MICROS),
                Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MICROS),
                Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MICROS));

        Upserted switched = asService(repos -> repos.objects().upsert(newer));

        assertEquals(Optional.empty(), added.replacedVersion());
        assertEquals(original.id(), added.stored().id());
        assertEquals(Optional.of(original.version()), switched.replacedVersion());
        StoredObject read = asService(repos -> repos.objects().find(BUCKET, original.name())).orElseThrow();
        assertEquals(read, switched.stored(), "the row as stored");
        assertEquals(original.id(), read.id());
        assertEquals(original.createdAt().truncatedTo(ChronoUnit.MICROS), read.createdAt());
        assertEquals(newer.content(), read.content());
        assertEquals(newer.version(), read.version());
        assertEquals(newer.owner(), read.owner());
        assertEquals(newer.userMetadata(), read.userMetadata());
        assertEquals(newer.updatedAt(), read.updatedAt());
        assertEquals(newer.lastAccessedAt(), read.lastAccessedAt());
        assertEquals("1", DB.queryText("select count(*) from storage.objects where name = 'report.pdf'"));
    }

    @Test
    void delete_returns_the_rows_it_removed_and_ignores_names_that_are_not_there() {
        asService(repos -> {
            for (String name : List.of("a.txt", "b.txt", "c.txt")) {
                repos.objects().insert(Fixtures.object(BUCKET.value(), name));
            }
            return null;
        });

        List<StoredObject> deleted = asService(repos -> repos.objects().delete(BUCKET,
                List.of(ObjectName.of("a.txt"), ObjectName.of("c.txt"), ObjectName.of("zzz.txt"))));

        assertEquals(Set.of("a.txt", "c.txt"), names(deleted));
        assertEquals(List.of(), asService(repos -> repos.objects().delete(BUCKET, List.of(ObjectName.of("a.txt")))));
        assertEquals("b.txt", DB.queryText("select string_agg(name, ',') from storage.objects"));
    }

    @Test
    void delete_some_empties_a_bucket_in_batches() {
        asService(repos -> {
            for (int i = 0; i < 7; i++) {
                repos.objects().insert(Fixtures.object(BUCKET.value(), "batch/" + i));
            }
            return null;
        });

        Set<String> removed = new HashSet<>();
        List<Integer> batchSizes = new ArrayList<>();
        List<StoredObject> batch;
        do {
            batch = asService(repos -> repos.objects().deleteSome(BUCKET, 3));
            batchSizes.add(batch.size());
            removed.addAll(names(batch));
        } while (!batch.isEmpty());

        assertEquals(List.of(3, 3, 1, 0), batchSizes);
        assertEquals(7, removed.size());
    }

    @Test
    void objects_written_back_to_back_keep_their_order_by_created_at() {
        List<StoredObject> written = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            StoredObject object = Fixtures.object(BUCKET.value(), "burst/" + (char) ('t' - i % 7) + i);
            asService(repos -> {
                repos.objects().insert(object);
                return null;
            });
            written.add(object);
        }

        List<String> byCreation = List.of(DB.queryText("select string_agg(name, ',' order by created_at)"
                + " from storage.objects").split(","));

        assertEquals(written.stream().map(o -> o.name().value()).toList(), byCreation);
        StoredObject first = written.getFirst();
        assertEquals(first.createdAt().truncatedTo(ChronoUnit.MICROS), asService(repos -> repos.objects()
                .find(BUCKET, first.name())).orElseThrow().createdAt().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void find_for_update_holds_the_row_until_the_transaction_ends() {
        StoredObject object = Fixtures.object(BUCKET.value(), "locked.txt");
        asService(repos -> {
            repos.objects().insert(object);
            return null;
        });
        PostgresMetadataStore impatient = DB.open(DB.settings().withStatementTimeout(Duration.ofMillis(300)));

        Unavailable failure = asService(repos -> {
            repos.objects().findForUpdate(BUCKET, object.name());
            return assertThrows(Unavailable.class, () -> impatient.inTransaction(Fixtures.SERVICE,
                    other -> other.objects().findForUpdate(BUCKET, object.name())));
        });

        assertEquals(Unavailable.Service.DATABASE, failure.service());
        assertTrue(impatient.inTransaction(Fixtures.SERVICE,
                other -> other.objects().findForUpdate(BUCKET, object.name())).isPresent());
    }

    private static Set<String> names(List<StoredObject> objects) {
        Set<String> names = new HashSet<>();
        objects.forEach(o -> names.add(o.name().value()));
        return names;
    }

    private static <T> T asService(Function<Repositories, T> work) {
        return store.inTransaction(Fixtures.SERVICE, work);
    }
}
