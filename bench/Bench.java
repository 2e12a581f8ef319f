import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The benchmark: starts the storage server (and a raw ceiling server) on loopback, runs the scenarios, stops
 * everything, prints one table with ratios to the ceiling measured in the same run, and writes it as JSON.
 * Usage (from bench/run): {@code Bench --jar J --database-url U --work DIR --out FILE [--big-gib N] [--large-mib N]
 * [--tus-mib N] [--backends file,s3] [--s3-database-url U] [--s3proxy-classpath CP] [--jfr FILE]}; each backend's
 * server gets a database of its own.
 */
public class Bench {
    /** Work measured against a server process. */
    interface Work {
        void run() throws Exception;
    }

    /** One request of a load scenario, on the worker's connection; answers whether it succeeded. */
    interface Op {
        boolean call(Conn conn, int index) throws IOException;
    }

    static final int MIB = 1 << 20;
    static final String SECRET = "bench-secret-" + Long.toHexString(new Random().nextLong()) + "-0123456789abcdef";
    final Map<String, String> args;
    final Report report = new Report();
    String auth;
    /** Set while a warm-up runs: its loads are done like the measured ones but not reported. */
    private boolean warming;

    Bench(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        new Bench(args).run();
    }

    void run() throws Exception {
        Path work = Path.of(args.get("work"));
        long large = Long.parseLong(args.getOrDefault("large-mib", "256")) * MIB;
        long big = Long.parseLong(args.getOrDefault("big-gib", "5")) * 1024L * MIB;
        long tus = Long.parseLong(args.getOrDefault("tus-mib", "1024")) * MIB;
        List<String> backends = List.of(args.getOrDefault("backends", "file,s3").split(","));
        String headers = "Authorization: Bearer " + key() + "\r\napikey: " + key() + "\r\n";
        auth = headers;
        List<String> jvm = new ArrayList<>();
        if (args.containsKey("jfr")) {
            jvm.add("-XX:StartFlightRecording=filename=" + args.get("jfr") + ",settings=profile");
        }
        if (backends.contains("file")) {
            try (Proc raw = Proc.start("raw server", List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
                    "RawServer", work.resolve("raw").toString()), Map.of(), work.resolve("raw.log"))) {
                Scenarios.ceiling(this, raw, awaitPort(work.resolve("raw.log"), raw), large);
            }
            Map<String, String> file = Map.of("STORAGE_BACKEND", "file", "FILE_STORAGE_BACKEND_PATH",
                    work.resolve("objects").toString());
            try (Proc server = startServer("storage server", jvm, work.resolve("server.log"), file)) {
                Scenarios.run(this, server, port, large, "file", "raw");
                if (tus > 0) {
                    Scenarios.tus(this, server, port, tus, "file", "raw");
                }
            }
            if (big > 0) {
                Map<String, String> bigFile = Map.of("STORAGE_BACKEND", "file", "FILE_STORAGE_BACKEND_PATH",
                        work.resolve("objects-big").toString());
                try (Proc server = startServer("storage server -Xmx256m", List.of("-Xmx256m"),
                        work.resolve("server-big.log"), bigFile)) {
                    Scenarios.bulk(this, server, port, "server file", "big", big / (1024 * MIB) + " GiB, -Xmx256m",
                            big, 1, "raw-large");
                }
            }
        }
        if (backends.contains("s3")) {
            try (Proc s3 = Proc.start("S3 server", List.of(javaBin(), "-cp", args.get("s3proxy-classpath"),
                    "S3ProxyMain", work.resolve("s3").toString(), S3Signer.ACCESS_KEY, S3Signer.SECRET_KEY), Map.of(),
                    work.resolve("s3.log"))) {
                int s3Port = awaitPort(work.resolve("s3.log"), s3);
                Scenarios.s3Ceiling(this, s3, s3Port, large, new S3Signer());
                Map<String, String> s3Backend = Map.of("STORAGE_BACKEND", "s3", "STORAGE_MODE", "self-hosted",
                        "S3_ENDPOINT", "http://127.0.0.1:" + s3Port, "S3_BUCKET", "bench-storage",
                        "S3_ACCESS_KEY", S3Signer.ACCESS_KEY, "S3_SECRET_KEY", S3Signer.SECRET_KEY);
                args.put("database-url", args.get("s3-database-url"));
                try (Proc server = startServer("storage server (s3)", backends.contains("file") ? List.of() : jvm,
                        work.resolve("server-s3.log"), s3Backend)) {
                    Scenarios.run(this, server, port, large, "s3", "s3");
                    if (tus > 0) {
                        Scenarios.tus(this, server, port, tus, "s3", "s3");
                    }
                }
            }
        }
        report.print(System.out);
        Path out = Path.of(args.get("out"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.json());
        System.out.println("figures written to " + out);
    }

