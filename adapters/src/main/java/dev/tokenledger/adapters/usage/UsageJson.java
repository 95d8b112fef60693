package dev.tokenledger.adapters.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenledger.rejection.RejectionCode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads usage records from JSON: the ledger's own form, or a CloudEvents 1.0 event whose {@code data} holds the
 * record (id and time from the event, customer from {@code subject} when data names none).
 */
public final class UsageJson {

    static final Set<String> FIELDS = Set.of("id", "customerId", "endUserId", "timestamp", "model", "feature",
            "provider", "inputTokens", "outputTokens", "cachedTokens", "units", "metadata");
    static final Set<String> CLOUD_EVENT_FIELDS = Set.of("specversion", "id", "source", "type", "time", "subject",
            "datacontenttype", "dataschema", "data");

    private UsageJson() {
    }

    /** The raw record, or a rejection of the element when its structure is wrong. */
    public record Read(RawUsage raw, UsageIngestion.Rejection rejection) {
    }

    public static Read record(long position, JsonNode node) {
        if (node == null || !node.isObject()) {
            return rejected(position, null, RejectionCode.USAGE_FIELD_REQUIRED, "", "each record is a JSON object");
        }
        String unknown = unknownField(node, FIELDS);
        if (unknown != null) {
            return rejected(position, text(node.get("id")), RejectionCode.USAGE_FIELD_UNKNOWN, unknown,
                    "known fields: " + String.join(", ", new java.util.TreeSet<>(FIELDS)));
        }
        return new Read(raw(position, node, text(node.get("id")), text(node.get("timestamp")), text(node.get("customerId"))), null);
    }

    public static Read cloudEvent(long position, JsonNode event) {
        if (event == null || !event.isObject()) {
            return rejected(position, null, RejectionCode.USAGE_FIELD_REQUIRED, "", "each CloudEvent is a JSON object");
        }
        String id = text(event.get("id"));
        if (!"1.0".equals(text(event.get("specversion")))) {
            return rejected(position, id, RejectionCode.USAGE_FIELD_REQUIRED, "specversion", "CloudEvents 1.0 is supported");
        }
        String unknown = unknownField(event, CLOUD_EVENT_FIELDS);
        if (unknown != null) {
            return rejected(position, id, RejectionCode.USAGE_FIELD_UNKNOWN, unknown, "not a CloudEvents 1.0 attribute the ledger reads");
        }
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            return rejected(position, id, RejectionCode.USAGE_FIELD_REQUIRED, "data", "the usage record, as a JSON object");
        }
        String unknownData = unknownField(data, FIELDS);
        if (unknownData != null) {
            return rejected(position, id, RejectionCode.USAGE_FIELD_UNKNOWN, "data." + unknownData,
                    "known fields: " + String.join(", ", new java.util.TreeSet<>(FIELDS)));
        }
        String timestamp = text(data.get("timestamp")) != null ? text(data.get("timestamp")) : text(event.get("time"));
        String customer = text(data.get("customerId")) != null ? text(data.get("customerId")) : text(event.get("subject"));
        return new Read(raw(position, data, id, timestamp, customer), null);
    }

    private static RawUsage raw(long position, JsonNode node, String id, String timestamp, String customer) {
        Map<String, String> units = null;
        JsonNode unitsNode = node.get("units");
        if (unitsNode != null && !unitsNode.isNull()) {
            units = new LinkedHashMap<>();
            if (unitsNode.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = unitsNode.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> u = it.next();
                    units.put(u.getKey(), text(u.getValue()));
                }
            } else {
                units.put("units", unitsNode.toString());
            }
        }
        JsonNode metadata = node.get("metadata");
        return new RawUsage(position, id, customer, text(node.get("endUserId")), timestamp, text(node.get("model")),
                text(node.get("feature")), text(node.get("provider")), text(node.get("inputTokens")),
                text(node.get("outputTokens")), text(node.get("cachedTokens")), units,
                metadata == null || metadata.isNull() ? null : metadata.isObject() ? metadata.toString() : "invalid:" + metadata);
    }

    private static String unknownField(JsonNode node, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /** Scalars as text; integral numbers exactly, anything else as its JSON (which then fails its check). */
    static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return node.toString();
    }

    private static Read rejected(long position, String id, RejectionCode code, String field, String detail) {
        return new Read(null, new UsageIngestion.Rejection(position, id, code.name(), field, detail));
    }
}
