import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32C;

/** The scenarios of the benchmark, and the same work done against the raw ceiling server. */
final class Scenarios {
    static final int SMALL = 2000;
    private static final String OBJECTS = "/storage/v1/object/bench/";
    private static final String JSON = "Content-Type: application/json\r\n";
    private static final String TUS = "Tus-Resumable: 1.0.0\r\n";

    private Scenarios() {
    }

    /** The raw ceiling: the same bytes written and read over the thinnest HTTP path to the same disk. */
    static void ceiling(Bench bench, Proc raw, int port, long large) throws Exception {
        ceiling(bench, raw, port, large, "raw file", "raw", path -> "/raw/" + path, (method, path) -> "");
    }

    /** The S3 backend's ceiling: the same bytes written to and read from the S3 server directly (V2-signed). */
    static void s3Ceiling(Bench bench, Proc s3, int port, long large, S3Signer signer) throws Exception {
        try (Conn conn = new Conn("127.0.0.1", port)) {
            int status = conn.send("PUT", "/" + S3Signer.BUCKET, signer.headers("PUT", "/" + S3Signer.BUCKET)
                    + "Content-Type: application/octet-stream\r\n", null).status();
            if (status != 200 && status != 409) {
                throw new IllegalStateException("could not create the raw S3 bucket: " + status);
            }
        }
        ceiling(bench, s3, port, large, "raw s3", "s3", path -> "/" + S3Signer.BUCKET + "/" + path, signer::headers);
    }

    /** Signs a raw request: the extra headers for {@code method} on {@code path}. */
    interface Signing {
        String headers(String method, String path);
    }

    /** The ceiling rows {@code id-large-up}, {@code id-large-down}, {@code id-small-put}, {@code id-small-get}. */
    private static void ceiling(Bench bench, Proc proc, int port, long large, String target, String id,
                                java.util.function.UnaryOperator<String> paths, Signing signing) throws Exception {
        bench.warmUp(() -> smallCeiling(bench, proc, port, target, id, path -> paths.apply("warm-" + path), signing));
        String largePath = paths.apply("large");
        bench.load("upload " + large / Bench.MIB + " MiB", target, proc, port, 3, 1, large, (conn, i) ->
                upload(conn, "PUT", largePath, signing.headers("PUT", largePath), large)).id(id + "-large-up");
        long crc = crcOf(large);
        bench.load("download " + large / Bench.MIB + " MiB", target, proc, port, 3, 1, large, (conn, i) ->
                download(conn, largePath, signing.headers("GET", largePath), large, crc)).id(id + "-large-down");
        smallCeiling(bench, proc, port, target, id, paths, signing);
    }

    private static void smallCeiling(Bench bench, Proc proc, int port, String target, String id,
                                     java.util.function.UnaryOperator<String> paths, Signing signing) throws Exception {
        bench.load("PUT 4 KiB x" + SMALL + " @32", target, proc, port, SMALL, 32, 4096, (conn, i) -> {
            String path = paths.apply("small-" + i);
            return conn.send("PUT", path, signing.headers("PUT", path) + "Content-Type: application/octet-stream\r\n",
                    Bench.smallBody(i)).status() == 200;
        }).id(id + "-small-put");
        bench.load("GET 4 KiB x" + SMALL + " @32", target, proc, port, SMALL, 32, 4096, (conn, i) -> {
            String path = paths.apply("small-" + i);
            return conn.send("GET", path, signing.headers("GET", path), null).body().length == 4096;
        }).id(id + "-small-get");
    }

    /**
     * Every scenario but the very large transfer, on one server whose backend is {@code backend}; each compared to
     * the ceiling rows whose ids start with {@code ceiling} ({@code raw} for the file backend, {@code s3}).
     */
    static void run(Bench bench, Proc server, int port, long large, String backend, String ceiling) throws Exception {
        String target = "server " + backend;
        bench.warmUp(() -> small(bench, server, port, target, ceiling, "warm/"));
        bulk(bench, server, port, target, "large", large / Bench.MIB + " MiB", large, 3, ceiling + "-large");
        small(bench, server, port, target, ceiling, "small/");
    }

