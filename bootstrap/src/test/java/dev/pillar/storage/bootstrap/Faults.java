package dev.pillar.storage.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the fault suites share: bodies, waiting for a condition, Supabase's error shape. */
final class Faults {
    private Faults() {
    }

    static byte[] bytes(int size, long seed) throws IOException {
        try (InputStream pattern = new PatternStream(size, seed)) {
            return pattern.readAllBytes();
        }
    }

    static void await(String what, Duration patience, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + patience + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    static void assertErrorShape(String body, String status) {
        assertTrue(body.contains("\"statusCode\":\"" + status + "\"") && body.contains("\"error\":")
                && body.contains("\"message\":"), "Supabase's JSON error shape: " + body);
    }
}
