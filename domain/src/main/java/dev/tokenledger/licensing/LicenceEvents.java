package dev.tokenledger.licensing;

import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Events of a licence; each carries the figures it decided and the entry it posts (null when nothing). */
public final class LicenceEvents {

    private LicenceEvents() {
    }

    @Revision(EventRevisions.CURRENT)
    public record LicenceGranted(String licenceId, String customerId, String currency, ContractType contractType,
                                 LocalDate signedOn, LocalDate licenceStart, LocalDate licenceEnd, long fixedFeeMinor,
                                 long minimumGuaranteeMinor, BigDecimal royaltyRate, boolean licencePredominant,
                                 String description, String policyVersion, PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry {
    }

    /**
     * Control passed: the fixed fee and the minimum guarantee are licence revenue; royalties reported before (held as
     * a contract liability) are royalty revenue now, the later of their usage and this transfer.
     */
    @Revision(EventRevisions.CURRENT)
    public record LicenceTransferred(String licenceId, String requestId, LocalDate transferredOn,
                                     long licenceRevenueMinor, long royaltyRevenueMinor, PostedEntry journalEntry,
                                     String inputHash) implements PostsJournalEntry {
    }

    /**
     * Royalties reported: cumulative royalties = round(cumulative base x rate), half-up; of the increase, what falls
     * within the minimum guarantee is billed against it, the excess is royalty revenue (or a contract liability until
     * the licence is transferred).
     */
    @Revision(EventRevisions.CURRENT)
    public record RoyaltiesReported(String licenceId, String reportId, LocalDate usageThrough, BigDecimal salesOrUsage,
                                    BigDecimal cumulativeBase, long royaltyMinor, long cumulativeRoyaltyMinor,
                                    long withinGuaranteeMinor, long excessMinor, long invoicedMinor,
                                    boolean deferredUntilTransfer, PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry {
    }

    @Revision(EventRevisions.CURRENT)
    public record MinimumGuaranteeSettled(String licenceId, String requestId, LocalDate effectiveDate,
                                          long guaranteeMinor, long royaltiesMinor, long shortfallMinor,
                                          PostedEntry journalEntry, String inputHash) implements PostsJournalEntry {
    }

    @Revision(EventRevisions.CURRENT)
    public record LicencePaymentReceived(String licenceId, String paymentId, LocalDate paidOn, long amountMinor,
                                         PostedEntry journalEntry, String inputHash) implements PostsJournalEntry {
    }
}
