import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** The scenarios of the benchmark, and the same work done against the raw ceiling server. */
final class Scenarios {
    static final int SMALL = 2000;
    private static final String OBJECTS = "/storage/v1/object/bench/";
    private static final String JSON = "Content-Type: application/json\r\n";

    private Scenarios() {
    }

    /** The raw ceiling: the same bytes written and read over the thinnest HTTP path to the same disk. */
    static void ceiling(Bench bench, Proc raw, int port, long large) throws Exception {
        bench.load("upload " + large / Bench.MIB + " MiB", "raw", raw, port, 3, 1, large, (conn, i) ->
                upload(conn, "/raw/large", "", large)).id("raw-large-up");
        long crc = crcOf(large);
        bench.load("download " + large / Bench.MIB + " MiB", "raw", raw, port, 3, 1, large, (conn, i) ->
                download(conn, "/raw/large", "", large, crc)).id("raw-large-down");
        bench.load("PUT 4 KiB x" + SMALL + " @32", "raw", raw, port, SMALL, 32, 4096, (conn, i) ->
                conn.send("PUT", "/raw/small-" + i, "", Bench.smallBody(i)).status() == 200).id("raw-small-put");
        bench.load("GET 4 KiB x" + SMALL + " @32", "raw", raw, port, SMALL, 32, 4096, (conn, i) ->
                conn.send("GET", "/raw/small-" + i, "", null).body().length == 4096).id("raw-small-get");
    }

    /** Every scenario but the very large transfer, on one server. */
    static void run(Bench bench, Proc server, int port, long large) throws Exception {
        bulk(bench, server, port, "large", large / Bench.MIB + " MiB", large, 3, "raw-large");
        String auth = bench.auth;
        bench.load("PUT 4 KiB x" + SMALL + " @32", "server", server, port, SMALL, 32, 4096, (conn, i) ->
                conn.send("POST", OBJECTS + "small/obj-" + i, auth + "x-upsert: true\r\n"
                        + "Content-Type: application/octet-stream\r\n", Bench.smallBody(i)).status() == 200)
                .ceiling("raw-small-put");
        bench.load("GET 4 KiB x" + SMALL + " @32", "server", server, port, SMALL, 32, 4096, (conn, i) ->
                conn.send("GET", OBJECTS + "small/obj-" + i, auth, null).body().length == 4096)
                .ceiling("raw-small-get");
        byte[] list = "{\"prefix\":\"small/\",\"limit\":100,\"offset\":0}".getBytes(StandardCharsets.UTF_8);
        bench.load("list limit 100 x1000 @8", "server", server, port, 1000, 8, 0, (conn, i) ->
                conn.send("POST", "/storage/v1/object/list/bench", auth + JSON, list).status() == 200)
                .ceiling("raw-small-get");
        byte[] sign = "{\"expiresIn\":3600}".getBytes(StandardCharsets.UTF_8);
        bench.load("sign URL x4000 @32", "server", server, port, 4000, 32, 0, (conn, i) ->
                conn.send("POST", "/storage/v1/object/sign/bench/small/obj-" + (i % SMALL), auth + JSON, sign)
                        .status() == 200).ceiling("raw-small-get");
        bench.load("mixed 70/20/10 x6000 @64", "server", server, port, 6000, 64, 0, (conn, i) -> {
            int dice = Bench.random(10);
            int object = Bench.random(SMALL);
            if (dice < 7) {
                return conn.send("GET", OBJECTS + "small/obj-" + object, auth, null).body().length == 4096;
            }
            if (dice < 9) {
                return conn.send("POST", OBJECTS + "small/obj-" + object, auth + "x-upsert: true\r\n"
                        + "Content-Type: application/octet-stream\r\n", Bench.smallBody(i)).status() == 200;
            }
            return conn.send("POST", "/storage/v1/object/list/bench", auth + JSON, list).status() == 200;
        }).ceiling("raw-small-get");
    }

    /** Uploads then downloads {@code size} bytes {@code repeats} times, each download checked by CRC32C. */
    static void bulk(Bench bench, Proc server, int port, String name, String label, long size, int repeats,
                     String ceiling) throws Exception {
        String path = OBJECTS + name + ".bin";
        String auth = bench.auth;
        bench.load("upload " + label, "server", server, port, repeats, 1, size, (conn, i) ->
                upload(conn, path, auth + "x-upsert: true\r\n", size)).ceiling(ceiling + "-up");
        long crc = crcOf(size);
        bench.load("download " + label, "server", server, port, repeats, 1, size, (conn, i) ->
                download(conn, path, auth, size, crc)).ceiling(ceiling + "-down");
    }

    private static boolean upload(Conn conn, String path, String headers, long size) throws IOException {
        return conn.exchange(path.startsWith("/raw") ? "PUT" : "POST", path,
                headers + "Content-Type: application/octet-stream\r\n", new Bench.Payload(size), size, null)
                .status() == 200;
    }

    private static boolean download(Conn conn, String path, String headers, long size, long expectedCrc)
            throws IOException {
        CRC32C crc = new CRC32C();
        Conn.Response response = conn.exchange("GET", path, headers, null, -1, (buffer, n) -> crc.update(buffer, 0, n));
        return response.status() == 200 && response.length() == size && crc.getValue() == expectedCrc;
    }

    /** The CRC32C of the payload of {@code size} bytes, computed before the timed downloads. */
    private static long crcOf(long size) throws IOException {
        Bench.Payload payload = new Bench.Payload(size);
        payload.transferTo(java.io.OutputStream.nullOutputStream());
        return payload.crc.getValue();
    }
}
