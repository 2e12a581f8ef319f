package dev.pillar.storage.bootstrap;

import dev.pillar.storage.bootstrap.HostileRequest.Case;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.pillar.storage.bootstrap.HostileRequest.line;
import static dev.pillar.storage.bootstrap.HostileRequest.of;

/**
 * The hostile-input table, by family (keys, signed URLs and tus in {@link HostileTokenCases}). The server it runs against holds bucket {@code seeded} (private,
 * 2048 bytes, {@code text/plain} only) with {@code docs/a.txt} ("hello world"), public bucket {@code open} with
 * {@code pub.txt}, a signed download URL of {@code docs/a.txt}, a signed upload URL of {@code up/one.txt} and a
 * tus upload of {@code tus/one.txt} (10 bytes, none sent).
 */
final class HostileCases {
    private static final String OBJECT = "/object/seeded/docs/a.txt";
    private final String service;
    private final String downloadToken;
    private final List<Case> all = new ArrayList<>();

    HostileCases(String service, String anon, String user, String downloadToken, String uploadToken,
                 String tusPath) {
        this.service = service;
        this.downloadToken = downloadToken;
        traversal();
        namesAndControlCharacters();
        malformedRequests();
        jsonBodies();
        contentTypesAndLengths();
        ranges();
        multipartForms();
        all.addAll(new HostileTokenCases(service, anon, user, downloadToken, uploadToken, tusPath).all());
    }

    List<Case> all() {
        return all;
    }

    private void add(Case c) {
        all.add(c);
    }

    private HostileRequest upload(String name, String target) {
        return of(name, "POST", target).key(service).header("Content-Type: text/plain").body("x");
    }

    private void traversal() {
        String[] uploads = {"..%2Fx", "%2e%2e/x", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "a/%2e%2e/%2e%2e/x", "a/%2e/x",
            "..%2f..%2f..%2fdata%2fstorage%2fx", "%2fetc%2fpasswd", "a%2F%2Fb", "%2E", "x/%2e%2e"};
        for (String path : uploads) {
            add(upload("upload onto " + path, "/object/seeded/" + path).expect(400, "InvalidKey"));
        }
        for (String path : List.of("../x", "a/../../x", "./x", "a//x", "a/./b")) {
            add(upload("upload onto the raw path " + path, "/object/seeded/" + path).any4xx());
        }
        add(of("update onto ..%2f..%2fx", "PUT", "/object/seeded/..%2f..%2fx").key(service)
                .header("Content-Type: text/plain").body("x").expect(400, "InvalidKey"));
        for (String path : List.of("%252e%252e/%252e%252e/etc/passwd", "..%5c..%5cdocs%5ca.txt", "%255c..%255cx",
                "..%255c..%255cdocs/a.txt", "docs%2fa.txt%252f..")) {
            add(of("download of double-encoded or backslashed " + path, "GET", "/object/seeded/" + path)
                    .key(service).expect(404, "NoSuchKey"));
        }
        add(of("upload into bucket ..", "POST", "/object/%2e%2e/x").key(service).body("x").any4xx());
        add(of("upload into bucket ../seeded", "POST", "/object/..%2f..%2fseeded/x").key(service).body("x").any4xx());
        add(of("info of ..%2fdocs", "GET", "/object/info/seeded/..%2fdocs%2fa.txt").key(service)
                .expect(400, "InvalidKey"));
        add(of("sign ..%2fdocs", "POST", "/object/sign/seeded/..%2fdocs%2fa.txt").key(service)
                .json("{\"expiresIn\":60}").expect(400, "InvalidKey"));
        add(of("sign an upload to ..%2fx", "POST", "/object/upload/sign/seeded/..%2fx").key(service)
                .expect(400, "InvalidKey"));
        add(of("delete ..%2fdocs", "DELETE", "/object/seeded/..%2fdocs%2fa.txt").key(service)
                .expect(400, "InvalidKey"));
        add(of("public download through ..", "GET", "/object/public/open/..%2f..%2fseeded%2fdocs%2fa.txt")
                .expect(400, "InvalidKey"));
        add(of("render through ..", "GET", "/render/image/authenticated/seeded/..%2fx").key(service)
                .expect(400, "InvalidKey"));
        String[][] transfers = {
            {"copy", "{\"bucketId\":\"seeded\",\"sourceKey\":\"docs/a.txt\",\"destinationKey\":\"../x\"}"},
            {"copy", "{\"bucketId\":\"seeded\",\"sourceKey\":\"../../etc/passwd\",\"destinationKey\":\"x\"}"},
            {"move", "{\"bucketId\":\"seeded\",\"sourceKey\":\"docs/a.txt\",\"destinationKey\":\"docs/../../x\"}"},
            {"move", "{\"bucketId\":\"seeded\",\"sourceKey\":\"docs/./a.txt\",\"destinationKey\":\"y\"}"},
            {"copy", "{\"bucketId\":\"seeded\",\"sourceKey\":\"docs/a.txt\",\"destinationKey\":\"x\","
                + "\"destinationBucket\":\"../seeded\"}"},
            {"copy", "{\"bucketId\":\"seeded\",\"sourceKey\":\"docs/a.txt\",\"destinationKey\":\"/abs\"}"},
        };
        for (String[] transfer : transfers) {
            add(of(transfer[0] + " " + transfer[1], "POST", "/object/" + transfer[0]).key(service).json(transfer[1])
                    .expect(400));
        }
        add(line("raw NUL in the path", "GET /storage/v1/object/seeded/a\0b HTTP/1.1").key(service).any4xx());
        add(line("raw backslashes in the path", "GET /storage/v1/object/seeded/..\\..\\docs\\a.txt HTTP/1.1")
                .key(service).any4xx());
    }

