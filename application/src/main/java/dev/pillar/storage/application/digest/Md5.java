package dev.pillar.storage.application.digest;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The MD5 of a body (an upload's ETag), computed beside the thread that receives it. Java's MD5 is about as
 * slow as a large upload arrives, so digesting on the receiving thread roughly halves that upload's rate while
 * the other core idles. Here, once a body outgrows its first block, its bytes are copied into blocks and each
 * full block goes to one virtual thread that digests the blocks in order while the receiver goes on reading
 * and writing. A body that ends within its first block is digested on the caller's thread exactly as before:
 * no thread, no copy.
 *
 * <p>Memory stays bounded: at most {@value #BLOCKS} blocks of {@value #BLOCK_BYTES} bytes per digest, reused;
 * a receiver that outruns the worker waits for a block to come back. One thread updates the digest and then
 * asks for {@link #hex()}; if the body fails instead, {@link #close()} stops the worker, so none outlives its
 * upload.
 */
public final class Md5 implements AutoCloseable {
    static final int BLOCK_BYTES = 256 * 1024;
    static final int BLOCKS = 4;
    /** Tells the worker that every block has been handed over. */
    private static final byte[] END = new byte[0];

    private final MessageDigest md5 = messageDigest();
    /** Full blocks for the worker, and room for {@link #END} after all of them. */
    private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(BLOCKS + 1);
    /** Blocks the worker has digested, ready to be filled again. */
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BLOCKS);
    private long digestedInline;
    private byte[] block;
    private int filled;
    private int allocated;
    private Thread worker;
    private boolean over;

    /** A plain MD5 {@link MessageDigest}: the one place that asks the JDK for it. */
    public static MessageDigest messageDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }

    /** Adds one byte. */
    public void update(byte b) {
        requireOpen();
        if (digestedInline < BLOCK_BYTES) {
            md5.update(b);
            digestedInline++;
            return;
        }
        blockToFill()[filled++] = b;
        if (filled == BLOCK_BYTES) {
            handOver();
        }
    }

    /**
     * Adds {@code length} bytes of {@code bytes} from {@code offset}; the caller may reuse the array as soon as
     * this returns. Waits when all blocks are with the worker; an interrupt while waiting surfaces as an
     * {@link UncheckedIOException} of an {@link InterruptedIOException}, as a stream's would.
     */
    public void update(byte[] bytes, int offset, int length) {
        requireOpen();
        if (digestedInline < BLOCK_BYTES) {
            int direct = (int) Math.min(length, BLOCK_BYTES - digestedInline);
            md5.update(bytes, offset, direct);
            digestedInline += direct;
            offset += direct;
            length -= direct;
        }
        while (length > 0) {
            byte[] target = blockToFill();
            int n = Math.min(length, BLOCK_BYTES - filled);
            System.arraycopy(bytes, offset, target, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == BLOCK_BYTES) {
                handOver();
            }
        }
    }

    /**
     * Waits for the worker to digest every block handed over, adds the last partial block, and returns the MD5
     * in hex.
     */
    public String hex() {
        requireOpen();
        over = true;
        if (worker != null) {
            full.add(END);
            awaitWorker();
        }
        if (block != null) {
            md5.update(block, 0, filled);
            block = null;
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** Abandons the digest if {@link #hex()} was not asked for: the worker stops, and nothing is left waiting. */
    @Override
    public void close() {
        if (over) {
            return;
        }
        over = true;
        block = null;
        if (worker != null) {
            worker.interrupt();
            awaitWorker();
        }
    }

    /** The worker, once a body needed one; for tests that check it has stopped. */
    Thread worker() {
        return worker;
    }

    private void requireOpen() {
        if (over) {
            throw new IllegalStateException("the digest is already finished or closed");
        }
    }

    private byte[] blockToFill() {
        if (block == null) {
            block = free.poll();
            if (block == null) {
                block = allocated < BLOCKS ? newBlock() : returnedBlock();
            }
        }
        return block;
    }

    private byte[] newBlock() {
        allocated++;
        return new byte[BLOCK_BYTES];
    }

    private byte[] returnedBlock() {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while the MD5 caught up"));
        }
    }

    private void handOver() {
        if (worker == null) {
            worker = Thread.ofVirtual().name("md5").start(this::digestBlocks);
        }
        full.add(block);
        block = null;
        filled = 0;
    }

    /** The worker: digests the full blocks in the order they came, until {@link #END} or an interrupt. */
    private void digestBlocks() {
        try {
            for (byte[] next = full.take(); next != END; next = full.take()) {
                md5.update(next, 0, BLOCK_BYTES);
                free.add(next);
            }
        } catch (InterruptedException closed) {
            // close(): the body failed, and so its MD5 is of no use.
        }
    }

    /** The worker is quick to finish (a few blocks at most, or an interrupt), so the wait ignores interrupts. */
    private void awaitWorker() {
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
