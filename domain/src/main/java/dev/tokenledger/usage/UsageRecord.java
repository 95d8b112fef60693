package dev.tokenledger.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One usage record as the producer sent it, already checked for shape.
 *
 * @param recordId    the producer's id: the idempotency key
 * @param usageDate   the date of {@code occurredAt} in the reporting time zone (the date it belongs to)
 * @param quantities  units used, by unit type (input_tokens, output_tokens, cached_tokens, or any other unit), kept
 *                    sorted by unit so that pricing visits the units in one order wherever the record came from
 * @param fingerprint hash of the record's content, telling a re-sent duplicate from a conflicting one
 */
public record UsageRecord(String recordId, String customerId, String endUserId, Instant occurredAt,
                          LocalDate usageDate, String model, String feature, String provider,
                          Map<String, Long> quantities, String fingerprint) {

    public UsageRecord {
        quantities = quantities instanceof java.util.SortedMap<String, Long> ? quantities : new java.util.TreeMap<>(quantities);
    }

    public static final String INPUT_TOKENS = "input_tokens";
    public static final String OUTPUT_TOKENS = "output_tokens";
    public static final String CACHED_TOKENS = "cached_tokens";

    /** Tokens of every kind, for per-million-token metrics. */
    public long tokens() {
        return quantities.getOrDefault(INPUT_TOKENS, 0L) + quantities.getOrDefault(OUTPUT_TOKENS, 0L)
                + quantities.getOrDefault(CACHED_TOKENS, 0L);
    }
}