    private void namesAndControlCharacters() {
        for (String encoded : List.of("%00", "%01", "%07", "%08", "%09", "%1b", "%1f", "%7f", "%c2%9b")) {
            add(upload("upload of a name with " + encoded, "/object/seeded/a" + encoded + "b")
                    .expect(400, "InvalidKey"));
        }
        for (String lineBreak : List.of("%0a", "%0d", "%c2%85", "%e2%80%a8")) {
            add(upload("upload of a name with the line break " + lineBreak, "/object/seeded/a" + lineBreak + "b")
                    .any4xx());
        }
        for (String overlong : List.of("%c0%ae%c0%ae/x", "%e0%80%ae%e0%80%ae/x", "%c0%af", "%ff%fe", "%ed%a0%80",
                "%f8%88%80%80%80", "a%80b")) {
            add(upload("upload of the invalid UTF-8 " + overlong, "/object/seeded/" + overlong)
                    .expect(400, "InvalidKey"));
        }
        add(upload("a name of 1025 bytes", "/object/seeded/" + "a".repeat(1025)).expect(400, "InvalidKey"));
        add(upload("a name of 520 two-byte characters", "/object/seeded/" + "%c3%a9".repeat(520))
                .expect(400, "InvalidKey"));
        add(upload("a name of 700 two-byte characters", "/object/seeded/" + "%c3%a9".repeat(700)).any4xx());
        add(upload("a name of 600 folders", "/object/seeded/" + "ab/".repeat(600) + "x").expect(400, "InvalidKey"));
        for (String id : List.of("a".repeat(101), "a/b", "", "é", "a\\u0001b", "a\\nb", "..", ".", "a b\\u0000")) {
            add(of("create bucket " + id.substring(0, Math.min(id.length(), 12)) + " (" + id.length() + ")", "POST",
                    "/bucket").key(service).json("{\"id\":\"" + id + "\"}").expect(400));
        }
        add(of("read bucket with 101 characters", "GET", "/bucket/" + "b".repeat(101)).key(service)
                .expect(400, "InvalidBucketName"));
        add(of("read bucket with a newline", "GET", "/bucket/a%0ab").key(service).expect(400, "InvalidBucketName"));
        add(of("delete bucket with a NUL", "DELETE", "/bucket/seeded%00").key(service)
                .expect(400, "InvalidBucketName"));
        add(of("empty bucket ..", "POST", "/bucket/%2e%2e/empty").key(service).any4xx());
    }

