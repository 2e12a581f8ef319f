package dev.pillar.storage.application.object;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.access.Role;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static dev.pillar.storage.application.StorageFixture.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GetObjectInfoTest {
    private final StorageFixture world = new StorageFixture();
    private final GetObjectInfo info = new GetObjectInfo(world.metadata, world.buckets);
    private final Bucket privateDocs = world.bucket("docs");
    private final Bucket publicSite = world.bucket("site", new BucketSettings(true, Optional.empty(), List.of()));
    private final StoredObject secret = world.object(privateDocs, "secret.txt", "hush");
    private final StoredObject page = world.object(publicSite, "index.html", "<html>");

    @Test
    void describes_an_object_of_a_private_bucket_in_one_transaction_begun_as_the_caller() {
        world.buckets.of(privateDocs.id());
        int transactions = world.metadata.transactionCount();

        assertEquals(secret, info.info(command(privateDocs.id(), secret.name(), ReadRoute.AUTHENTICATED)));

        assertEquals(transactions + 1, world.metadata.transactionCount(), "the object's transaction only");
        assertEquals(ALICE, world.metadata.transactionCallers().getLast());
    }

    @Test
    void a_second_read_within_the_validity_period_reads_no_bucket() {
        info.info(command(privateDocs.id(), secret.name(), ReadRoute.AUTHENTICATED));
        world.clock.advance(Duration.ofSeconds(1));
        info.info(command(privateDocs.id(), secret.name(), ReadRoute.AUTHENTICATED));

        assertEquals(List.of(SERVICE, ALICE, ALICE), world.metadata.transactionCallers(),
                "the bucket as the server once, then the object as the caller per read");
    }

    @Test
    void a_service_role_caller_reads_the_object_as_itself() {
        Caller serviceKey = new Caller(Role.SERVICE_ROLE, Optional.empty(),
                "{\"role\":\"service_role\",\"iss\":\"supabase\"}");
        world.metadata.hideObjects();

        assertEquals(secret, info.info(new GetObjectInfo.Command(serviceKey, privateDocs.id(), secret.name(),
                ReadRoute.AUTHENTICATED)));
        assertEquals(List.of(SERVICE, serviceKey), world.metadata.transactionCallers());
    }

    @Test
    void an_object_the_callers_policies_hide_is_not_found() {
        world.metadata.hideObjects();

        NotFound failure = assertThrows(NotFound.class,
                () -> info.info(command(privateDocs.id(), secret.name(), ReadRoute.AUTHENTICATED)));

        assertEquals(Resource.OBJECT, failure.resource());
    }

    @Test
    void a_missing_bucket_or_object_is_not_found_as_such() {
        assertEquals(Resource.BUCKET, assertThrows(NotFound.class,
                () -> info.info(command(BucketId.of("nope"), secret.name(), ReadRoute.AUTHENTICATED))).resource());
        assertEquals(Resource.OBJECT, assertThrows(NotFound.class,
                () -> info.info(command(privateDocs.id(), ObjectName.of("nope"), ReadRoute.AUTHENTICATED))).resource());
    }

    @Test
    void a_public_buckets_objects_are_read_by_the_server_whatever_the_policies() {
        world.metadata.hideObjects();

        assertEquals(page, info.info(command(publicSite.id(), page.name(), ReadRoute.AUTHENTICATED)));
        assertEquals(page, info.info(command(publicSite.id(), page.name(), ReadRoute.PUBLIC)));
        assertEquals(List.of(SERVICE, SERVICE, SERVICE), world.metadata.transactionCallers(),
                "the bucket once, then one transaction per read");
    }

    @Test
    void the_authenticated_image_route_reads_a_public_buckets_objects_as_the_caller() {
        world.metadata.hideObjects();

        assertEquals(Resource.OBJECT, assertThrows(NotFound.class,
                () -> info.info(command(publicSite.id(), page.name(), ReadRoute.AUTHENTICATED_IMAGE))).resource());
        assertEquals(ALICE, world.metadata.transactionCallers().getLast());
    }

    @Test
    void the_public_route_treats_a_private_bucket_as_missing() {
        NotFound failure = assertThrows(NotFound.class,
                () -> info.info(command(privateDocs.id(), secret.name(), ReadRoute.PUBLIC)));

        assertEquals(Resource.BUCKET, failure.resource());
    }

    @Test
    void a_bucket_made_private_through_this_process_is_refused_by_the_next_public_read() {
        info.info(command(publicSite.id(), page.name(), ReadRoute.PUBLIC));

        world.buckets.changing(publicSite.id(), () -> madePrivate(publicSite));

        assertEquals(Resource.BUCKET, assertThrows(NotFound.class,
                () -> info.info(command(publicSite.id(), page.name(), ReadRoute.PUBLIC))).resource());
    }

    @Test
    void a_bucket_made_private_by_another_instance_is_served_publicly_until_the_validity_period_ends() {
        info.info(command(publicSite.id(), page.name(), ReadRoute.PUBLIC));
        madePrivate(publicSite);

        world.clock.advance(Duration.ofMillis(1999));
        assertEquals(page, info.info(command(publicSite.id(), page.name(), ReadRoute.PUBLIC)));
        world.clock.advance(Duration.ofMillis(1));
        assertEquals(Resource.BUCKET, assertThrows(NotFound.class,
                () -> info.info(command(publicSite.id(), page.name(), ReadRoute.PUBLIC))).resource());
    }

    private Bucket madePrivate(Bucket bucket) {
        Bucket changed = bucket.withSettings(BucketSettings.privateDefaults(), world.clock.now());
        world.metadata.put(changed);
        return changed;
    }

    private GetObjectInfo.Command command(BucketId bucket, ObjectName name, ReadRoute route) {
        return new GetObjectInfo.Command(ALICE, bucket, name, route);
    }
}
