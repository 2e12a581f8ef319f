package dev.pillar.storage.application.upload;

import dev.pillar.storage.application.port.MultipartStore;

/**
 * How big the whole parts of a resumable upload are: S3's 5 MiB minimum, or more when an upload of up to
 * {@code maxBytes} would otherwise need too many parts (S3 takes 10,000; some headroom is left for part
 * numbers spent on attempts that failed).
 */
final class PartSize {
    private static final long MIB = 1024 * 1024;
    private static final long PLANNED_PARTS = 9_000;

    private PartSize() {
    }

    static long forUpTo(long maxBytes) {
        long needed = (maxBytes + PLANNED_PARTS - 1) / PLANNED_PARTS;
        long roundedToMib = (needed + MIB - 1) / MIB * MIB;
        return Math.max(MultipartStore.MIN_PART_SIZE, roundedToMib);
    }
}
