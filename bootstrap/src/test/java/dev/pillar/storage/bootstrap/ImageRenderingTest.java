package dev.pillar.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /render/image/authenticated} over real HTTP against the real server: headers, caching and every refusal. */
class ImageRenderingTest {
    private static final String BUCKET = "render-http";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path storage;
    private static TestServer server;
    private static String service;
    private static byte[] noisy;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(storage, Map.of("IMAGE_MAX_SOURCE_BYTES", "60KB", "IMAGE_MAX_PIXELS", "4000000"));
        service = server.key("service_role");
        send(request("/bucket").POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + BUCKET + "\"}"))
                .header("content-type", "application/json"));
        upload("photo.png", "image/png", png(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB)));
        upload("notes.txt", "text/plain", "not an image".getBytes(StandardCharsets.UTF_8));
        upload("broken.png", "image/png", Arrays.copyOf(png(noise(100, 100)), 500));
        noisy = png(noise(200, 200));
        upload("noisy.png", "image/png", noisy);
        upload("bomb.png", "image/png", pngHeader(30_000, 30_000));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void serves_the_transformed_image_with_the_headers_caches_rely_on() throws Exception {
        HttpResponse<byte[]> response = send(render("photo.png?width=60&height=60&format=jpeg"));

        assertEquals(200, response.statusCode());
        assertEquals("image/jpeg", header(response, "content-type"));
        assertEquals(String.valueOf(response.body().length), header(response, "content-length"));
        assertEquals("max-age=60", header(response, "cache-control"));
        assertEquals("width:60,height:60,resize:cover,quality:80,format:jpeg", header(response, "x-transformations"));
        assertTrue(response.headers().firstValue("last-modified").isPresent());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertEquals(60, image.getWidth());
        assertEquals(60, image.getHeight());
    }

    @Test
    void each_transformation_has_its_own_etag_and_a_current_copy_gets_304() throws Exception {
        String small = header(send(render("photo.png?width=30")), "etag");
        String large = header(send(render("photo.png?width=90")), "etag");
        String original = header(send(request("/object/" + BUCKET + "/photo.png").GET()), "etag");

        assertNotEquals(small, large);
        assertNotEquals(original, small);
        HttpResponse<byte[]> current = send(render("photo.png?width=30").header("If-None-Match", small));
        assertEquals(304, current.statusCode());
        assertEquals(0, current.body().length);
        assertEquals(small, header(current, "etag"));
        assertEquals(200, send(render("photo.png?width=30").header("If-None-Match", original)).statusCode());
    }

    @Test
    void head_answers_the_headers_of_get_without_a_body() throws Exception {
        HttpResponse<byte[]> get = send(render("photo.png?width=40&format=png"));
        HttpResponse<byte[]> head = send(render("photo.png?width=40&format=png")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(header(get, "content-length"), header(head, "content-length"));
        assertEquals(header(get, "etag"), header(head, "etag"));
        assertEquals("image/png", header(head, "content-type"));
    }

    @Test
    void refusals_are_supabase_style_json_errors_with_a_clear_message() throws Exception {
        assertError(send(render("photo.png?width=0")), 400, "InvalidParameter",
                "Invalid Parameter width: must be an integer from 1 to 2500");
        assertError(send(render("photo.png?resize=stretch")), 400, "InvalidParameter",
                "Invalid Parameter resize: must be cover, contain or fill");
        assertError(send(render("notes.txt?width=10")), 415, "InvalidMimeType",
                "The object is not an image that can be transformed (JPEG, PNG, GIF, BMP, TIFF or WebP)");
        assertError(send(render("broken.png?width=10")), 422, "ImageProcessingError",
                "The image could not be decoded: it is corrupt, truncated or uses an unsupported encoding");
        assertError(send(render("noisy.png?width=10")), 413, "EntityTooLarge",
                "The image is too large to transform: " + noisy.length + " bytes, at most 60000 allowed");
        assertError(send(render("bomb.png?width=10")), 413, "EntityTooLarge",
                "The image is too large to transform: 30000x30000 pixels (900000000), at most 4000000 allowed");
        assertError(send(render("missing.png?width=10")), 404, "NoSuchKey", "Object not found");
        assertError(send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/render/image/authenticated/"
                + BUCKET + "/photo.png"))), 400, "InvalidJWT", "headers must have required property 'authorization'");
    }

    @Test
    void switched_off_the_render_routes_do_not_exist(@TempDir Path otherStorage) throws Exception {
        try (TestServer off = new TestServer(otherStorage, Map.of("IMAGE_TRANSFORMATION_ENABLED", "false"))) {
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(off.baseUrl()
                    + "/render/image/authenticated/" + BUCKET + "/photo.png?width=10"))
                    .header("Authorization", "Bearer " + off.key("service_role")));

            assertEquals(404, response.statusCode());
            assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("not found"));
        }
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String code, String message)
            throws IOException {
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertEquals(status, response.statusCode(), body.toString());
        assertEquals(String.valueOf(status), body.path("statusCode").asText());
        assertEquals(code, body.path("code").asText());
        assertEquals(message, body.path("message").asText());
        assertEquals("no-cache", header(response, "cache-control"));
    }

    private static HttpRequest.Builder render(String pathAndQuery) {
        return request("/render/image/authenticated/" + BUCKET + "/" + pathAndQuery).GET();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", "Bearer " + service);
    }

    private static void upload(String name, String contentType, byte[] bytes) throws Exception {
        HttpResponse<byte[]> response = send(request("/object/" + BUCKET + "/" + name)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("content-type", contentType).header("cache-control", "max-age=60"));
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    /** A PNG signature and header chunk declaring the given size, with no pixel data at all. */
    private static byte[] pngHeader(int width, int height) {
        byte[] ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width)
                .putInt(height).put(new byte[]{8, 2, 0, 0, 0}).array();
        CRC32 crc = new CRC32();
        crc.update(ihdr);
        return ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr).putInt((int) crc.getValue()).array();
    }
}