    /** The small-object scenarios on the objects under {@code folder} (the measured ones under {@code small/}). */
    private static void small(Bench bench, Proc server, int port, String target, String ceiling, String folder)
            throws Exception {
        String auth = bench.auth;
        String objects = OBJECTS + folder + "obj-";
        bench.load("PUT 4 KiB x" + SMALL + " @32", target, server, port, SMALL, 32, 4096, (conn, i) ->
                conn.send("POST", objects + i, auth + "x-upsert: true\r\n"
                        + "Content-Type: application/octet-stream\r\n", Bench.smallBody(i)).status() == 200)
                .ceiling(ceiling + "-small-put");
        bench.load("GET 4 KiB x" + SMALL + " @32", target, server, port, SMALL, 32, 4096, (conn, i) ->
                conn.send("GET", objects + i, auth, null).body().length == 4096)
                .ceiling(ceiling + "-small-get");
        byte[] list = ("{\"prefix\":\"" + folder + "\",\"limit\":100,\"offset\":0}").getBytes(StandardCharsets.UTF_8);
        bench.load("list limit 100 x1000 @8", target, server, port, 1000, 8, 0, (conn, i) ->
                conn.send("POST", "/storage/v1/object/list/bench", auth + JSON, list).status() == 200)
                .ceiling(ceiling + "-small-get");
        byte[] sign = "{\"expiresIn\":3600}".getBytes(StandardCharsets.UTF_8);
        bench.load("sign URL x4000 @32", target, server, port, 4000, 32, 0, (conn, i) ->
                conn.send("POST", "/storage/v1/object/sign/bench/" + folder + "obj-" + (i % SMALL), auth + JSON, sign)
                        .status() == 200).ceiling(ceiling + "-small-get");
        bench.load("mixed 70/20/10 x6000 @64", target, server, port, 6000, 64, 0, (conn, i) -> {
            int dice = Bench.random(10);
            int object = Bench.random(SMALL);
            if (dice < 7) {
                return conn.send("GET", objects + object, auth, null).body().length == 4096;
            }
            if (dice < 9) {
                return conn.send("POST", objects + object, auth + "x-upsert: true\r\n"
                        + "Content-Type: application/octet-stream\r\n", Bench.smallBody(i)).status() == 200;
            }
            return conn.send("POST", "/storage/v1/object/list/bench", auth + JSON, list).status() == 200;
        }).ceiling(ceiling + "-small-get");
    }

    /**
     * A resumable (tus) upload of {@code size} bytes in 6 MiB PATCHes, then the object downloaded and its CRC32C
     * checked: the upload compared to the ceiling's large upload, the download to its large download.
     */
    static void tus(Bench bench, Proc server, int port, long size, String backend, String ceiling) throws Exception {
        String target = "server " + backend;
        String auth = bench.auth;
        String label = size / Bench.MIB + " MiB";
        bench.load("tus upload " + label + ", 6 MiB chunks", target, server, port, 1, 1, size, (conn, i) ->
                tusUpload(conn, auth, size)).ceiling(ceiling + "-large-up");
        long crc = crcOf(size);
        bench.load("download tus " + label, target, server, port, 1, 1, size, (conn, i) ->
                download(conn, OBJECTS + "tus.bin", auth, size, crc)).ceiling(ceiling + "-large-down");
    }

    private static boolean tusUpload(Conn conn, String auth, long size) throws IOException {
        long chunk = 6L * Bench.MIB;
        Base64.Encoder b64 = Base64.getEncoder();
        String metadata = "bucketName " + b64.encodeToString("bench".getBytes(StandardCharsets.UTF_8))
                + ",objectName " + b64.encodeToString("tus.bin".getBytes(StandardCharsets.UTF_8))
                + ",contentType " + b64.encodeToString("application/octet-stream".getBytes(StandardCharsets.UTF_8));
        Conn.Response created = conn.send("POST", "/storage/v1/upload/resumable", auth + TUS + "x-upsert: true\r\n"
                + "Upload-Length: " + size + "\r\nUpload-Metadata: " + metadata + "\r\n", null);
        if (created.status() != 201 || created.location() == null) {
            return false;
        }
        String location = java.net.URI.create(created.location()).getRawPath();
        Bench.Payload payload = new Bench.Payload(size);
        for (long offset = 0; offset < size; offset += chunk) {
            long length = Math.min(chunk, size - offset);
            int status = conn.exchange("PATCH", location, auth + TUS + "Upload-Offset: " + offset + "\r\n"
                            + "Content-Type: application/offset+octet-stream\r\n", limited(payload, length), length,
                    null).status();
            if (status != 204) {
                return false;
            }
        }
        return true;
    }

    /** The next {@code length} bytes of {@code in}, as a stream of their own. */
    private static InputStream limited(InputStream in, long length) {
        return new InputStream() {
            private long left = length;

            @Override
            public int read(byte[] buffer, int offset, int max) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(buffer, offset, (int) Math.min(max, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** Uploads then downloads {@code size} bytes {@code repeats} times, each download checked by CRC32C. */
    static void bulk(Bench bench, Proc server, int port, String target, String name, String label, long size,
                     int repeats, String ceiling) throws Exception {
        String path = OBJECTS + name + ".bin";
        String auth = bench.auth;
        bench.load("upload " + label, target, server, port, repeats, 1, size, (conn, i) ->
                upload(conn, "POST", path, auth + "x-upsert: true\r\n", size)).ceiling(ceiling + "-up");
        long crc = crcOf(size);
        bench.load("download " + label, target, server, port, repeats, 1, size, (conn, i) ->
                download(conn, path, auth, size, crc)).ceiling(ceiling + "-down");
    }

    private static boolean upload(Conn conn, String method, String path, String headers, long size)
            throws IOException {
        return conn.exchange(method, path,
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