    int port;

    /** Starts the server on a free port with the backend's environment, waits for health, creates the bucket. */
    Proc startServer(String name, List<String> jvm, Path log, Map<String, String> backend) throws Exception {
        port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.add("@" + args.get("jvm-options"));
        command.addAll(jvm);
        command.addAll(List.of("-jar", args.get("jar")));
        Map<String, String> env = new LinkedHashMap<>(Map.of("PORT", Integer.toString(port), "SERVER_HOST",
                "127.0.0.1", "DATABASE_URL", args.get("database-url"), "AUTH_JWT_SECRET", SECRET, "FILE_SIZE_LIMIT",
                "20GB"));
        env.putAll(backend);
        Proc server = Proc.start(name, command, env, log);
        server.awaitReady(90, () -> {
            try (Conn conn = new Conn("127.0.0.1", port)) {
                return conn.send("GET", "/health", "", null).status() == 200;
            }
        });
        try (Conn conn = new Conn("127.0.0.1", port)) {
            byte[] bucket = ("{\"name\":\"bench\",\"file_size_limit\":null}").getBytes(StandardCharsets.UTF_8);
            int status = conn.send("POST", "/storage/v1/bucket", auth + "Content-Type: application/json\r\n", bucket)
                    .status();
            if (status != 200 && status != 409) {
                throw new IllegalStateException("could not create the bench bucket: " + status);
            }
        }
        return server;
    }

    /** Runs {@code total} requests over {@code concurrency} connections; latencies and errors go to a result. */
    Report.Row load(String scenario, String target, Proc proc, int port, int total, int concurrency, long bytesEach,
                    Op op) throws Exception {
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        long[] wall = new long[1];
        Proc.Usage usage = proc.measure(() -> {
            long start = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    try (Conn conn = new Conn("127.0.0.1", port)) {
                        for (int i; (i = next.getAndIncrement()) < total; ) {
                            long t0 = System.nanoTime();
                            boolean ok;
                            try {
                                ok = op.call(conn, i);
                            } catch (IOException e) {
                                conn.close();
                                ok = false;
                            }
                            latencies[i] = System.nanoTime() - t0;
                            if (!ok) {
                                errors.incrementAndGet();
                            }
                        }
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            wall[0] = System.nanoTime() - start;
        });
        if (warming) {
            if (errors.get() > 0) {
                throw new IllegalStateException(errors.get() + " errors while warming up: " + scenario + ", " + target);
            }
            return new Report.Row(scenario, target, total, bytesEach * total, wall[0], latencies, 0, usage);
        }
        return report.add(scenario, target, total, bytesEach * total, wall[0], latencies, errors.get(), usage);
    }

    /**
     * Runs {@code work} without reporting its loads: a server measured cold spends much of its CPU compiling its
     * hot paths (the JIT), which a long-running server does once; the figures are of the warm server.
     */
    void warmUp(Work work) throws Exception {
        warming = true;
        try {
            work.run();
        } finally {
            warming = false;
        }
    }

    /** A deterministic stream of incompressible bytes whose CRC32C is computed as it is read. */
    static final class Payload extends InputStream {
        private static final byte[] BLOCK = new byte[MIB];
        static {
            new Random(42).nextBytes(BLOCK);
        }
        final CRC32C crc = new CRC32C();
        private final long length;
        private long position;

        Payload(long length) {
            this.length = length;
        }

        @Override
        public int read(byte[] buffer, int offset, int max) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(Math.min(max, length - position), MIB - position % MIB);
            System.arraycopy(BLOCK, (int) (position % MIB), buffer, offset, n);
            crc.update(buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }
    }

    static byte[] smallBody(int index) {
        byte[] body = new byte[4096];
        ThreadLocalRandom.current().nextBytes(body);
        body[0] = (byte) index;
        return body;
    }

    static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    private String key() throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String head = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"role\":\"service_role\",\"exp\":"
                + (System.currentTimeMillis() / 1000 + 86_400) + "}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return head + "." + claims + "." + b64.encodeToString(mac.doFinal((head + "." + claims)
                .getBytes(StandardCharsets.US_ASCII)));
    }

    private static int awaitPort(Path log, Proc proc) throws Exception {
        int[] port = new int[1];
        proc.awaitReady(30, () -> {
            String text = Files.exists(log) ? Files.readString(log).trim() : "";
            if (text.matches("\\d+")) {
                port[0] = Integer.parseInt(text);
                return true;
            }
            return false;
        });
        return port[0];
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String hex(long value) {
        return Long.toHexString(value);
    }

    static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
