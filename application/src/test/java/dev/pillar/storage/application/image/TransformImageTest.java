package dev.pillar.storage.application.image;

import dev.pillar.storage.application.StorageFixture;
import dev.pillar.storage.application.image.TransformImage.Rendering;
import dev.pillar.storage.application.object.DownloadObject;
import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.application.port.ImageTransformer;
import dev.pillar.storage.application.port.TransformedImage;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketSettings;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.UnprocessableImage;
import dev.pillar.storage.domain.image.ImageLimits;
import dev.pillar.storage.domain.image.Transformation;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.pillar.storage.application.StorageFixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformImageTest {
    private final StorageFixture world = new StorageFixture();
    private final DownloadObject downloads =
            new DownloadObject(world.metadata, world.buckets, world.store, world.cleaner);
    private final RecordingTransformer transformer = new RecordingTransformer();
    private final TransformImage transformImage =
            new TransformImage(transformer, new ImageLimits(ByteSize.of(16), 1_000_000));
    private final Bucket photos = world.bucket("photos");
    private final StoredObject cat = world.object(photos, "cat.png", "cat pixels");
    private final Transformation small = Transformation.parse(name -> Optional.ofNullable(
            Map.of("width", "10", "format", "png").get(name)));

    @Test
    void hands_the_source_bytes_and_the_transformation_to_the_transformer() {
        Rendering.Image image = assertInstanceOf(Rendering.Image.class, transformImage.render(command(cat, none())));

        assertEquals(List.of("cat pixels"), transformer.sources);
        assertEquals(List.of(small), transformer.transformations);
        assertEquals(cat, image.source());
        assertEquals("image/png", image.image().mimeType().value());
    }

    @Test
    void the_rendering_has_its_own_entity_tag_derived_from_the_source_version() {
        Rendering rendering = transformImage.render(command(cat, none()));

        assertEquals(small.eTagFor(cat.content().eTag()), rendering.eTag());
        assertNotEquals(cat.content().eTag(), rendering.eTag());
    }

    @Test
    void a_client_holding_this_rendering_gets_not_modified_without_any_pixel_work() {
        String eTag = small.eTagFor(cat.content().eTag());

        Rendering rendering = transformImage.render(command(cat, Optional.of("\"" + eTag + "\"")));

        assertInstanceOf(Rendering.NotModified.class, rendering);
        assertEquals(eTag, rendering.eTag());
        assertTrue(transformer.sources.isEmpty());
    }

    @Test
    void the_source_entity_tag_does_not_stand_for_a_rendering() {
        Rendering rendering = transformImage.render(command(cat, Optional.of("\"" + cat.content().eTag() + "\"")));

        assertInstanceOf(Rendering.Image.class, rendering);
    }

    @Test
    void a_source_over_the_size_limit_is_refused_unread() {
        StoredObject huge = world.object(photos, "huge.png", "seventeen bytes!!");

        UnprocessableImage failure = assertThrows(UnprocessableImage.class,
                () -> transformImage.render(command(huge, none())));

        assertEquals(UnprocessableImage.Reason.TOO_LARGE, failure.reason());
        assertTrue(transformer.sources.isEmpty());
    }

    @Test
    void an_object_the_caller_cannot_see_is_not_found() {
        ImageSource missing = ImageSource.readableBy(downloads, ALICE, photos.id(), ObjectName.of("dog.png"));

        assertThrows(NotFound.class, () -> transformImage.render(
                new TransformImage.Command(missing, small, none(), Optional.empty())));
    }

    @Test
    void a_public_buckets_object_is_read_under_the_callers_policies_as_supabases_authenticated_render_does() {
        Bucket avatars = world.bucket("avatars", new BucketSettings(true, Optional.empty(), List.of()));
        StoredObject face = world.object(avatars, "face.png", "face");
        world.metadata.hideObjects();
        ImageSource hidden = ImageSource.readableBy(downloads, ALICE, avatars.id(), face.name());

        assertThrows(NotFound.class, () -> transformImage.render(
                new TransformImage.Command(hidden, small, none(), Optional.empty())));
        assertTrue(transformer.sources.isEmpty());
    }

    private TransformImage.Command command(StoredObject object, Optional<String> ifNoneMatch) {
        return new TransformImage.Command(ImageSource.readableBy(downloads, ALICE, photos.id(), object.name()),
                small, ifNoneMatch, Optional.empty());
    }

    private static Optional<String> none() {
        return Optional.empty();
    }

    /** Remembers what it was asked to transform and answers a fixed tiny "image". */
    private static final class RecordingTransformer implements ImageTransformer {
        final List<String> sources = new ArrayList<>();
        final List<Transformation> transformations = new ArrayList<>();

        @Override
        public TransformedImage transform(InputStream source, Transformation transformation) {
            try {
                sources.add(new String(source.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            transformations.add(transformation);
            byte[] bytes = {1, 2, 3};
            return new TransformedImage(MimeType.of("image/png"),
                    new BlobContent(new ByteArrayInputStream(bytes), bytes.length));
        }
    }
}
