package dev.pillar.storage.adapters.filesystem;

import dev.pillar.storage.application.port.BlobKey;

import java.nio.file.Path;

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
