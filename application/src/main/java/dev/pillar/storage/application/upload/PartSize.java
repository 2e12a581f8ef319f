package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.port.MultipartStore;

/**
 * How big the whole parts of a resumable upload are: S3's 5 MiB minimum, or more when an upload of up to
 * {@code maxBytes} would otherwise need too many parts (S3 takes 10,000; some headroom is left for part
 * numbers spent on attempts that failed); then fitted to the client's chunks by its first one.
 */
final class PartSize {
    private static final long MIB = 1024 * 1024;
    private static final long PLANNED_PARTS = 9_000;
    /**
     * The largest first chunk the parts are fitted to. tus clients send chunks of one size (Supabase's docs ask
     * for 6 MiB); a part of exactly that size makes every chunk one part, with nothing staged and read back. A
     * client that sends the whole file in one request keeps parts of this size, so that a request cut off midway
     * still leaves its whole parts saved.
     */
    static final long LARGEST_FITTED = 16 * MIB;

    private PartSize() {
    }

    static long forUpTo(long maxBytes) {
        long needed = (maxBytes + PLANNED_PARTS - 1) / PLANNED_PARTS;
        long roundedToMib = (needed + MIB - 1) / MIB * MIB;
        return Math.max(MultipartStore.MIN_PART_SIZE, roundedToMib);
    }

    /** The part size once the first chunk, of {@code chunkBytes}, has been seen: never below the planned one. */
    static long fitted(long planned, long chunkBytes) {
        return Math.max(planned, Math.min(chunkBytes, LARGEST_FITTED));
    }
}
