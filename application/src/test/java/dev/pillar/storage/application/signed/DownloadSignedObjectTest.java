package dev.pillar.storage.application.signed;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.object.DownloadObject;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.failure.InvalidToken;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.RequestedRange;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.signing.DownloadGrant;
import dev.pillar.storage.domain.signing.Validity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownloadSignedObjectTest {
    private static final ObjectName NAME = ObjectName.of("a/report.txt");
    private final StorageFixture world = new StorageFixture();
    private final DownloadSignedObject download = new DownloadSignedObject(
            new DownloadObject(world.metadata, world.buckets, world.store, world.cleaner), world.clock);
    private final Bucket docs = world.bucket("docs");
    private final DownloadGrant grant = new DownloadGrant(docs.id(), NAME, Validity.seconds(world.clock.now(), 60));

    @Test
    void reads_the_granted_object_as_the_server_whatever_the_policies() throws IOException {
        world.object(docs, NAME.value(), "hello signed world");
        world.metadata.hideObjects();

        DownloadObject.Download result = download.download(command(grant, NAME, Optional.of(new RequestedRange(OptionalLong.of(6), OptionalLong.of(11)))));

        DownloadObject.Download.Content content = assertInstanceOf(DownloadObject.Download.Content.class, result);
        try (var body = content.body()) {
            assertEquals("signed", new String(body.stream().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertFalse(world.metadata.transactionCallers().isEmpty());
        assertTrue(world.metadata.transactionCallers().stream().allMatch(Caller.system()::equals),
                "every look-up acts as the server: " + world.metadata.transactionCallers());
    }

    @Test
    void honours_the_clients_cache_validators() {
        StoredObject object = world.object(docs, NAME.value(), "hello");

        DownloadObject.Download result = download.download(new DownloadSignedObject.Command(grant, docs.id(), NAME,
                Optional.empty(), Optional.of("\"" + object.content().eTag() + "\""), Optional.empty()));

        assertInstanceOf(DownloadObject.Download.NotModified.class, result);
    }

    @Test
    void a_grant_for_another_object_reads_nothing() {
        world.object(docs, "a/other.txt", "other");

        InvalidToken failure = assertThrows(InvalidToken.class,
                () -> download.download(command(grant, ObjectName.of("a/other.txt"), Optional.empty())));

        assertEquals(InvalidToken.Reason.INVALID_SIGNATURE, failure.reason());
        assertEquals(List.of(), world.metadata.transactionCallers());
    }

    @Test
    void an_expired_grant_reads_nothing() {
        world.object(docs, NAME.value(), "hello");
        world.clock.advance(Duration.ofSeconds(60));

        InvalidToken failure = assertThrows(InvalidToken.class, () -> download.download(command(grant, NAME, Optional.empty())));

        assertEquals(InvalidToken.Reason.EXPIRED_TOKEN, failure.reason());
    }

    @Test
    void an_object_removed_since_signing_is_not_found() {
        assertThrows(NotFound.class, () -> download.download(command(grant, NAME, Optional.empty())));
    }

    private DownloadSignedObject.Command command(DownloadGrant presented, ObjectName name, Optional<RequestedRange> range) {
        return new DownloadSignedObject.Command(presented, docs.id(), name, range, Optional.empty(), Optional.empty());
    }
}