    private void malformedRequests() {
        add(of("a header of 40 KiB", "GET", "/bucket").key(service).header("X-Junk: " + "j".repeat(40_000)).any4xx());
        add(of("a header of 200 KiB", "GET", "/bucket").key(service).header("X-Junk: " + "j".repeat(200_000))
                .any4xx());
        HostileRequest many = of("2000 headers", "GET", "/bucket").key(service);
        for (int i = 0; i < 2000; i++) {
            many.header("X-H" + i + ": v");
        }
        add(many.any4xx());
        add(of("an Authorization header of 30 KiB", "GET", "/bucket").key("a".repeat(30_000)).any4xx());
        add(of("a path of 40 KiB", "GET", "/object/seeded/" + "p".repeat(40_000)).key(service).any4xx());
        add(line("no HTTP version", "GET /storage/v1/bucket").any4xx());
        add(line("a garbage version", "GET /storage/v1/bucket HTTP/1.x").any4xx());
        add(line("a request line of spaces", "   ").any4xx());
        add(line("a target without a slash", "GET storage/v1/bucket HTTP/1.1").any4xx());
        add(line("a method of 300 letters", "A".repeat(300) + " /storage/v1/bucket HTTP/1.1").any4xx());
        add(line("a tab inside the request line", "GET\t/storage/v1/bucket HTTP/1.1").any4xx());
        add(of("a header name with a space", "GET", "/bucket").key(service).header("X Bad: 1").any4xx());
        add(of("a space before the colon", "GET", "/bucket").key(service).header("X-Bad : 1").any4xx());
        add(of("a header line without a colon", "GET", "/bucket").key(service).header("NoColonHere").any4xx());
        add(of("a folded header", "GET", "/bucket").key(service).header("X-A: 1").header(" folded").any4xx());
        add(of("a control byte in a header name", "GET", "/bucket").key(service).header("X-\u0001: 1").any4xx());
        add(of("a bare CR in a header value", "GET", "/bucket").key(service).header("X-A: a\rb").any4xx());
        add(of("a NUL in a header value", "GET", "/bucket").key(service).header("X-A: a\0b").any4xx());
        add(of("unknown route", "GET", "/nothing/here").key(service).expect(404));
    }

