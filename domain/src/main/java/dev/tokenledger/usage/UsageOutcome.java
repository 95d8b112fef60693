package dev.tokenledger.usage;

import dev.tokenledger.rejection.RejectionCode;

import java.math.BigDecimal;
import java.util.List;

/** What recording a customer's usage did to each record: priced and posted, or rejected with a named code. */
public record UsageOutcome(String customerId, List<Priced> priced, List<Rejected> rejected) {

    /** A record as it entered the usage ledger: exact value and cost, the cards used, the posting it belongs to. */
    public record Priced(String recordId, String postingId, String entryId, BigDecimal value, BigDecimal cost,
                         String currency, String rateCards, String costCard, CostRole costRole) {
    }

    public record Rejected(String recordId, RejectionCode code, String field, String detail) {
    }
}
