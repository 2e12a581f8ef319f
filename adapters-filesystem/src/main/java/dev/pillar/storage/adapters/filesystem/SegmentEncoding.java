package dev.pillar.storage.adapters.filesystem;

import java.io.ByteArrayOutputStream;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns one key segment (any text, never empty) into one file name that is safe on every POSIX
 * filesystem: the UTF-8 bytes outside {@code [A-Za-z0-9._-]} become {@code %XX}, and so does a
 * leading {@code .}, so {@code .}, {@code ..} and hidden names cannot come out of it.
 *
 * <p>The result uses only {@code [A-Za-z0-9._%-]}, which leaves {@code +} and {@code ~} free as
 * markers no plain encoding can contain. An encoding longer than {@link #MAX_LENGTH} characters is
 * shortened to its first {@link #PREFIX_LENGTH} characters, {@code +} and the SHA-256 of the whole
 * encoding (at most 245 characters): deterministic and collision-resistant, though no longer
 * reversible. Nothing reads names back from disk (the metadata store lists objects), so that is fine.
 */
final class SegmentEncoding {
    /** Longest plain encoding kept as is; leaves room for a 5-character suffix under NAME_MAX (255). */
    static final int MAX_LENGTH = 250;
    static final int PREFIX_LENGTH = 180;
    static final char SHORTENED_MARKER = '+';
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private SegmentEncoding() {
    }

    /** The file name for {@code segment}; refuses an empty segment or text that is not valid Unicode. */
    static String encode(String segment) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("an empty key segment has no file name");
        }
        byte[] bytes = strictUtf8(segment);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (isSafe(b) && !(i == 0 && b == '.')) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX.toHexDigits((byte) b));
            }
        }
        return out.length() <= MAX_LENGTH ? out.toString() : shorten(out.toString());
    }

    /** The segment a plain (not shortened) encoding stands for. */
    static String decode(String encoded) {
        if (encoded.indexOf(SHORTENED_MARKER) >= 0) {
            throw new IllegalArgumentException("a shortened segment cannot be decoded: " + encoded);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isSafe(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '.' || b == '_' || b == '-';
    }

    /**
     * UTF-8 that refuses lone surrogates: {@code String.getBytes} would turn each into {@code ?},
     * and two different keys would then share a file.
     */
    private static byte[] strictUtf8(String segment) {
        try {
            var buffer = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(segment));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a key segment is not valid Unicode", e);
        }
    }

    private static String shorten(String encoded) {
        int cut = PREFIX_LENGTH;
        // Never cut a %XX triplet in two: the prefix stays readable.
        if (encoded.charAt(cut - 1) == '%') {
            cut -= 1;
        } else if (encoded.charAt(cut - 2) == '%') {
            cut -= 2;
        }
        return encoded.substring(0, cut) + SHORTENED_MARKER + HexFormat.of().formatHex(sha256(encoded));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
