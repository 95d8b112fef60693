package dev.tokenledger.adapters.usage;

import java.util.Map;

/**
 * A usage record's fields as text, whatever it arrived as (JSON, CloudEvents, CSV, JSON lines), so one parser
 * checks them all the same way.
 *
 * @param position   where it was: its index in a JSON batch, or its line number in a file
 * @param otherUnits quantities of units beyond the three token counts, by unit name
 * @param metadata   request metadata as a JSON object text, kept with the record
 */
public record RawUsage(long position, String id, String customerId, String endUserId, String timestamp, String model,
                       String feature, String provider, String inputTokens, String outputTokens, String cachedTokens,
                       Map<String, String> otherUnits, String metadata) {
}
