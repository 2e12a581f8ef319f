import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the raw ceiling's requests to the S3 server with AWS signature V2 (which S3Proxy accepts beside V4): the
 * cheapest signature there is, so that the ceiling measures the S3 server, not the client. PUT bodies are signed
 * as {@code application/octet-stream}; the caller sends that content type.
 */
final class S3Signer {
    static final String BUCKET = "bench-raw";
    static final String ACCESS_KEY = "bench-access-key";
    static final String SECRET_KEY = "bench-secret-key-0123456789";

    /** {@code Date} and {@code Authorization} headers for {@code method} on {@code path} ({@code /bucket/key}). */
    String headers(String method, String path) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String contentType = method.equals("PUT") ? "application/octet-stream" : "";
        String toSign = method + "\n\n" + contentType + "\n" + date + "\n" + path;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
            return "Date: " + date + "\r\nAuthorization: AWS " + ACCESS_KEY + ":" + signature + "\r\n";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
