package dev.pillar.storage.application.signed;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.signing.DownloadGrant;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateSignedUrlsTest {
    private final StorageFixture world = new StorageFixture();
    private final CreateSignedUrls sign = new CreateSignedUrls(world.metadata, world.clock);
    private final Bucket docs = world.bucket("docs");

    @Test
    void grants_each_readable_path_and_reports_the_others_in_the_order_asked_after_one_look_up() {
        world.object(docs, "a.txt", "a");
        world.object(docs, "b/c.txt", "c");

        List<CreateSignedUrls.Outcome> outcomes = sign.sign(new CreateSignedUrls.Command(ALICE, docs.id(),
                List.of("b/c.txt", "missing.txt", "a.txt", "../escape", "a.txt"), 120));

        assertEquals(List.of("b/c.txt", "missing.txt", "a.txt", "../escape", "a.txt"),
                outcomes.stream().map(CreateSignedUrls.Outcome::path).toList());
        assertEquals(List.of(true, false, true, false, true),
                outcomes.stream().map(outcome -> outcome.grant().isPresent()).toList());
        DownloadGrant first = outcomes.get(0).grant().orElseThrow();
        assertEquals(ObjectName.of("b/c.txt"), first.name());
        assertEquals(docs.id(), first.bucketId());
        assertEquals(Instant.parse("2024-03-01T09:02:00Z"), first.validity().expiresAt());
        assertEquals(List.of(ALICE), world.metadata.transactionCallers(), "one look-up, as the caller");
    }

    @Test
    void paths_the_callers_policies_hide_get_no_grant() {
        world.object(docs, "a.txt", "a");
        world.metadata.hideObjects();

        List<CreateSignedUrls.Outcome> outcomes = sign.sign(new CreateSignedUrls.Command(ALICE, docs.id(),
                List.of("a.txt"), 60));

        assertEquals(Optional.empty(), outcomes.get(0).grant());
    }

    @Test
    void a_batch_of_only_invalid_names_needs_no_look_up() {
        List<CreateSignedUrls.Outcome> outcomes = sign.sign(new CreateSignedUrls.Command(ALICE, docs.id(),
                List.of("/leading", "a//b"), 60));

        assertTrue(outcomes.stream().allMatch(outcome -> outcome.grant().isEmpty()));
        assertEquals(List.of(), world.metadata.transactionCallers());
    }

    @Test
    void a_bad_expiry_fails_the_whole_batch() {
        world.object(docs, "a.txt", "a");

        assertThrows(InvalidInput.class,
                () -> sign.sign(new CreateSignedUrls.Command(ALICE, docs.id(), List.of("a.txt"), -5)));
    }

    @Test
    void asks_for_one_to_a_thousand_paths() {
        assertEquals("Invalid Parameter paths", assertThrows(InvalidInput.class,
                () -> new CreateSignedUrls.Command(ALICE, docs.id(), List.of(), 60)).getMessage());
        assertThrows(InvalidInput.class,
                () -> new CreateSignedUrls.Command(ALICE, docs.id(), Collections.nCopies(1001, "a.txt"), 60));
        assertEquals(1000, new CreateSignedUrls.Command(ALICE, docs.id(), Collections.nCopies(1000, "a.txt"), 60)
                .paths().size());
    }
}
