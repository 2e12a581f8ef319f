package dev.pillar.storage.adapters.filesystem;

import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.ObjectName;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a blob lives under the root: {@code <root>/<project>/<bucket>/<name segment>.../<version>~blob},
 * each part passed through {@link SegmentEncoding}.
 *
 * <p>The {@code ~blob} suffix keeps blob files and directories apart: without it the blob of
 * {@code a} version {@code v1} and the directory {@code a/v1/} of the object {@code a/v1} would
 * need the same path. The staging directory {@code .tmp} starts with a dot, which no encoding
 * produces, so no key can reach it.
 */
final class KeyLayout {
    static final String BLOB_SUFFIX = "~blob";
    private final Path root;

    KeyLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path pathOf(BlobKey key) {
        Path path = root.resolve(SegmentEncoding.encode(key.projectRef()))
                .resolve(SegmentEncoding.encode(key.bucketId().value()));
        int depth = 3;
        for (String segment : key.name().segments()) {
            path = path.resolve(SegmentEncoding.encode(segment));
            depth++;
        }
        path = path.resolve(SegmentEncoding.encode(key.version()) + BLOB_SUFFIX);
        return checkedInsideRoot(key, path, depth);
    }

    /**
     * The key whose blob is the file at {@code path}, read back from its location; empty when it cannot be
     * (a shortened segment, a file no key maps to).
     */
    Optional<BlobKey> keyAt(Path path) {
        Path relative = root.relativize(path);
        int count = relative.getNameCount();
        String file = relative.getFileName().toString();
        if (count < 4 || !file.endsWith(BLOB_SUFFIX)) {
            return Optional.empty();
        }
        try {
            StringBuilder name = new StringBuilder();
            for (int i = 2; i < count - 1; i++) {
                name.append(name.isEmpty() ? "" : "/").append(SegmentEncoding.decode(relative.getName(i).toString()));
            }
            String version = SegmentEncoding.decode(file.substring(0, file.length() - BLOB_SUFFIX.length()));
            BlobKey key = new BlobKey(SegmentEncoding.decode(relative.getName(0).toString()),
                    BucketId.of(SegmentEncoding.decode(relative.getName(1).toString())), ObjectName.of(name.toString()),
                    version);
            return pathOf(key).equals(path) ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException | IllegalStateException | InvalidInput notAKey) {
            return Optional.empty();
        }
    }

    /** Defence in depth: the encoding already rules all of this out. */
    private Path checkedInsideRoot(BlobKey key, Path path, int depth) {
        Path normalized = path.normalize();
        boolean inside = normalized.equals(path)
                && normalized.startsWith(root)
                && normalized.getNameCount() == root.getNameCount() + depth
                && !normalized.getName(root.getNameCount()).toString().startsWith(".");
        if (!inside) {
            throw new IllegalStateException("blob key " + key.path() + " maps outside the store root");
        }
        return normalized;
    }
}
