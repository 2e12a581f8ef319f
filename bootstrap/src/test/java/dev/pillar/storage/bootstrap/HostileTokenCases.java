package dev.pillar.storage.bootstrap;

import dev.pillar.storage.bootstrap.HostileRequest.Case;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.pillar.storage.bootstrap.HostileRequest.forge;
import static dev.pillar.storage.bootstrap.HostileRequest.hs256;
import static dev.pillar.storage.bootstrap.HostileRequest.of;

/**
 * The hostile-input table's families about credentials: forged, confused and expired JWTs, tampered, expired or
 * path-swapped signed URL tokens, upload tokens reused elsewhere, and tus requests with bad offsets, lengths and
 * metadata (answered in plain text, as tus clients expect). Same server as {@link HostileCases}.
 */
final class HostileTokenCases {
    private final String service;
    private final String anon;
    private final String user;
    private final String downloadToken;
    private final String uploadToken;
    private final String tusPath;
    private final List<Case> all = new ArrayList<>();

    HostileTokenCases(String service, String anon, String user, String downloadToken, String uploadToken,
                      String tusPath) {
        this.service = service;
        this.anon = anon;
        this.user = user;
        this.downloadToken = downloadToken;
        this.uploadToken = uploadToken;
        this.tusPath = tusPath;
        jwts();
        signedUrls();
        tus();
    }

    List<Case> all() {
        return all;
    }

    private void add(Case c) {
        all.add(c);
    }

