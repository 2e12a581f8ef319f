package dev.pillar.storage.domain.image;

import dev.pillar.storage.domain.failure.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * Value object: how to render an image, as Supabase's {@code width}, {@code height} (1..2500),
 * {@code resize} ({@code cover} by default), {@code quality} (20..100, default 80) and {@code format}
 * ({@code origin} by default). Only the dimensions given change: a width alone keeps the aspect ratio.
 */
public record Transformation(OptionalInt width, OptionalInt height, ResizeMode resize, int quality,
                             OutputFormat format) {
    public static final int MAX_DIMENSION = 2500;
    public static final int MIN_QUALITY = 20;
    public static final int MAX_QUALITY = 100;
    public static final int DEFAULT_QUALITY = 80;
    private static final String FORMATS = "origin, jpeg, png or webp";

    public Transformation {
        Objects.requireNonNull(width, "width");
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(resize, "resize");
        Objects.requireNonNull(format, "format");
        width.ifPresent(value -> requireRange("width", value, 1, MAX_DIMENSION));
        height.ifPresent(value -> requireRange("height", value, 1, MAX_DIMENSION));
        requireRange("quality", quality, MIN_QUALITY, MAX_QUALITY);
    }

    /**
     * Reads the five parameters by name from query values, a JSON body or a signed token; an absent or
     * empty value takes the default. Anything malformed or out of range is an {@code InvalidParameter}.
     */
    public static Transformation parse(Function<String, Optional<String>> parameters) {
        Function<String, Optional<String>> given = name -> parameters.apply(name).map(String::trim)
                .filter(value -> !value.isEmpty());
        return new Transformation(
                integer(given, "width", 1, MAX_DIMENSION),
                integer(given, "height", 1, MAX_DIMENSION),
                given.apply("resize").map(Transformation::resizeMode).orElse(ResizeMode.COVER),
                integer(given, "quality", MIN_QUALITY, MAX_QUALITY).orElse(DEFAULT_QUALITY),
                given.apply("format").map(Transformation::outputFormat).orElse(OutputFormat.ORIGIN));
    }

    /** Reads the form {@link #describe()} writes (as Supabase stores transformations in a signed token). */
    public static Transformation fromDescription(String description) {
        Map<String, String> values = new HashMap<>();
        for (String pair : description.split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                values.put(pair.substring(0, colon).trim(), pair.substring(colon + 1));
            }
        }
        return parse(name -> Optional.ofNullable(values.get(name)));
    }

    /**
     * The canonical {@code name:value,...} form (for {@code X-Transformations} and signed tokens); two
     * transformations that render the same output describe themselves the same way (the resize mode only
     * matters when both sides are given).
     */
    public String describe() {
        StringJoiner parts = new StringJoiner(",");
        width.ifPresent(value -> parts.add("width:" + value));
        height.ifPresent(value -> parts.add("height:" + value));
        if (width.isPresent() && height.isPresent()) {
            parts.add("resize:" + resize.name().toLowerCase(Locale.ROOT));
        }
        parts.add("quality:" + quality);
        parts.add("format:" + format.name().toLowerCase(Locale.ROOT));
        return parts.toString();
    }

    /** The entity tag of this rendering of a source version: different for every distinct transformation. */
    public String eTagFor(String sourceETag) {
        CRC32 checksum = new CRC32();
        checksum.update(describe().getBytes(StandardCharsets.US_ASCII));
        return sourceETag + "-" + String.format("%08x", checksum.getValue());
    }

    /** The output size for a source of the given size. Upscaling is allowed: the box asked for is the box sent. */
    public ResizePlan plan(int sourceWidth, int sourceHeight) {
        if (width.isPresent() && height.isPresent()) {
            int w = width.getAsInt();
            int h = height.getAsInt();
            return switch (resize) {
                case COVER -> new ResizePlan(w, h, true);
                case FILL -> new ResizePlan(w, h, false);
                case CONTAIN -> (long) sourceWidth * h <= (long) sourceHeight * w
                        ? new ResizePlan(scaled(sourceWidth, h, sourceHeight), h, false)
                        : new ResizePlan(w, scaled(sourceHeight, w, sourceWidth), false);
            };
        }
        if (width.isPresent()) {
            return new ResizePlan(width.getAsInt(), scaled(sourceHeight, width.getAsInt(), sourceWidth), false);
        }
        if (height.isPresent()) {
            return new ResizePlan(scaled(sourceWidth, height.getAsInt(), sourceHeight), height.getAsInt(), false);
        }
        return new ResizePlan(sourceWidth, sourceHeight, false);
    }

    /** {@code side * numerator / denominator}, rounded to the nearest pixel and never below one. */
    private static int scaled(int side, int numerator, int denominator) {
        long value = ((long) side * numerator * 2 + denominator) / (2L * denominator);
        return (int) Math.max(1, value);
    }

    private static OptionalInt integer(Function<String, Optional<String>> given, String name, int min, int max) {
        Optional<String> raw = given.apply(name);
        if (raw.isEmpty()) {
            return OptionalInt.empty();
        }
        if (!raw.get().matches("[+-]?\\d{1,9}")) {
            throw rangeFailure(name, min, max);
        }
        int value = Integer.parseInt(raw.get());
        requireRange(name, value, min, max);
        return OptionalInt.of(value);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw rangeFailure(name, min, max);
        }
    }

    private static InvalidInput rangeFailure(String name, int min, int max) {
        return invalid(name, "must be an integer from " + min + " to " + max);
    }

    private static ResizeMode resizeMode(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "cover" -> ResizeMode.COVER;
            case "contain" -> ResizeMode.CONTAIN;
            case "fill" -> ResizeMode.FILL;
            default -> throw invalid("resize", "must be cover, contain or fill");
        };
    }

    private static OutputFormat outputFormat(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "origin" -> OutputFormat.ORIGIN;
            case "jpeg", "jpg" -> OutputFormat.JPEG;
            case "png" -> OutputFormat.PNG;
            case "webp" -> OutputFormat.WEBP;
            case "avif" -> throw invalid("format", "avif is not supported by this server; use " + FORMATS);
            default -> throw invalid("format", "must be " + FORMATS);
        };
    }

    private static InvalidInput invalid(String parameter, String rule) {
        return new InvalidInput(InvalidInput.Reason.INVALID_PARAMETER, "Invalid Parameter " + parameter + ": " + rule);
    }
}
