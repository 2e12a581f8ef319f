package dev.pillar.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.support.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console handler: lines written in batches, none lost or torn, warnings and the last ones not held back. */
class BufferedConsoleHandlerTest {
    private static final Duration NEVER = Duration.ofHours(1);
    private final Output out = new Output();

    @Test
    void many_threads_lines_all_arrive_whole_and_in_each_threads_order_in_few_writes() throws Exception {
        BufferedConsoleHandler handler = new BufferedConsoleHandler(out, NEVER);
        int threads = 8;
        int perThread = 2000;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String thread = "t" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        handler.publish(access(thread, i));
                    }
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        }
        handler.close();

        List<String> lines = out.text().lines().toList();
        assertEquals(threads * perThread, lines.size());
        Map<String, Integer> next = new HashMap<>();
        for (String text : lines) {
            JsonNode line = Json.MAPPER.readTree(text);
            String thread = line.path("thread").asText();
            assertEquals(next.getOrDefault(thread, 0), line.path("i").asInt(), "in order for " + thread);
            next.put(thread, line.path("i").asInt() + 1);
        }
        int bytes = out.text().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(out.writes() <= bytes / (BufferedConsoleHandler.BUFFER_BYTES / 2) + 1,
                out.writes() + " writes for " + bytes + " bytes");
    }

    @Test
    void a_quiet_moment_writes_what_is_buffered_without_a_flush_or_close() throws InterruptedException {
        BufferedConsoleHandler handler = new BufferedConsoleHandler(out, Duration.ofMillis(20));
        try {
            handler.publish(access("quiet", 1));
            for (int attempt = 0; attempt < 250 && out.text().isEmpty(); attempt++) {
                Thread.sleep(20);
            }
            assertTrue(out.text().contains("\"thread\":\"quiet\""), out.text());

            handler.publish(access("quiet", 2));
            for (int attempt = 0; attempt < 250 && out.text().lines().count() < 2; attempt++) {
                Thread.sleep(20);
            }
            assertEquals(2, out.text().lines().count(), "a second batch is flushed too");
        } finally {
            handler.close();
        }
    }

    @Test
    void a_warning_is_written_at_once_with_everything_before_it() {
        BufferedConsoleHandler handler = new BufferedConsoleHandler(out, NEVER);
        try {
            handler.publish(access("before", 1));
            assertEquals("", out.text(), "an info line waits for its batch");

            LogRecord warning = new LogRecord(Level.WARNING, "event=store_unreachable");
            warning.setThrown(new IOException("connection refused"));
            handler.publish(warning);

            List<String> lines = out.text().lines().toList();
            assertEquals(2, lines.size(), out.text());
            assertTrue(lines.get(0).contains("\"thread\":\"before\""));
            assertTrue(lines.get(1).contains("\"error\":\"java.io.IOException: connection refused\""));
        } finally {
            handler.close();
        }
    }

    @Test
    void a_line_longer_than_the_buffer_passes_whole_and_after_close_lines_are_written_at_once() throws IOException {
        BufferedConsoleHandler handler = new BufferedConsoleHandler(out, NEVER);
        handler.publish(access("small", 1));
        LogRecord big = new LogRecord(Level.INFO, "x".repeat(BufferedConsoleHandler.BUFFER_BYTES * 2));
        handler.publish(big);
        handler.close();
        handler.publish(access("late", 1));

        List<String> lines = out.text().lines().toList();
        assertEquals(3, lines.size());
        assertEquals(BufferedConsoleHandler.BUFFER_BYTES * 2, Json.MAPPER.readTree(lines.get(1)).path("message")
                .asText().length());
        assertTrue(lines.get(2).contains("\"thread\":\"late\""));
    }

    private static LogRecord access(String thread, int i) {
        LogRecord record = new LogRecord(Level.INFO, "request");
        record.setLoggerName("dev.pillar.storage.access");
        record.setParameters(new Object[]{Map.of("thread", thread, "i", i)});
        return record;
    }

    /** A stream that keeps what it is given and counts the writes. */
    private static final class Output extends ByteArrayOutputStream {
        private int writes;

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            writes++;
            super.write(bytes, offset, length);
        }

        synchronized int writes() {
            return writes;
        }

        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }
}
