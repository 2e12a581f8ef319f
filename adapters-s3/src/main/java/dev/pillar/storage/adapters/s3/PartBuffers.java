package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.domain.failure.Unavailable;

import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The part-sized buffers uploads stream through, at most {@code count} at a time: the memory all
 * uploads together hold is bounded, whatever their number and size. An upload that finds every
 * buffer taken waits for one (its client is simply read more slowly). A few buffers are kept for
 * reuse, so a busy server does not churn part-sized garbage; the rest go back to the heap.
 *
 * <p>An upload waits for its first buffer only. A second one, to read a part while the previous one is
 * sent, is taken only if it is free and no upload is waiting for its first: an upload never holds one
 * buffer while it waits for another, so uploads cannot deadlock each other over the pool.
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

    /** A buffer, once one is free: the caller's client is read more slowly meanwhile. */
    byte[] acquire() {
        try {
            available.acquire();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        return take();
    }

    /**
     * A buffer if one is free right now and no upload waits for one; never waits. A zero timeout, unlike
     * {@link Semaphore#tryAcquire()}, keeps the pool's fairness: waiting uploads come first.
     */
    Optional<byte[]> tryAcquire() {
        try {
            return available.tryAcquire(0, TimeUnit.SECONDS) ? Optional.of(take()) : Optional.empty();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    void release(byte[] buffer) {
        if (idle.size() < KEPT_IDLE) {
            idle.offer(buffer);
        }
        available.release();
    }

    private byte[] take() {
        byte[] buffer = idle.poll();
        return buffer != null ? buffer : new byte[size];
    }

    private static Unavailable interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Unavailable(Unavailable.Service.OBJECT_STORE, "Interrupted while waiting for an upload buffer", e);
    }
}
