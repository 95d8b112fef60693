package dev.tokenledger.journal;

import java.math.BigDecimal;

/** A line as a client sent it, before any validation. */
public record JournalLineRequest(String account, Side side, BigDecimal amount, String currency, Dimensions dimensions) {
}
