package dev.pillar.storage.adapters.http.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.domain.failure.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignedTransformTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"width\":200,\"height\":100,\"resize\":\"fill\",\"quality\":90,\"format\":\"avif\"}"
                    + "|height:100,width:200,resize:fill,quality:90,format:avif",
            "{\"width\":200}|width:200",
            "{\"width\":200.0,\"resize\":\"cover\"}|width:200,resize:cover",
            "{\"height\":0,\"width\":5000}|width:5000",
            "{\"resize\":\"contain\",\"quality\":20}|quality:20",
            "{\"format\":\"webp\"}|format:webp"})
    void keeps_what_was_asked_as_supabases_transformations_string(String json, String transformations)
            throws IOException {
        SignedTransform transform = SignedTransform.from(Json.MAPPER.readTree(json)).orElseThrow();

        assertEquals(transformations, transform.transformations());
        assertTrue(transform.rendersImage());
    }

    @Test
    void the_original_format_alone_transforms_nothing_but_is_remembered() throws IOException {
        SignedTransform transform = SignedTransform.from(Json.MAPPER.readTree("{\"format\":\"origin\"}")).orElseThrow();

        assertFalse(transform.rendersImage());
        ObjectNode claims = Json.object();
        transform.addClaims(claims);
        assertEquals("{\"format\":\"origin\"}", claims.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "{}", "{\"resize\":\"fill\"}", "{\"width\":0,\"height\":null}"})
    void asking_for_nothing_is_no_transform(String json) throws IOException {
        assertEquals(Optional.empty(), SignedTransform.from(Json.MAPPER.readTree(json)));
        assertEquals(Optional.empty(), SignedTransform.from(null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[]|transform",
            "{\"width\":-1}|transform.width",
            "{\"width\":1.5}|transform.width",
            "{\"height\":\"100\"}|transform.height",
            "{\"height\":3000000000}|transform.height",
            "{\"quality\":19}|transform.quality",
            "{\"quality\":101}|transform.quality",
            "{\"resize\":\"crop\"}|transform.resize",
            "{\"format\":\"png\"}|transform.format",
            "{\"format\":1}|transform.format"})
    void refuses_values_supabase_refuses(String json, String parameter) throws IOException {
        JsonNode node = Json.MAPPER.readTree(json);

        InvalidInput failure = assertThrows(InvalidInput.class, () -> SignedTransform.from(node));

        assertEquals("Invalid Parameter " + parameter, failure.getMessage());
    }
}
