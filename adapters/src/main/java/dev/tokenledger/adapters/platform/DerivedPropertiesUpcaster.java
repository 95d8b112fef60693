package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Iterator;

/**
 * Brings events stored by the 2026-11 ledgers (no revision) to revision 2. Those payloads carried Money's derived
 * properties ({@code "zero": false, "positive": true} beside every amount); revision 2 stores only what a record
 * holds. The stored rows are never rewritten: this runs as events are read (ARCHITECTURE.md, "Evolving events").
 */
public class DerivedPropertiesUpcaster extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().getRevision() == null && event.getType().getName().startsWith("dev.tokenledger.");
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(event.getType().getName(), EventRevisions.CURRENT),
                JsonNode.class, DerivedPropertiesUpcaster::withoutDerivedProperties);
    }

    /** Removes "zero" and "positive" from every object that is an amount (has "amount" and "currency"). */
    static JsonNode withoutDerivedProperties(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("amount") && object.has("currency")) {
                object.remove("zero");
                object.remove("positive");
            }
            for (Iterator<JsonNode> children = object.elements(); children.hasNext(); ) {
                withoutDerivedProperties(children.next());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(DerivedPropertiesUpcaster::withoutDerivedProperties);
        }
        return node;
    }
}
