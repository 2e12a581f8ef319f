package dev.pillar.storage.domain.image;

import dev.pillar.storage.domain.failure.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TransformationTest {

    private static Transformation parse(Map<String, String> query) {
        return Transformation.parse(name -> Optional.ofNullable(query.get(name)));
    }

    @Test
    void nothing_given_means_cover_at_quality_80_in_the_source_format() {
        Transformation none = parse(Map.of());

        assertEquals(new Transformation(OptionalInt.empty(), OptionalInt.empty(), ResizeMode.COVER, 80,
                OutputFormat.ORIGIN), none);
    }

    @Test
    void reads_every_parameter_and_treats_empty_values_as_absent() {
        Transformation all = parse(Map.of("width", "120", "height", " 80 ", "resize", "Contain", "quality", "55",
                "format", "webp"));
        Transformation empty = parse(Map.of("width", "", "quality", ""));

        assertEquals(new Transformation(OptionalInt.of(120), OptionalInt.of(80), ResizeMode.CONTAIN, 55,
                OutputFormat.WEBP), all);
        assertEquals(parse(Map.of()), empty);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "width   | 0     | Invalid Parameter width: must be an integer from 1 to 2500",
            "width   | 2501  | Invalid Parameter width: must be an integer from 1 to 2500",
            "width   | 12.5  | Invalid Parameter width: must be an integer from 1 to 2500",
            "height  | abc   | Invalid Parameter height: must be an integer from 1 to 2500",
            "height  | -4    | Invalid Parameter height: must be an integer from 1 to 2500",
            "height  | 99999999999 | Invalid Parameter height: must be an integer from 1 to 2500",
            "quality | 19    | Invalid Parameter quality: must be an integer from 20 to 100",
            "quality | 101   | Invalid Parameter quality: must be an integer from 20 to 100",
            "resize  | crop  | Invalid Parameter resize: must be cover, contain or fill",
            "format  | gif   | Invalid Parameter format: must be origin, jpeg, png or webp",
            "format  | avif  | Invalid Parameter format: avif is not supported by this server; use origin, jpeg, png or webp"})
    void refuses_malformed_or_out_of_range_values_with_a_message_naming_the_rule(String name, String value,
                                                                                 String message) {
        InvalidInput failure = assertThrows(InvalidInput.class, () -> parse(Map.of(name, value)));

        assertEquals(InvalidInput.Reason.INVALID_PARAMETER, failure.reason());
        assertEquals(message, failure.getMessage());
    }

    @Test
    void the_limits_themselves_are_accepted() {
        Transformation edges = parse(Map.of("width", "1", "height", "2500", "quality", "20"));

        assertEquals(OptionalInt.of(1), edges.width());
        assertEquals(OptionalInt.of(2500), edges.height());
        assertEquals(20, edges.quality());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // width, height, resize | source | expected plan
            "200 | 100 | cover   | 400x400 | 200x100 crop",
            "200 | 100 | fill    | 400x400 | 200x100",
            "200 | 100 | contain | 400x400 | 100x100",
            "200 | 100 | contain | 800x200 | 200x50",
            "200 | 100 | contain | 300x200 | 150x100",
            "200 | 100 | contain | 50x20   | 200x80",
            "150 |     | cover   | 400x300 | 150x113",
            "150 |     | fill    | 400x300 | 150x113",
            "    | 30  | contain | 400x300 | 40x30",
            "    | 1   | cover   | 3000x2  | 1500x1",
            "1   |     | cover   | 2x3000  | 1x1500",
            "1   |     | cover   | 3000x2  | 1x1",
            "    |     | cover   | 640x480 | 640x480"})
    void plans_the_exact_output_size(String width, String height, String resize, String source, String expected) {
        Transformation transformation = parse(query(width, height, resize));
        String[] size = source.split("x");

        ResizePlan plan = transformation.plan(Integer.parseInt(size[0]), Integer.parseInt(size[1]));

        assertEquals(expected, plan.width() + "x" + plan.height() + (plan.crop() ? " crop" : ""));
    }

    @Test
    void describes_itself_canonically_and_reads_that_description_back() {
        Transformation transformation = parse(Map.of("height", "80", "width", "120", "resize", "fill",
                "format", "png"));

        assertEquals("width:120,height:80,resize:fill,quality:80,format:png", transformation.describe());
        assertEquals(transformation, Transformation.fromDescription(transformation.describe()));
        assertEquals("quality:80,format:origin", parse(Map.of("resize", "contain")).describe());
        assertEquals("width:50,quality:80,format:origin", parse(Map.of("width", "50", "resize", "fill")).describe());
    }

    @Test
    void each_distinct_rendering_of_a_version_gets_its_own_entity_tag() {
        String small = parse(Map.of("width", "100")).eTagFor("abc");
        String smallAgain = parse(Map.of("width", "100", "resize", "fill")).eTagFor("abc");
        String large = parse(Map.of("width", "200")).eTagFor("abc");
        String otherVersion = parse(Map.of("width", "100")).eTagFor("def");

        assertEquals(small, smallAgain);
        assertNotEquals(small, large);
        assertNotEquals(small, otherVersion);
        assertEquals(true, small.startsWith("abc-"));
    }

    private static Map<String, String> query(String width, String height, String resize) {
        HashMap<String, String> query = new HashMap<>();
        Optional.ofNullable(width).ifPresent(value -> query.put("width", value));
        Optional.ofNullable(height).ifPresent(value -> query.put("height", value));
        query.put("resize", resize);
        return query;
    }
}