    private void jwts() {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"role\":\"service_role\",\"exp\":" + (now + 3600) + "}";
        String hs256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String[][] forged = {
            {"alg none", forge("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims, null, null)},
            {"alg None", forge("{\"alg\":\"None\"}", claims, null, null)},
            {"alg none with a signature", forge("{\"alg\":\"none\"}", claims, "HmacSHA256", TestServer.SECRET)},
            {"HS512", forge("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", claims, "HmacSHA512", TestServer.SECRET)},
            {"HS384", forge("{\"alg\":\"HS384\"}", claims, "HmacSHA384", TestServer.SECRET)},
            {"RS256 signed with the secret as HMAC key", forge("{\"alg\":\"RS256\"}", claims, "HmacSHA256",
                    TestServer.SECRET)},
            {"ES256 header", forge("{\"alg\":\"ES256\"}", claims, "HmacSHA256", TestServer.SECRET)},
            {"alg with a trailing space", forge("{\"alg\":\"HS256 \"}", claims, "HmacSHA256", TestServer.SECRET)},
            {"no alg", forge("{\"typ\":\"JWT\"}", claims, "HmacSHA256", TestServer.SECRET)},
            {"wrong secret", forge(hs256, claims, "HmacSHA256", "not-the-secret-not-the-secret-not-the-secret")},
            {"expired", hs256("{\"role\":\"service_role\",\"exp\":" + (now - 10) + "}")},
            {"exp as text", hs256("{\"role\":\"service_role\",\"exp\":\"" + (now + 3600) + "\"}")},
            {"nbf in the future", hs256("{\"role\":\"service_role\",\"exp\":" + (now + 3600) + ",\"nbf\":"
                    + (now + 600) + "}")},
            {"no role", hs256("{\"exp\":" + (now + 3600) + "}")},
            {"role admin", hs256("{\"role\":\"admin\",\"exp\":" + (now + 3600) + "}")},
            {"role postgres", hs256("{\"role\":\"postgres\",\"exp\":" + (now + 3600) + "}")},
            {"role supabase_admin", hs256("{\"role\":\"supabase_admin\",\"exp\":" + (now + 3600) + "}")},
            {"role as a number", hs256("{\"role\":1,\"exp\":" + (now + 3600) + "}")},
            {"role as a list", hs256("{\"role\":[\"service_role\"],\"exp\":" + (now + 3600) + "}")},
            {"claims as an array", hs256("[\"service_role\"]")},
            {"two parts", "abc.def"},
            {"four parts", service + ".x"},
            {"garbage", "garbage"},
            {"a header that is not JSON", b64url("not json") + "." + b64url(claims) + ".sig"},
            {"base64 with invalid characters", "a$b.c$d.e$f"},
            {"the signature of another token", service.substring(0, service.lastIndexOf('.'))
                    + anon.substring(anon.lastIndexOf('.'))},
            {"claims swapped to service_role under an anon signature", anon.substring(0, anon.indexOf('.') + 1)
                    + b64url(claims) + anon.substring(anon.lastIndexOf('.'))},
            {"a signature changed in its middle", tamper(service)},
            {"a token of 8 KiB", "x".repeat(8_000)},
        };
        for (String[] token : forged) {
            add(of("JWT: " + token[0], "GET", "/bucket").key(token[1]).expect(400, "InvalidJWT"));
        }
        add(of("JWT: alg none in apikey", "GET", "/bucket").header("apikey: " + forged[0][1])
                .expect(400, "InvalidJWT"));
        add(of("JWT: an empty Bearer", "GET", "/bucket").header("Authorization: Bearer ").expect(400, "InvalidJWT"));
        add(of("JWT: no key at all", "GET", "/bucket").expect(400, "InvalidJWT"));
        add(of("JWT: Basic credentials", "GET", "/bucket").header("Authorization: Basic dXNlcjpwYXNz")
                .expect(400, "InvalidJWT"));
        add(of("JWT: alg none uploads", "POST", "/object/seeded/none.txt").key(forged[0][1])
                .header("Content-Type: text/plain").body("x").expect(400, "InvalidJWT"));
        add(of("JWT: expired deletes a bucket", "DELETE", "/bucket/seeded").key(forged[10][1])
                .expect(400, "InvalidJWT"));
        add(of("JWT: HS512 removes objects", "DELETE", "/object/seeded").key(forged[3][1])
                .json("{\"prefixes\":[\"docs/a.txt\"]}").expect(400, "InvalidJWT"));
        add(of("anon uploads into a private bucket", "POST", "/object/seeded/anon.txt").key(anon)
                .header("Content-Type: text/plain").body("x").expect(403, "AccessDenied"));
        add(of("anon creates a bucket", "POST", "/bucket").key(anon).json("{\"id\":\"anons\"}")
                .expect(403, "AccessDenied"));
    }

    private void signedUrls() {
        long now = Instant.now().getEpochSecond();
        String signed = "/object/sign/seeded/docs/a.txt?token=";
        String[][] tokens = {
            {"garbage", "garbage"},
            {"a tampered signature", tamper(downloadToken)},
            {"a tampered url", downloadToken.substring(0, downloadToken.indexOf('.') + 1)
                    + b64url("{\"url\":\"seeded/docs/b.txt\",\"scope\":\"download\",\"iat\":" + now + ",\"exp\":"
                    + (now + 600) + "}") + downloadToken.substring(downloadToken.lastIndexOf('.'))},
            {"a wrong secret", forge("{\"alg\":\"HS256\"}", "{\"url\":\"seeded/docs/a.txt\",\"iat\":" + now
                    + ",\"exp\":" + (now + 600) + "}", "HmacSHA256", "wrong-secret-wrong-secret-wrong-secret")},
            {"alg none", forge("{\"alg\":\"none\"}", "{\"url\":\"seeded/docs/a.txt\",\"iat\":" + now + ",\"exp\":"
                    + (now + 600) + "}", null, null)},
            {"no url claim", hs256("{\"iat\":" + now + ",\"exp\":" + (now + 600) + "}")},
            {"a url that is a number", hs256("{\"url\":5,\"iat\":" + now + ",\"exp\":" + (now + 600) + "}")},
            {"a url through ..", hs256("{\"url\":\"seeded/x/../docs/a.txt\",\"iat\":" + now + ",\"exp\":"
                    + (now + 600) + "}")},
            {"the upload token", uploadToken},
            {"a service key", service},
            {"no iat", hs256("{\"url\":\"seeded/docs/a.txt\",\"exp\":" + (now + 600) + "}")},
        };
        for (String[] token : tokens) {
            add(of("signed download with " + token[0], "GET", signed + token[1]).expect(400));
        }
        add(of("signed download with an expired token", "GET", signed + hs256("{\"url\":\"seeded/docs/a.txt\","
                + "\"scope\":\"download\",\"iat\":" + (now - 600) + ",\"exp\":" + (now - 60) + "}"))
                .expect(400, "ExpiredToken"));
        add(of("signed download without a token", "GET", "/object/sign/seeded/docs/a.txt")
                .expect(400, "MissingParameter"));
        add(of("signed download with an empty token", "GET", signed).expect(400, "MissingParameter"));
        add(of("signed download on a swapped path", "GET", "/object/sign/seeded/docs/b.txt?token=" + downloadToken)
                .expect(400, "InvalidSignature"));
        add(of("signed download on a swapped bucket", "GET", "/object/sign/open/docs/a.txt?token=" + downloadToken)
                .expect(400, "InvalidSignature"));
        add(of("signed download on a traversing path", "GET", "/object/sign/seeded/x/..%2fdocs/a.txt?token="
                + downloadToken).expect(400));
        String upload = "/object/upload/sign/seeded/up/one.txt?token=";
        add(signedUpload("an upload token reused for another path", "/object/upload/sign/seeded/up/two.txt?token="
                + uploadToken).expect(400));
        add(signedUpload("an upload token reused for another bucket", "/object/upload/sign/open/up/one.txt?token="
                + uploadToken).expect(400));
        add(signedUpload("a download token", upload + downloadToken).expect(400, "InvalidUploadSignature"));
        add(signedUpload("a tampered upload token", upload + tamper(uploadToken)).expect(400, "InvalidUploadSignature"));
        add(signedUpload("an upload token made upsert", upload + uploadToken.substring(0, uploadToken.indexOf('.') + 1)
                + b64url("{\"url\":\"seeded/up/one.txt\",\"upsert\":true,\"scope\":\"upload\",\"iat\":" + now
                + ",\"exp\":" + (now + 600) + "}") + uploadToken.substring(uploadToken.lastIndexOf('.')))
                .expect(400, "InvalidUploadSignature"));
        add(signedUpload("an expired upload token", upload + hs256("{\"url\":\"seeded/up/one.txt\",\"upsert\":false,"
                + "\"scope\":\"upload\",\"iat\":" + (now - 600) + ",\"exp\":" + (now - 60) + "}")).expect(400));
        add(signedUpload("a service key as upload token", upload + service).expect(400, "InvalidUploadSignature"));
        add(signedUpload("no upload token", "/object/upload/sign/seeded/up/one.txt").expect(400, "MissingParameter"));
        add(of("signed upload of a refused type", "PUT", upload + uploadToken).header("Content-Type: image/png")
                .body("x").expect(415, "InvalidMimeType"));
        add(of("signed upload over the bucket limit", "PUT", upload + uploadToken).header("Content-Type: text/plain")
                .body("z".repeat(3000)).expect(413, "EntityTooLarge"));
    }

    private HostileRequest signedUpload(String name, String target) {
        return of("signed upload with " + name, "PUT", target).header("Content-Type: text/plain").body("x");
    }

    private void tus() {
        String meta = "bucketName " + b64("seeded") + ",objectName " + b64("tus/two.txt") + ",contentType "
                + b64("text/plain");
        add(tusCreate("no Tus-Resumable", meta).header("Upload-Length: 5").tusText().expect(412));
        String[][] creations = {
            {"Upload-Length: -1", meta, "400"},
            {"Upload-Length: abc", meta, "400"},
            {"Upload-Length: 99999999999999999999999", meta, "400"},
            {"Upload-Length: 2000000", meta, "413"},
            {"Upload-Defer-Length: 2", meta, "400"},
            {"X-None: 1", meta, "400"},
            {"Upload-Length: 5", "objectName " + b64("tus/x.txt"), "400"},
            {"Upload-Length: 5", "bucketName %%%,objectName " + b64("x"), "400"},
            {"Upload-Length: 5", "bucketName " + b64("seeded") + ",objectName " + b64("../x"), "400"},
            {"Upload-Length: 5", "bucketName " + b64("seeded") + ",objectName " + b64("a\nb"), "400"},
            {"Upload-Length: 5", "bucketName " + b64("seeded") + ",objectName " + b64("a\0b"), "400"},
            {"Upload-Length: 5", "bucketName " + b64("nowhere") + ",objectName " + b64("x"), "404"},
            {"Upload-Length: 5", "bucketName " + b64("seeded") + ",objectName " + b64("p.png") + ",contentType "
                + b64("image/png"), "415"},
            {"Upload-Length: 5", meta + ",metadata " + b64("{"), "400"},
            {"Upload-Length: 5", "bucketName,objectName", "400"},
        };
        for (String[] creation : creations) {
            add(tusCreate("tus creation with " + creation[0] + " and " + creation[1], creation[1]).tus()
                    .header(creation[0]).expect(Integer.parseInt(creation[2])));
        }
        add(of("tus creation as anon into a private bucket", "POST", "/upload/resumable").key(anon).tus()
                .header("Upload-Length: 5").header("Upload-Metadata: " + meta).expect(403));
        add(of("tus creation with Tus-Resumable 0.2.0", "POST", "/upload/resumable").key(service)
                .header("Tus-Resumable: 0.2.0").header("Upload-Length: 5").header("Upload-Metadata: " + meta)
                .tusText().expect(412));
        String[][] patches = {
            {"Upload-Offset: 5", "409"},
            {"Upload-Offset: -1", "400"},
            {"Upload-Offset: abc", "400"},
            {"Upload-Offset: 99999999999999999999", "400"},
            {"X-No-Offset: 0", "400"},
        };
        for (String[] patch : patches) {
            add(of("tus PATCH with " + patch[0], "PATCH", tusPath).key(service).tus().header(patch[0])
                    .header("Content-Type: application/offset+octet-stream").body("12345")
                    .expect(Integer.parseInt(patch[1])));
        }
        add(of("tus PATCH as text/plain", "PATCH", tusPath).key(service).tus().header("Upload-Offset: 0")
                .header("Content-Type: text/plain").body("12345").expect(415));
        add(of("tus PATCH past Upload-Length", "PATCH", tusPath).key(service).tus().header("Upload-Offset: 0")
                .header("Content-Type: application/offset+octet-stream").body("0123456789abcdef").any4xx());
        add(of("tus PATCH by a user who did not start the upload", "PATCH", tusPath).key(user).tus()
                .header("Upload-Offset: 0").header("Content-Type: application/offset+octet-stream").body("12345")
                .expect(403));
        add(of("tus PATCH without a key", "PATCH", tusPath).tus().header("Upload-Offset: 0")
                .header("Content-Type: application/offset+octet-stream").body("12345").any4xx());
        add(of("tus PATCH of an upload through ..", "PATCH", "/upload/resumable/..%2f..%2fx").key(service)
                .header("Tus-Resumable: 1.0.0").header("Upload-Offset: 0").body("1").any4xx());
        for (String id : List.of("unknown-upload", "%00", "a".repeat(2000), "%ff%fe", "YWJj")) {
            add(of("tus PATCH of upload " + id.substring(0, Math.min(id.length(), 20)), "PATCH",
                    "/upload/resumable/" + id).key(service).tus().header("Upload-Offset: 0")
                    .header("Content-Type: application/offset+octet-stream").body("1").any4xx());
        }
        add(of("tus HEAD of an unknown upload", "HEAD", "/upload/resumable/unknown").key(service).tus().expect(404));
        add(of("tus DELETE of an unknown upload", "DELETE", "/upload/resumable/unknown").key(service).tus()
                .expect(404));
    }

    private HostileRequest tusCreate(String name, String metadata) {
        return of(name, "POST", "/upload/resumable").key(service).header("Upload-Metadata: " + metadata);
    }

    private static String tamper(String token) {
        int middle = token.lastIndexOf('.') + 10;
        char replaced = token.charAt(middle) == 'A' ? 'B' : 'A';
        return token.substring(0, middle) + replaced + token.substring(middle + 1);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
