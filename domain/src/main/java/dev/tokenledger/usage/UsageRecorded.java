package dev.tokenledger.usage;

import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.PostsJournalEntry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * A posting of usage for one customer and month of one batch: draws from the wallet's pools (or overage), cost
 * accrued, and the state pricing carries forward (month-to-date volumes, cumulative exact cost), all decided once.
 *
 * @param postingId       the request id of this posting, also its journal entry's suffix
 * @param effectiveDate   the latest usage date among its records (all of them fall in {@code month})
 * @param volumesAfter    month-to-date quantities after this posting, by "model|unit"
 * @param costExactAfter  cumulative exact cost after this posting, by "model|feature|role"
 * @param costPostedAfter cumulative posted cost (minor units) after this posting, by the same key
 */
@Revision(EventRevisions.CURRENT)
public record UsageRecorded(String customerId, String batchId, String postingId, YearMonth month,
                            LocalDate effectiveDate, String currency, List<UsageGroup> groups, List<PoolDraw> pools,
                            BigDecimal overageCredits, BigDecimal overageValueAfter, long overageMinor,
                            Map<String, Long> volumesAfter, Map<String, BigDecimal> costExactAfter,
                            Map<String, Long> costPostedAfter, List<String> rateCards, List<String> costCards,
                            PostedEntry journalEntry, String inputHash) implements PostsJournalEntry {
}
