package dev.pillar.storage.bootstrap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One hostile request of the table, built as raw bytes: a request line, headers as given (a {@code Host} and a
 * {@code Connection: close} are added, a {@code Content-Length} too unless the case sets its own framing), a
 * body; and what the server must answer: an exact status or any 4xx, maybe a Supabase code, and whether the
 * answer is the JSON error shape (REST) or plain text (tus).
 */
final class HostileRequest {
    /** The status a case expects when the contract pins none: any 4xx. */
    static final int ANY_4XX = 0;
    private final String name;
    private final String requestLine;
    private final List<String> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private boolean framed;
    private boolean endOutput;
    private int status = ANY_4XX;
    private String code;
    private boolean plainText;

    private HostileRequest(String name, String requestLine) {
        this.name = name;
        this.requestLine = requestLine;
    }

    /** {@code method target HTTP/1.1}, target taken as given (under {@code /storage/v1} when it starts with /). */
    static HostileRequest of(String name, String method, String target) {
        return line(name, method + " " + (target.startsWith("/") ? "/storage/v1" + target : target) + " HTTP/1.1");
    }

    /** A request line exactly as given, however broken. */
    static HostileRequest line(String name, String requestLine) {
        return new HostileRequest(name, requestLine);
    }

    HostileRequest header(String line) {
        headers.add(line);
        if (line.regionMatches(true, 0, "content-length:", 0, 15)
                || line.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
            framed = true;
        }
        return this;
    }

    HostileRequest key(String jwt) {
        return header("Authorization: Bearer " + jwt);
    }

    HostileRequest json(String json) {
        return header("Content-Type: application/json").body(json);
    }

    HostileRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    HostileRequest body(byte[] bytes) {
        body = bytes;
        return this;
    }

    /** The client shuts its sending side after the request: a lying {@code Content-Length} meets the end. */
    HostileRequest thenEndOutput() {
        endOutput = true;
        return this;
    }

    /** A tus request: {@code Tus-Resumable: 1.0.0}, and answers in plain text. */
    HostileRequest tus() {
        return tusText().header("Tus-Resumable: 1.0.0");
    }

    /** Answers in plain text, as the tus routes do, whatever the request says. */
    HostileRequest tusText() {
        plainText = true;
        return this;
    }

    /** Expects exactly {@code expectedStatus} ({@link #ANY_4XX} for any) and, when not null, this error code. */
    Case expect(int expectedStatus, String expectedCode) {
        status = expectedStatus;
        code = expectedCode;
        return build();
    }

    Case expect(int expectedStatus) {
        return expect(expectedStatus, null);
    }

    Case any4xx() {
        return expect(ANY_4XX, null);
    }

    private Case build() {
        List<String> all = new ArrayList<>(headers);
        all.add("Host: 127.0.0.1");
        all.add("Connection: close");
        if (!framed && (body.length > 0 || requestLine.startsWith("POST ") || requestLine.startsWith("PUT ")
                || requestLine.startsWith("PATCH "))) {
            all.add("Content-Length: " + body.length);
        }
        return new Case(name, RawHttp.request(requestLine, all, body), status, code, plainText, endOutput);
    }

    /** A built case, as the table runs it. */
    record Case(String name, byte[] bytes, int status, String code, boolean plainText, boolean endOutput) {
        boolean isHead() {
            return bytes.length > 5 && new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A JWT with any header, signed with {@code macAlgorithm} (e.g. HmacSHA512) and {@code secret}, or unsigned. */
    static String forge(String headerJson, String payloadJson, String macAlgorithm, String secret) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        if (macAlgorithm == null) {
            return input + ".";
        }
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), macAlgorithm));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HS256 token with {@code payloadJson}, signed with the test servers' secret. */
    static String hs256(String payloadJson) {
        return forge("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payloadJson, "HmacSHA256", TestServer.SECRET);
    }
}
