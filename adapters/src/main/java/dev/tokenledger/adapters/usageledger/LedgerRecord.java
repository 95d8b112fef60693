package dev.tokenledger.adapters.usageledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One usage record as the usage ledger keeps it: the producer's fields, what pricing decided (exact value and cost,
 * the cards, the cost role) and the posting it went into. Nothing here is derived from anything else in the ledger:
 * it is source data.
 *
 * @param fingerprint the first 64 bits of the content's SHA-256 ({@link UsageLedger#fingerprint64}), kept in the
 *                    exactly-once key table, not in the block
 */
public record LedgerRecord(String recordId, String customerId, String endUserId, Instant occurredAt, LocalDate usageDate,
                           String model, String feature, String provider, long inputTokens, long outputTokens,
                           long cachedTokens, String otherUnits, String metadata, String currency, BigDecimal exactValue,
                           BigDecimal exactCost, String costRole, String rateCards, String costCard, String postingId,
                           String entryId, String batchId, Instant recordedAt, long fingerprint) {
}
