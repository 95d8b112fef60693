package dev.tokenledger.journal;

import java.time.LocalDate;

/**
 * What a posting command returns.
 *
 * @param alreadyApplied true when this was a retry of a request already carried out (nothing new was posted)
 */
public record PostingResult(String entryId, LocalDate effectiveDate, LocalDate postingDate, boolean priorPeriod,
                            boolean alreadyApplied) {

    static PostingResult of(PostedEntry entry, boolean alreadyApplied) {
        return new PostingResult(entry.entryId(), entry.effectiveDate(), entry.postingDate(), entry.priorPeriod(),
                alreadyApplied);
    }
}
