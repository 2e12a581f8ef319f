package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.domain.failure.Unavailable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Turns at the pool: served in arrival order, waited for while the line moves, given up when it stalls. */
class ConnectionTurnsTest {
    @Test
    void waiting_callers_get_their_turn_in_arrival_order() throws Exception {
        ConnectionTurns turns = new ConnectionTurns(1, Duration.ofSeconds(30), Duration.ofSeconds(30));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> served = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> holder = threads.submit(() -> turns.inTurn(() -> {
                holding.countDown();
                return await(release);
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            List<Future<?>> waiters = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int caller = i;
                waiters.add(threads.submit(() -> turns.inTurn(() -> served.add(caller))));
                while (turns.waiting() < i + 1) {
                    Thread.onSpinWait();
                }
            }
            release.countDown();
            holder.get();
            for (Future<?> waiter : waiters) {
                waiter.get();
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 4), served);
    }

    @Test
    void a_long_line_that_keeps_moving_is_waited_out_beyond_the_stall_timeout() throws Exception {
        ConnectionTurns turns = new ConnectionTurns(1, Duration.ofMillis(300), Duration.ofSeconds(30));
        List<Future<String>> line = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10; i++) {
                line.add(threads.submit(() -> turns.inTurn(() -> {
                    sleep(100);
                    return "served";
                })));
            }
            for (Future<String> caller : line) {
                assertEquals("served", caller.get(), "about a second in line, but the line moved all along");
            }
        }
    }

    @Test
    void a_caller_whose_turn_does_not_come_while_nothing_finishes_finds_the_database_unavailable() throws Exception {
        ConnectionTurns turns = new ConnectionTurns(1, Duration.ofMillis(250), Duration.ofSeconds(30));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> holder = threads.submit(() -> turns.inTurn(() -> {
                holding.countDown();
                return await(release);
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));

            assertThrows(Unavailable.class, () -> turns.inTurn(() -> "never"));

            release.countDown();
            holder.get();
        }
        assertEquals("now", turns.inTurn(() -> "now"), "the turn came back after the holder finished");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
