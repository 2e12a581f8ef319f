package dev.pillar.storage.adapters.s3;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool's bound, and who gets a buffer when several uploads want one. */
class PartBuffersTest {
    private static final int SIZE = 16;

    @Test
    void a_second_buffer_is_taken_only_while_one_is_free() {
        PartBuffers buffers = new PartBuffers(SIZE, 2);
        byte[] first = buffers.acquire();

        byte[] second = buffers.tryAcquire().orElseThrow();

        assertEquals(SIZE, second.length);
        assertTrue(buffers.tryAcquire().isEmpty(), "both buffers are taken");
        buffers.release(second);
        assertTrue(buffers.tryAcquire().isPresent(), "a released buffer can be taken again");
        buffers.release(first);
    }

    @Test
    void an_upload_waiting_for_its_first_buffer_comes_before_a_second_one() throws InterruptedException {
        PartBuffers buffers = new PartBuffers(SIZE, 1);
        byte[] held = buffers.acquire();
        AtomicReference<byte[]> waited = new AtomicReference<>();
        Thread waiting = Thread.ofVirtual().start(() -> waited.set(buffers.acquire()));
        while (waiting.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }

        buffers.release(held);

        assertTrue(buffers.tryAcquire().isEmpty(), "the released buffer is the waiting upload's");
        waiting.join();
        assertSame(held, waited.get());
    }
}
