package dev.pillar.storage.application.object;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.application.object.DownloadObject.Download;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.RangeNotSatisfiable;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ByteRange;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.RequestedRange;
import dev.pillar.storage.domain.object.StoredObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static dev.pillar.storage.application.StorageFixture.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DownloadObjectTest {
    private final StorageFixture world = new StorageFixture();
    private final DownloadObject download =
            new DownloadObject(world.metadata, world.buckets, world.store, world.cleaner);
    private final Bucket docs = world.bucket("docs");
    private final StoredObject greeting = world.object(docs, "greeting.txt", "hello world");

    @Test
    void opens_the_whole_object() {
        Download.Content content = assertInstanceOf(Download.Content.class, download.download(plain(greeting.name())));

        assertEquals(greeting, content.object());
        assertEquals(Optional.empty(), content.range());
        assertEquals(11, content.body().length());
        assertEquals("hello world", read(content));
    }

    @Test
    void opens_the_requested_range_only() {
        Download.Content content = assertInstanceOf(Download.Content.class,
                download.download(ranged(new RequestedRange(OptionalLong.of(6), OptionalLong.of(10)))));

        assertEquals(Optional.of(new ByteRange(6, 10)), content.range());
        assertEquals(5, content.body().length());
        assertEquals("world", read(content));
    }

    @Test
    void opens_a_suffix_range() {
        Download.Content content = assertInstanceOf(Download.Content.class,
                download.download(ranged(new RequestedRange(OptionalLong.empty(), OptionalLong.of(3)))));

        assertEquals("rld", read(content));
    }

    @Test
    void refuses_a_range_outside_the_object_with_its_size() {
        RangeNotSatisfiable failure = assertThrows(RangeNotSatisfiable.class,
                () -> download.download(ranged(new RequestedRange(OptionalLong.of(11), OptionalLong.empty()))));

        assertEquals(11, failure.size());
    }

    @Test
    void tells_a_client_holding_the_current_etag_that_its_copy_is_current() {
        Download answer = download.download(new DownloadObject.Command(ALICE, docs.id(), greeting.name(),
                Optional.empty(), Optional.of("\"" + greeting.content().eTag() + "\""), Optional.empty()));

        assertEquals(new Download.NotModified(greeting), answer);
    }

    @Test
    void tells_a_client_whose_copy_is_as_recent_as_the_object_that_it_is_current() {
        Download answer = download.download(new DownloadObject.Command(ALICE, docs.id(), greeting.name(),
                Optional.empty(), Optional.empty(), Optional.of(greeting.updatedAt())));

        assertInstanceOf(Download.NotModified.class, answer);
    }

    @Test
    void sends_the_bytes_to_a_client_holding_a_stale_etag() {
        Download answer = download.download(new DownloadObject.Command(ALICE, docs.id(), greeting.name(),
                Optional.empty(), Optional.of("\"stale\""), Optional.of(Instant.MAX)));

        assertEquals("hello world", read(assertInstanceOf(Download.Content.class, answer)));
    }

    @Test
    void a_missing_object_is_not_found() {
        NotFound failure = assertThrows(NotFound.class, () -> download.download(plain(ObjectName.of("nope.txt"))));

        assertEquals(Resource.OBJECT, failure.resource());
        assertEquals("Object not found", failure.getMessage());
    }

    @Test
    void an_object_the_callers_policies_hide_is_not_found() {
        world.metadata.hideObjects();

        assertThrows(NotFound.class, () -> download.download(plain(greeting.name())));
    }

    @Test
    void reads_the_bucket_as_the_server_once_then_the_row_in_one_transaction_begun_as_the_caller_per_read() {
        download.download(plain(greeting.name()));
        download.download(plain(greeting.name()));

        assertEquals(List.of(SERVICE, ALICE, ALICE), world.metadata.transactionCallers());
    }

    @Test
    void serves_the_newer_version_when_an_overwrite_removes_the_bytes_between_look_up_and_read() {
        StoredObject[] newer = new StoredObject[1];
        world.store.beforeNextRead(world.keyOf(greeting), () -> newer[0] = world.overwrite(greeting, "hello again"));

        Download.Content content = assertInstanceOf(Download.Content.class, download.download(plain(greeting.name())));

        assertEquals(newer[0], content.object());
        assertEquals("hello again", read(content));
    }

    @Test
    void a_row_whose_bytes_are_gone_for_good_is_not_found() {
        world.store.delete(world.keyOf(greeting));

        NotFound failure = assertThrows(NotFound.class, () -> download.download(plain(greeting.name())));

        assertEquals(Resource.OBJECT, failure.resource());
    }

    @Test
    void the_public_route_serves_a_public_buckets_object_whatever_the_policies() {
        Bucket site = world.bucket("site", new BucketSettings(true, Optional.empty(), List.of()));
        StoredObject page = world.object(site, "index.html", "<html>");
        world.metadata.hideObjects();

        Download.Content content = assertInstanceOf(Download.Content.class, download.download(
                new DownloadObject.Command(SERVICE, site.id(), page.name(), Optional.empty(), Optional.empty(),
                        Optional.empty(), ReadRoute.PUBLIC)));

        assertEquals("<html>", read(content));
    }

    @Test
    void the_public_route_treats_a_private_bucket_as_missing() {
        NotFound failure = assertThrows(NotFound.class, () -> download.download(new DownloadObject.Command(SERVICE,
                docs.id(), greeting.name(), Optional.empty(), Optional.empty(), Optional.empty(), ReadRoute.PUBLIC)));

        assertEquals(Resource.BUCKET, failure.resource());
    }

    @Test
    void a_bucket_made_private_through_this_process_is_refused_by_the_next_public_read() {
        Bucket site = world.bucket("site", new BucketSettings(true, Optional.empty(), List.of()));
        StoredObject page = world.object(site, "index.html", "<html>");
        DownloadObject.Command publicRead = new DownloadObject.Command(SERVICE, site.id(), page.name(),
                Optional.empty(), Optional.empty(), Optional.empty(), ReadRoute.PUBLIC);
        download.download(publicRead);

        world.buckets.changing(site.id(), () -> {
            world.metadata.put(site.withSettings(BucketSettings.privateDefaults(), world.clock.now()));
            return null;
        });

        assertEquals(Resource.BUCKET, assertThrows(NotFound.class, () -> download.download(publicRead)).resource());
    }

    private DownloadObject.Command plain(ObjectName name) {
        return new DownloadObject.Command(ALICE, docs.id(), name, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private DownloadObject.Command ranged(RequestedRange range) {
        return new DownloadObject.Command(ALICE, docs.id(), greeting.name(), Optional.of(range), Optional.empty(),
                Optional.empty());
    }

    private static String read(Download.Content content) {
        try (var body = content.body()) {
            return new String(body.stream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
