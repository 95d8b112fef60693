package dev.tokenledger.journal;

import dev.tokenledger.money.Money;

import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A journal entry exactly as it posts: decided once, carried by the event that posts it, never re-derived.
 *
 * @param entryId         the entry's id
 * @param kind            manual adjustment, reversal, ...
 * @param effectiveDate   the accounting date the entry belongs to
 * @param postingDate     the date it is booked on: the effective date, or the first day of the first open period
 *                        when the effective date falls in a closed one
 * @param priorPeriod     true when the entry belongs to a closed period and was booked later
 * @param memo            free text
 * @param reason          why a person posted it (required for manual entries and reversals)
 * @param policyVersion   the accounting-policy version the lines were decided under
 * @param reversesEntryId for a reversal, the entry it mirrors
 * @param lines           at least two, balanced per currency
 */
public record PostedEntry(String entryId, EntryKind kind, LocalDate effectiveDate, LocalDate postingDate,
                          boolean priorPeriod, String memo, String reason, String policyVersion,
                          String reversesEntryId, List<JournalLine> lines) {

    public PostedEntry {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(effectiveDate, "effectiveDate");
        Objects.requireNonNull(postingDate, "postingDate");
        Objects.requireNonNull(policyVersion, "policyVersion");
        lines = List.copyOf(lines);
        assertBalanced(entryId, lines);
        if (postingDate.isBefore(effectiveDate)) {
            throw new IllegalStateException("entry " + entryId + " would post before its effective date");
        }
    }

    /** Invariant where money moves: every entry balances in every currency. */
    static void assertBalanced(String entryId, List<JournalLine> lines) {
        if (lines.size() < 2) {
            throw new IllegalStateException("entry " + entryId + " has fewer than two lines");
        }
        Map<Currency, Money> net = new HashMap<>();
        for (JournalLine line : lines) {
            Money signed = line.side() == Side.DEBIT ? line.amount() : line.amount().negate();
            net.merge(line.amount().currency(), signed, Money::plus);
        }
        net.forEach((currency, total) -> {
            if (!total.isZero()) {
                throw new IllegalStateException("entry " + entryId + " does not balance in " + currency + ": " + total);
            }
        });
    }
}