    private void jsonBodies() {
        String[] bucketBodies = {"{", "[]", "\"id\"", "null", "{\"id\":\"x\",}", "{\"id\":\"x\"", "{'id':'x'}",
            "{\"id\":123}", "{\"id\":\"x\",\"public\":\"yes\"}", "{\"id\":\"x\",\"file_size_limit\":\"lots\"}",
            "{\"id\":\"x\",\"file_size_limit\":-5}", "{\"id\":\"x\",\"allowed_mime_types\":\"text/plain\"}",
            "{\"id\":\"x\",\"allowed_mime_types\":[1,2]}", "{\"id\":\"x\",\"file_size_limit\":" + "9".repeat(2000) + "}",
            "{\"id\":[\"x\"]}", "{\"name\":{}}", "{\"id\":\"x\",\"file_size_limit\":{}}"};
        for (String body : bucketBodies) {
            add(of("create bucket from " + body.substring(0, Math.min(body.length(), 60)), "POST", "/bucket")
                    .key(service).json(body).expect(400));
        }
        add(of("JSON nested 100000 deep", "POST", "/bucket").key(service).json("[".repeat(100_000)).expect(400));
        add(of("JSON object nested 5000 deep", "POST", "/bucket").key(service)
                .json("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)).expect(400));
        add(of("a JSON body of 2 MiB", "POST", "/bucket").key(service)
                .json("{\"id\":\"x\",\"pad\":\"" + "p".repeat(2 * 1024 * 1024) + "\"}").expect(400));
        byte[] invalidUtf8 = "{\"id\":\"a\u00ffb\"}".getBytes(StandardCharsets.ISO_8859_1);
        add(of("JSON with invalid UTF-8", "POST", "/bucket").key(service).json("").body(invalidUtf8).expect(400));
        add(of("update bucket with [", "PUT", "/bucket/seeded").key(service).json("[").expect(400));
        add(of("update bucket with public as text", "PUT", "/bucket/seeded").key(service)
                .json("{\"public\":\"true\"}").expect(400));
        String[] listBodies = {"{\"limit\":-1}", "{\"limit\":\"ten\"}", "{\"offset\":-3}", "{\"prefix\":123}",
            "{\"sortBy\":{\"column\":\"name;drop table storage.objects\",\"order\":\"asc\"}}",
            "{\"sortBy\":{\"column\":\"name\",\"order\":\"sideways\"}}", "{\"sortBy\":\"name\"}", "{\"search\":[]}",
            "{\"limit\":1e400}"};
        for (String body : listBodies) {
            add(of("list with " + body, "POST", "/object/list/seeded").key(service).json(body).expect(400));
        }
        for (String body : List.of("{\"cursor\":\"garbage!!\"}", "{\"limit\":-5}", "{\"with_delimiter\":\"yes\"}",
                "{\"sortBy\":{\"column\":\"size\"}}")) {
            add(of("list-v2 with " + body, "POST", "/object/list-v2/seeded").key(service).json(body).expect(400));
        }
        for (String body : List.of("{}", "{\"bucketId\":\"seeded\"}", "{\"bucketId\":5,\"sourceKey\":\"a\","
                + "\"destinationKey\":\"b\"}", "{\"bucketId\":\"seeded\",\"sourceKey\":\"docs/a.txt\","
                + "\"destinationKey\":\"c\",\"metadata\":\"no\"}")) {
            add(of("copy with " + body, "POST", "/object/copy").key(service).json(body).expect(400));
        }
        add(of("move with {}", "POST", "/object/move").key(service).json("{}").expect(400));
        for (String body : List.of("{\"prefixes\":\"docs/a.txt\"}", "{\"prefixes\":[1]}", "{}",
                "{\"prefixes\":[" + "\"x\",".repeat(1000) + "\"x\"]}")) {
            add(of("remove with " + body.substring(0, Math.min(body.length(), 40)), "DELETE", "/object/seeded")
                    .key(service).json(body).expect(400));
        }
        for (String body : List.of("{\"expiresIn\":-1}", "{\"expiresIn\":\"soon\"}", "{\"expiresIn\":1e30}",
                "{\"expiresIn\":0}", "{}")) {
            add(of("sign with " + body, "POST", "/object/sign/seeded/docs/a.txt").key(service).json(body)
                    .expect(400));
        }
        add(of("batch sign with paths as text", "POST", "/object/sign/seeded").key(service)
                .json("{\"expiresIn\":60,\"paths\":\"docs/a.txt\"}").expect(400));
        add(of("batch sign with paths of numbers", "POST", "/object/sign/seeded").key(service)
                .json("{\"expiresIn\":60,\"paths\":[1,2]}").expect(400));
    }

    private void contentTypesAndLengths() {
        add(of("create bucket from a form", "POST", "/bucket").key(service)
                .header("Content-Type: application/x-www-form-urlencoded").body("id=formed").expect(400));
        add(of("create bucket from text", "POST", "/bucket").key(service).header("Content-Type: text/plain")
                .body("id: texted").expect(400));
        add(of("upload of text/html", "POST", "/object/seeded/page.html").key(service)
                .header("Content-Type: text/html").body("<p>").expect(415, "InvalidMimeType"));
        add(of("upload of image/png", "POST", "/object/seeded/img.png").key(service)
                .header("Content-Type: image/png").body("x").expect(415, "InvalidMimeType"));
        add(of("upload without a type", "POST", "/object/seeded/untyped").key(service).body("x")
                .expect(415, "InvalidMimeType"));
        add(of("multipart without a boundary", "POST", "/object/seeded/m.txt").key(service)
                .header("Content-Type: multipart/form-data").body("x").expect(400));
        add(of("multipart with an empty boundary", "POST", "/object/seeded/m.txt").key(service)
                .header("Content-Type: multipart/form-data; boundary=").body("x").expect(400));
        add(of("multipart with a boundary of 300", "POST", "/object/seeded/m.txt").key(service)
                .header("Content-Type: multipart/form-data; boundary=" + "b".repeat(300)).body("x").expect(400));
        add(of("a content type of 10 KiB", "POST", "/object/seeded/long.txt").key(service)
                .header("Content-Type: text/" + "p".repeat(10_000)).body("x").any4xx());
        add(of("x-metadata not base64", "POST", "/object/seeded/meta.txt").key(service)
                .header("Content-Type: text/plain").header("x-metadata: %%%").body("x").expect(400));
        add(of("x-metadata of an array", "POST", "/object/seeded/meta.txt").key(service)
                .header("Content-Type: text/plain").header("x-metadata: " + b64("[1]")).body("x").expect(400));
        for (String length : List.of("-1", "abc", "99999999999999999999", "0x10", "1 2", "+5", "")) {
            add(of("Content-Length: " + length, "POST", "/bucket").key(service)
                    .header("Content-Type: application/json").header("Content-Length: " + length)
                    .body("{\"id\":\"len\"}").any4xx());
        }
        add(of("two different Content-Lengths", "POST", "/bucket").key(service).header("Content-Type: application/json")
                .header("Content-Length: 12").header("Content-Length: 5").body("{\"id\":\"len\"}").any4xx());
        add(of("Content-Length and chunked together", "POST", "/object/seeded/smuggled.txt").key(service)
                .header("Content-Type: text/plain").header("Content-Length: 4")
                .header("Transfer-Encoding: chunked").body("1\r\nx\r\n0\r\n\r\n").any4xx());
        add(of("a Content-Length that lies high", "POST", "/object/seeded/lie.txt").key(service)
                .header("Content-Type: text/plain").header("Content-Length: 100").body("only ten!!").thenEndOutput()
                .any4xx());
        add(of("a JSON Content-Length that lies high", "POST", "/bucket").key(service)
                .header("Content-Type: application/json").header("Content-Length: 50").body("{\"id\":\"liar\"}")
                .thenEndOutput().any4xx());
        add(of("a Content-Length that lies low", "POST", "/bucket").key(service)
                .header("Content-Type: application/json").header("Content-Length: 5").body("{\"id\":\"short\"}")
                .expect(400));
        add(of("a Content-Length over the global limit", "POST", "/object/open/big.txt").key(service)
                .header("Content-Type: text/plain").header("Content-Length: 2000000").body("x").thenEndOutput()
                .expect(413, "EntityTooLarge"));
        add(of("a Content-Length over the bucket limit", "POST", "/object/seeded/big.txt").key(service)
                .header("Content-Type: text/plain").header("Content-Length: 5000").body("x").thenEndOutput()
                .expect(413, "EntityTooLarge"));
        add(of("a chunked body over the bucket limit", "POST", "/object/seeded/big.txt").key(service)
                .header("Content-Type: text/plain").header("Transfer-Encoding: chunked")
                .body("bb8\r\n" + "c".repeat(3000) + "\r\n0\r\n\r\n").expect(413, "EntityTooLarge"));
        for (String chunks : List.of("zz\r\nx\r\n0\r\n\r\n", "fffffffffffffffffff\r\nx\r\n0\r\n\r\n",
                "-5\r\nx\r\n0\r\n\r\n", "2\r\nxyz0\r\n\r\n", "1\r\nx\r\n", "\r\n\r\n")) {
            add(of("chunked " + chunks.replace("\r\n", "|"), "POST", "/object/seeded/chunked.txt").key(service)
                    .header("Content-Type: text/plain").header("Transfer-Encoding: chunked").body(chunks)
                    .thenEndOutput().any4xx());
        }
        add(of("Transfer-Encoding gzip", "POST", "/object/seeded/gz.txt").key(service).header("Content-Type: text/plain")
                .header("Transfer-Encoding: gzip").body("x").thenEndOutput().any4xx());
    }

    private void ranges() {
        for (String range : List.of("bytes=abc", "bytes=5-2", "bytes=0-1,3-4", "bytes=", "items=0-1",
                "bytes=99999999999999999999-", "bytes=--1", "bytes=-", "bytes=1-2-3", "bytes=0x1-2",
                "bytes=-99999999999999999999", "bytes=1e3-5", "bytes=\t0-1", "bytes=" + "0-1,".repeat(2000) + "0-1")) {
            add(of("Range " + range.substring(0, Math.min(range.length(), 30)), "GET", OBJECT).key(service)
                    .header("Range: " + range).expect(400, "InvalidRange"));
        }
        for (String range : List.of("bytes=11-", "bytes=100-200", "bytes=11-11", "bytes=-0")) {
            add(of("unsatisfiable Range " + range, "GET", OBJECT).key(service).header("Range: " + range)
                    .expect(416, "InvalidRange"));
        }
        add(of("unsatisfiable public Range", "GET", "/object/public/open/pub.txt").header("Range: bytes=50-")
                .expect(416, "InvalidRange"));
        add(of("invalid signed Range", "GET", "/object/sign/seeded/docs/a.txt?token=" + downloadToken)
                .header("Range: bytes=9-1").expect(400, "InvalidRange"));
    }

    private void multipartForms() {
        String boundary = "hostileBoundary";
        StringBuilder manyFields = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            manyFields.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"f").append(i)
                    .append("\"\r\n\r\nv\r\n");
        }
        String file = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"\"; filename=\"f.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nfile bytes\r\n";
        String end = "--" + boundary + "--\r\n";
        addForm("5000 fields and no file", boundary, manyFields + end, 400);
        addForm("5000 fields before the file", boundary, manyFields + file + end, 400);
        addForm("a field of 100 KiB", boundary, "--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"cacheControl\"\r\n\r\n" + "9".repeat(100_000) + "\r\n" + file + end, 400);
        addForm("part headers of 20 KiB", boundary, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"\"; "
                + "filename=\"" + "n".repeat(20_000) + "\"\r\n\r\nx\r\n" + end, 400);
        addForm("a file part that never closes", boundary, file.substring(0, file.length() - 2) + "more bytes", 400);
        addForm("no parts at all", boundary, end, 400);
        addForm("a body without the boundary", boundary, "just some bytes", 400);
        addForm("metadata that is not JSON", boundary, "--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"metadata\"\r\n\r\n{\r\n" + file + end, 400);
        addForm("part headers that never end", boundary, "--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"\"\r\n" + "X-A: b\r\n".repeat(3000), 400);
        addForm("a file of a refused type", boundary, file.replace("text/plain", "image/gif") + end, 415);
        addForm("a file over the bucket limit", boundary, file.replace("file bytes", "z".repeat(3000)) + end, 413);
    }

    private void addForm(String name, String boundary, String body, int status) {
        add(of("multipart: " + name, "POST", "/object/seeded/form.txt").key(service)
                .header("Content-Type: multipart/form-data; boundary=" + boundary).body(body).expect(status));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
