package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event a 2026-11 ledger stored (the fixture: 275 events of every type, written by that code against
 * PostgreSQL) reads into today's event classes after the upcaster, and writes back as exactly the same JSON less the
 * derived properties: nothing of the stored record is lost or added, except properties added since, each holding the
 * value that reproduces the old behaviour.
 */
public class EventFormatTest {

    /**
     * Properties added after the first format, with the value a record stored before them reads as (README: credit
     * programs' escheat basis, material rights, contract-year tiers).
     */
    static final java.util.Map<String, JsonNode> ADDED_SINCE = java.util.Map.of(
            "escheatBasis", com.fasterxml.jackson.databind.node.TextNode.valueOf("PRICE"),
            "option", com.fasterxml.jackson.databind.node.NullNode.getInstance(),
            "exerciseLikelihood", com.fasterxml.jackson.databind.node.NullNode.getInstance(),
            "tiersAccumulateFrom", com.fasterxml.jackson.databind.node.NullNode.getInstance());

    /** {@code written} less the properties added since the first format that hold their old-behaviour value. */
    static JsonNode withoutLaterDefaults(JsonNode written) {
        if (written.isObject()) {
            var object = (com.fasterxml.jackson.databind.node.ObjectNode) written;
            ADDED_SINCE.forEach((name, value) -> {
                if (value.equals(object.get(name))) {
                    object.remove(name);
                }
            });
            object.forEach(EventFormatTest::withoutLaterDefaults);
        } else if (written.isArray()) {
            written.forEach(EventFormatTest::withoutLaterDefaults);
        }
        return written;
    }

    static final ObjectMapper JSON = new ObjectMapper();
    /** 55000, 5.5E+4 and 55000.00 are one number; the stored text is compared as values, not as spelling. */
    static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    public static List<JsonNode> fixtureEvents() throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                EventFormatTest.class.getResourceAsStream("/fixtures/ledger-2026-11/events.jsonl.gz")), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    @Test
    void storedEventsOfTheFirstFormatReadAndWriteBackWithoutDerivedProperties() throws Exception {
        ObjectMapper events = AxonConfiguration.eventObjectMapper();
        TreeSet<String> types = new TreeSet<>();
        List<JsonNode> rows = fixtureEvents();
        assertThat(rows).hasSize(275);
        for (JsonNode row : rows) {
            String type = row.get("payloadType").asText();
            types.add(type);
            assertThat(row.get("payloadRevision").isNull()).as("the fixture predates revisions").isTrue();
            JsonNode stored = events.readTree(row.get("payload").asText());
            boolean hadDerived = stored.toString().contains("\"positive\"");
            JsonNode upcast = DerivedPropertiesUpcaster.withoutDerivedProperties(stored.deepCopy());
            assertThat(upcast.toString()).doesNotContain("\"zero\"").doesNotContain("\"positive\"");
            Object event = events.treeToValue(upcast, Class.forName(type));
            JsonNode written = withoutLaterDefaults(events.valueToTree(event));
            assertThat(written.equals(NUMBERS_BY_VALUE, upcast)).as(type + ": " + written + " vs " + upcast).isTrue();
            if (hadDerived) {
                assertThat(written.toString()).isNotEqualTo(stored.toString());
            }
        }
        assertThat(types).as("every event type of the first format is covered").hasSize(22);
    }
}
