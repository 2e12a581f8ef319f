package dev.pillar.storage.adapters.filesystem;

import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.domain.failure.StorageFailure;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * Keeps a blob's attributes in user extended attributes, under the names Supabase's file backend
 * uses ({@code user.supabase.content-type}, {@code user.supabase.cache-control}), so a directory
 * written by either server describes its blobs the same way. Where the filesystem has no user
 * attributes, nothing is kept and every blob reads as {@link BlobAttributes#DEFAULT}.
 */
final class ExtendedAttributes {
    private static final String CONTENT_TYPE = "supabase.content-type";
    private static final String CACHE_CONTROL = "supabase.cache-control";
    private static final System.Logger LOG = System.getLogger(ExtendedAttributes.class.getName());
    private final boolean supported;

    private ExtendedAttributes(boolean supported) {
        this.supported = supported;
    }

    /** Attributes for files under {@code root}, if its filesystem keeps user attributes. */
    static ExtendedAttributes on(Path root) throws IOException {
        boolean supported = Files.getFileStore(root).supportsFileAttributeView(UserDefinedFileAttributeView.class);
        if (!supported) {
            LOG.log(System.Logger.Level.WARNING, "event=extended_attributes_unsupported path={0}", root);
        }
        return new ExtendedAttributes(supported);
    }

    void write(Path file, BlobAttributes attributes) throws IOException {
        if (!supported) {
            return;
        }
        UserDefinedFileAttributeView view = view(file);
        view.write(CONTENT_TYPE, ascii(attributes.contentType().value()));
        view.write(CACHE_CONTROL, ascii(attributes.cacheControl().value()));
    }

    /** The attributes of an existing file; {@link NoSuchFileException} when it is gone. */
    BlobAttributes read(Path file) throws IOException {
        if (!supported) {
            Files.readAttributes(file, "size");
            return BlobAttributes.DEFAULT;
        }
        UserDefinedFileAttributeView view = view(file);
        try {
            return new BlobAttributes(MimeType.of(value(view, CONTENT_TYPE)), CacheControl.of(value(view, CACHE_CONTROL)));
        } catch (NoSuchFileException e) {
            throw e;
        } catch (FileSystemException | StorageFailure missingOrForeign) {
            // Written before attributes were kept, or by another tool: describe it plainly.
            Files.readAttributes(file, "size");
            return BlobAttributes.DEFAULT;
        }
    }

    void copy(Path from, Path to) throws IOException {
        write(to, read(from));
    }

    private static UserDefinedFileAttributeView view(Path file) {
        return Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    }

    private static String value(UserDefinedFileAttributeView view, String name) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
        view.read(name, buffer);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    }

    private static ByteBuffer ascii(String value) {
        return ByteBuffer.wrap(value.getBytes(StandardCharsets.US_ASCII));
    }
}
