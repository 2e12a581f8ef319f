package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.domain.failure.Unavailable;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * The part-sized buffers uploads stream through, at most {@code count} at a time: the memory all
 * uploads together hold is bounded, whatever their number and size. An upload that finds every
 * buffer taken waits for one (its client is simply read more slowly). A few buffers are kept for
 * reuse, so a busy server does not churn part-sized garbage; the rest go back to the heap.
 */
final class PartBuffers {
    private static final int KEPT_IDLE = 4;
    private final int size;
    private final Semaphore available;
    private final ConcurrentLinkedQueue<byte[]> idle = new ConcurrentLinkedQueue<>();

    PartBuffers(int size, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one buffer");
        }
        this.size = size;
        this.available = new Semaphore(count, true);
    }

    /** As many buffers as a quarter of the heap holds, from 2 to 64. */
    static PartBuffers forHeap(int size) {
        long quarter = Runtime.getRuntime().maxMemory() / 4;
        return new PartBuffers(size, (int) Math.max(2, Math.min(64, quarter / size)));
    }

    int size() {
        return size;
    }

    byte[] acquire() {
        try {
            available.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(Unavailable.Service.OBJECT_STORE, "Interrupted while waiting for an upload buffer", e);
        }
        byte[] buffer = idle.poll();
        return buffer != null ? buffer : new byte[size];
    }

    void release(byte[] buffer) {
        if (idle.size() < KEPT_IDLE) {
            idle.offer(buffer);
        }
        available.release();
    }
}
