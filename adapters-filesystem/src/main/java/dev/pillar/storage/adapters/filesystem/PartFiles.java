package dev.pillar.storage.adapters.filesystem;

import dev.pillar.storage.application.digest.Md5;
import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.application.port.StoredBlob;
import dev.pillar.storage.application.port.UploadedPart;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The filesystem's multipart uploads: one directory per upload under {@code .uploads} (made on first
 * use; like {@code .tmp}, no key encoding starts with a dot), holding the upload's attributes and one
 * file per part, named {@code <number>-<md5>}. A part is written to staging and renamed in, so a part
 * is there whole or not at all; completion joins the parts into a staging file and publishes it like
 * any other blob.
 */
final class PartFiles {
    static final String DIRECTORY = ".uploads";
    private static final Pattern PART = Pattern.compile("(\\d{1,5})-([0-9a-f]{32})");
    private static final int BUFFER_BYTES = 128 * 1024;
    private final Path uploads;
    private final StagingArea staging;
    private final ExtendedAttributes attributes;

    PartFiles(Path root, StagingArea staging, ExtendedAttributes attributes) {
        this.uploads = root.resolve(DIRECTORY);
        this.staging = staging;
        this.attributes = attributes;
    }

    String begin(BlobAttributes blobAttributes) throws IOException {
        String id = UUID.randomUUID().toString();
        Path directory = Files.createDirectories(uploads).resolve(id);
        Files.createDirectory(directory);
        attributes.write(directory, blobAttributes);
        return id;
    }

    UploadedPart put(String uploadId, int number, InputStream content, long length) throws IOException {
        Path directory = existing(uploadId);
        Path temp = staging.newPath();
        try {
            String md5;
            try (FileChannel out = staging.create(temp)) {
                md5 = copyExactly(content, out, length);
                out.force(true);
            }
            Files.move(temp, directory.resolve(number + "-" + md5), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            removeOtherVersions(directory, number, md5);
            return new UploadedPart(number, md5, length);
        } catch (NoSuchFileException e) {
            staging.discard(temp, e);
            throw new NotFound(Resource.UPLOAD);
        } catch (IOException | RuntimeException | Error e) {
            staging.discard(temp, e);
            throw e;
        }
    }

    List<UploadedPart> list(String uploadId) throws IOException {
        List<UploadedPart> parts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(existing(uploadId))) {
            for (Path file : files) {
                Matcher name = PART.matcher(file.getFileName().toString());
                if (name.matches()) {
                    parts.add(new UploadedPart(Integer.parseInt(name.group(1)), name.group(2), Files.size(file)));
                }
            }
        } catch (NoSuchFileException e) {
            throw new NotFound(Resource.UPLOAD);
        }
        parts.sort(Comparator.comparingInt(UploadedPart::number));
        return parts;
    }

    /** Joins the parts into a new staging file carrying the upload's attributes; the caller publishes it. */
    StoredBlob join(String uploadId, List<UploadedPart> parts, Path temp) throws IOException {
        Path directory = existing(uploadId);
        long total = 0;
        try (FileChannel out = staging.create(temp)) {
            for (UploadedPart part : parts) {
                Path file = directory.resolve(part.number() + "-" + part.etag());
                try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                    long size = in.size();
                    for (long done = 0; done < size; ) {
                        done += in.transferTo(done, size - done, out);
                    }
                    total += size;
                } catch (NoSuchFileException e) {
                    throw InvalidInput.invalidRequest("Part " + part.number() + " is not stored with that tag");
                }
            }
            out.force(true);
        }
        attributes.copy(directory, temp);
        return new StoredBlob(total);
    }

    /** Removes the upload's directory; an id this class never made names nothing to remove. */
    void remove(String uploadId) throws IOException {
        Path directory;
        try {
            directory = uploads.resolve(checkedId(uploadId));
        } catch (NotFound neverMade) {
            return;
        }
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        } catch (NoSuchFileException alreadyGone) {
            return;
        }
        Files.deleteIfExists(directory);
    }

    private Path existing(String uploadId) {
        Path directory = uploads.resolve(checkedId(uploadId));
        if (!Files.isDirectory(directory)) {
            throw new NotFound(Resource.UPLOAD);
        }
        return directory;
    }

    /** Only ids this class made can name a directory: anything else is simply not found. */
    private static String checkedId(String uploadId) {
        try {
            if (UUID.fromString(uploadId).toString().equals(uploadId)) {
                return uploadId;
            }
        } catch (IllegalArgumentException notAnId) {
            // reported below
        }
        throw new NotFound(Resource.UPLOAD);
    }

    private static void removeOtherVersions(Path directory, int number, String keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, number + "-*")) {
            for (Path file : files) {
                Matcher name = PART.matcher(file.getFileName().toString());
                if (name.matches() && Integer.parseInt(name.group(1)) == number && !name.group(2).equals(keep)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * Copies exactly {@code length} bytes and returns their MD5. A stream that fails or ends early is
     * the sender's failure ({@link UncheckedIOException}); a failing write is ours ({@link IOException}).
     */
    private static String copyExactly(InputStream content, FileChannel out, long length) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        ByteBuffer chunk = ByteBuffer.wrap(buffer);
        try (Md5 md5 = new Md5()) {
            for (long remaining = length; remaining > 0; ) {
                int n;
                try {
                    n = content.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                } catch (IOException e) {
                    throw new UncheckedIOException("reading the part failed", e);
                }
                if (n < 0) {
                    throw new UncheckedIOException(new EOFException("the part ended " + remaining + " bytes early"));
                }
                md5.update(buffer, 0, n);
                chunk.clear().limit(n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                remaining -= n;
            }
            return md5.hex();
        }
    }
}
