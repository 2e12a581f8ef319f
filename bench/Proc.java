import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server process the benchmark started: waits for it to answer, samples its resident memory (peak) and CPU time
 * from /proc while a scenario runs, and stops it. Linux only.
 */
final class Proc implements AutoCloseable {
    /** The server's peak RSS and CPU use (percent of one core) over one scenario. */
    record Usage(long peakRssBytes, double cpuPercent) {
    }

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on every Linux this runs on
    private final Process process;
    private final String name;

    private Proc(Process process, String name) {
        this.process = process;
        this.name = name;
    }

    static Proc start(String name, List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new Proc(builder.start(), name);
    }

    /** Polls {@code probe} until it answers true (at most {@code seconds}), failing if the process died. */
    void awaitReady(int seconds, java.util.concurrent.Callable<Boolean> probe) throws Exception {
        for (int i = 0; i < seconds * 10; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue());
            }
            try {
                if (probe.call()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " did not become ready in " + seconds + " s");
    }

    long pid() {
        return process.pid();
    }

    /** Runs {@code work} while sampling the process every 50 ms; returns its peak RSS and CPU share. */
    Usage measure(Bench.Work work) throws Exception {
        AtomicLong peak = new AtomicLong(rss());
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rss(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long cpuBefore = cpuTicks();
        long start = System.nanoTime();
        try {
            work.run();
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        peak.accumulateAndGet(rss(), Math::max);
        return new Usage(peak.get(), 100.0 * (cpuTicks() - cpuBefore) / TICKS_PER_SECOND / seconds);
    }

    private long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended: no sample
        }
        return 0;
    }

    private long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
