package dev.tokenledger.credits;

import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.usage.PoolDraw;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Events of a customer's wallet. Each carries the state change it decided (new R, E, amounts in minor units) and
 * the journal entry it posts, or null when it posts nothing (a promotional draw, a sub-cent catch-up of zero).
 */
public final class Events {

    private Events() {
    }

    @Revision(EventRevisions.CURRENT)

    public record CreditsPurchased(String customerId, String poolId, long sequence, LocalDate effectiveDate,
                                   CreditTerms terms, long priceMinor, BigDecimal credits, BigDecimal bonusCredits,
                                   LocalDate expiresOn, Settlement settlement, PostedEntry journalEntry,
                                   String inputHash) implements PostsJournalEntry {
    }

    /** A pool funded by a contract's allocation; the contract's event posts its entry, so this one carries none. */
    @Revision(EventRevisions.CURRENT)
    public record CreditsFundedByContract(String customerId, String poolId, String contractId, String obligationId,
                                          long sequence, LocalDate effectiveDate, CreditTerms terms, long priceMinor,
                                          BigDecimal credits, LocalDate expiresOn, String inputHash) {
    }

    @Revision(EventRevisions.CURRENT)

    public record PromotionalCreditsGranted(String customerId, String poolId, long sequence, LocalDate effectiveDate,
                                            CreditTerms terms, BigDecimal credits, LocalDate expiresOn,
                                            String inputHash) {
    }

    /**
     * @param overageValueAfter cumulative exact value of overage for the wallet after this draw
     * @param overageMinor      overage revenue posted by this draw (catch-up of the rounded cumulative value)
     */
    @Revision(EventRevisions.CURRENT)
    public record UsageDrawn(String customerId, String drawId, LocalDate effectiveDate, Instant occurredAt,
                             String usageReference, BigDecimal credits, List<PoolDraw> pools,
                             BigDecimal overageCredits, BigDecimal overageValueAfter, long overageMinor,
                             PostedEntry journalEntry, String inputHash) implements PostsJournalEntry {
    }

    @Revision(EventRevisions.CURRENT)

    public record BreakageEstimateRevised(String customerId, String poolId, String revisionId, LocalDate effectiveDate,
                                          BigDecimal expectedAfter, long breakageMinor, PostedEntry journalEntry,
                                          String inputHash) implements PostsJournalEntry {
    }

    @Revision(EventRevisions.CURRENT)

    public record CreditPoolExpired(String customerId, String poolId, String requestId, LocalDate effectiveDate,
                                    long breakageMinor, long escheatMinor, PostedEntry journalEntry,
                                    String inputHash) implements PostsJournalEntry {
    }

    @Revision(EventRevisions.CURRENT)

    public record CreditsRefunded(String customerId, String refundId, String poolId, LocalDate effectiveDate,
                                  long amountMinor, BigDecimal credits, BigDecimal expectedAfter, long breakageMinor,
                                  RefundPayout payout, PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry {
    }

    @Revision(EventRevisions.CURRENT)

    public record HoldPlaced(String customerId, String holdId, BigDecimal credits, Instant expiresAt, String inputHash) {
    }

    /** @param captured true when the hold was closed by a capture (a UsageDrawn follows) */
    @Revision(EventRevisions.CURRENT)
    public record HoldReleased(String customerId, String holdId, boolean captured) {
    }

    @Revision(EventRevisions.CURRENT)

    public record OverageInvoiced(String customerId, String invoiceId, LocalDate effectiveDate, long amountMinor,
                                  PostedEntry journalEntry, String inputHash) implements PostsJournalEntry {
    }

    @Revision(EventRevisions.CURRENT)

    public record InvoicePaid(String customerId, String paymentId, String invoiceId, LocalDate effectiveDate,
                              long amountMinor, PostedEntry journalEntry, String inputHash) implements PostsJournalEntry {
    }

    @Revision(EventRevisions.CURRENT)

    public record PoolDeclaredDormant(String customerId, String poolId, String requestId, LocalDate effectiveDate,
                                      long breakageMinor, PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry {
    }

    /**
     * A pool's property became reportable: {@code closedPool} when this closed it (breakage and escheat posted as at
     * expiry); {@code owedAfterMinor} what is owed to the state for the pool after it.
     */
    @Revision(EventRevisions.CURRENT)
    public record UnclaimedPropertyReported(String customerId, String poolId, String reportId, LocalDate effectiveDate,
                                            String jurisdiction, LocalDate dueOn, boolean closedPool,
                                            long breakageMinor, long escheatMinor, long owedAfterMinor,
                                            PostedEntry journalEntry, String inputHash) implements PostsJournalEntry {
    }

    @Revision(EventRevisions.CURRENT)
    public record UnclaimedPropertyRemitted(String customerId, String poolId, String remittanceId, LocalDate remittedOn,
                                            String jurisdiction, long amountMinor, long owedAfterMinor,
                                            PostedEntry journalEntry, String inputHash) implements PostsJournalEntry {
    }
}
