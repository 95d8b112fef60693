package dev.tokenledger.contracts;

import dev.tokenledger.contracts.ContractCommands.BillingTerms;
import dev.tokenledger.contracts.ContractCommands.CommitmentOnTermination;
import dev.tokenledger.contracts.ContractCommands.CreditsOnTermination;
import dev.tokenledger.contracts.ContractCommands.DiscountTerms;
import dev.tokenledger.credits.Settlement;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Events of a contract. Each carries what it decided (allocations, amounts by obligation, the contract's position
 * after it: billed less recognised, positive a contract liability, negative a contract asset) and the journal entry it
 * posts, or null when it posts nothing.
 */
public final class ContractEvents {

    private ContractEvents() {
    }

    /** An event that changes an obligation's schedule: it carries every obligation as it stands after. */
    public interface ChangesSchedule {
        String contractId();

        List<Obligation> obligationsAfter();
    }

    /**
     * A contract was signed: its price allocated by relative SSP with every input used (the SSP versions, the
     * discounts, the groups), its billing plan fixed, and its credit pools funded.
     */
    @Revision(EventRevisions.CURRENT)
    public record ContractSigned(String contractId, String customerId, String currency, LocalDate signedOn,
                                 LocalDate termStart, LocalDate termEnd, long priceMinor, List<Obligation> obligationsAfter,
                                 SspAllocation.Result allocation, List<SspTerms> sspUsed, List<DiscountTerms> discounts,
                                 Commitment commitment, BillingTerms billing, List<BillingItem> billingPlan,
                                 TerminationRefund refundOnTermination, String memo, String modificationOf,
                                 String policyVersion, long positionAfter, PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry, ChangesSchedule {
    }

    /**
     * A credit pool was funded with the consideration allocated to it: from the pool's first day its liability sits
     * with the pool (DEFERRED_REVENUE_CREDITS), and the wallet's usage, breakage and expiry rules take over.
     *
     * @param requestId the signing or modification that funded it
     */
    @Revision(EventRevisions.CURRENT)
    public record ContractCreditsFunded(String contractId, String customerId, String obligationId, String poolId,
                                        String requestId, LocalDate fundedOn, long amountMinor, String programId,
                                        BigDecimal credits, LocalDate expiresOn, long positionAfter,
                                        PostedEntry journalEntry) implements PostsJournalEntry {
    }

    /**
     * A contract was modified. SEPARATE_CONTRACT: nothing here changes, the added obligations form contract
     * {@code separateContractId}. PROSPECTIVE: recognised through the day before, then what was not yet recognised
     * plus the additional price reallocated over what remains.
     */
    @Revision(EventRevisions.CURRENT)
    public record ContractModified(String contractId, String modificationId, LocalDate effectiveDate,
                                   ModificationTreatment treatment, long additionalPriceMinor, LocalDate termEndAfter,
                                   Map<String, Long> caughtUp, long remainingConsiderationMinor,
                                   SspAllocation.Result reallocation, List<SspTerms> sspUsed,
                                   List<Obligation> obligationsAfter, List<BillingItem> billingAdded,
                                   String separateContractId, String reason, String policyVersion, long positionAfter,
                                   PostedEntry journalEntry, String inputHash) implements PostsJournalEntry, ChangesSchedule {
    }

    /** Revenue of the obligations satisfied over time, caught up through a date; and the expected shortfall. */
    @Revision(EventRevisions.CURRENT)
    public record ContractRevenueRecognized(String contractId, String requestId, LocalDate through,
                                            Map<String, Long> recognized, long shortfallRecognizedMinor,
                                            BigDecimal usageCounted, long positionAfter, PostedEntry journalEntry,
                                            String inputHash) implements PostsJournalEntry {
    }

    /** A point-in-time obligation was delivered and its allocated amount recognised. */
    @Revision(EventRevisions.CURRENT)
    public record ObligationDelivered(String contractId, String obligationId, String requestId, LocalDate deliveredOn,
                                      long amountMinor, List<Obligation> obligationsAfter, long positionAfter,
                                      PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry, ChangesSchedule {
    }

    /** An invoice of the contract: its billing plan, a commitment shortfall, or a final invoice at termination. */
    @Revision(EventRevisions.CURRENT)
    public record ContractInvoiced(String contractId, String invoiceId, LocalDate invoiceDate, LocalDate dueOn,
                                   long amountMinor, int planItemsBilled, Settlement settlement, String purpose,
                                   long positionAfter, PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry {
    }

    @Revision(EventRevisions.CURRENT)
    public record ContractPaymentReceived(String contractId, String paymentId, String invoiceId, LocalDate paidOn,
                                          long amountMinor, PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry {
    }

    /**
     * The committed minimum was settled: spend counted = the greater of billable usage over the term and the
     * consideration of the contract's prepaid credits; shortfall = commitment less that, never negative.
     */
    @Revision(EventRevisions.CURRENT)
    public record CommitmentSettled(String contractId, String requestId, LocalDate effectiveDate, long commitmentMinor,
                                    BigDecimal usageCounted, int usagePostingsCounted, long prepaidCreditsMinor,
                                    long shortfallMinor, long recognizedBeforeMinor, String invoiceId,
                                    long positionAfter, PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry {
    }

    @Revision(EventRevisions.CURRENT)
    public record CommitmentEstimateRevised(String contractId, String requestId, LocalDate effectiveDate,
                                            BigDecimal expectedConsumption, BigDecimal usageCounted,
                                            long shortfallRecognizedMinor, String reason, long positionAfter,
                                            PostedEntry journalEntry, String inputHash) implements PostsJournalEntry {
    }

    /**
     * A contract was terminated: recognised through the date, unbilled amounts due billed, then what was billed and
     * not recognised refunded or released to revenue per the contract, and what was recognised and not billed billed.
     */
    @Revision(EventRevisions.CURRENT)
    public record ContractTerminated(String contractId, String terminationId, LocalDate effectiveDate,
                                     Map<String, Long> caughtUp, long finalInvoiceMinor, long refundMinor,
                                     Map<String, Long> released, CreditsOnTermination credits,
                                     List<String> poolsToExpire, CommitmentOnTermination commitment,
                                     long shortfallMinor, List<Obligation> obligationsAfter, String reason,
                                     long positionAfter, PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry, ChangesSchedule {
    }

    /**
     * A material right's allocated amount left the contract's position for its own liability
     * (MATERIAL_RIGHT_LIABILITY), where it stays until the option is exercised or lapses.
     */
    @Revision(EventRevisions.CURRENT)
    public record MaterialRightFunded(String contractId, String customerId, String obligationId, String requestId,
                                      LocalDate fundedOn, long amountMinor, long positionAfter,
                                      PostedEntry journalEntry) implements PostsJournalEntry {
    }

    /**
     * Units of a material right were exercised: revenue, cumulative, is re-measured (EXERCISE_OR_LAPSE: allocated x
     * exercised / units; PORTFOLIO_REDEMPTION: allocated x min(exercised / expected, 1)) and the difference posted.
     * Where the units exercised pass those expected, the expectation is raised to them first.
     */
    @Revision(EventRevisions.CURRENT)
    public record MaterialRightExercised(String contractId, String obligationId, String requestId,
                                         LocalDate effectiveDate, BigDecimal units, BigDecimal exercisedAfter,
                                         BigDecimal expectedAfter, long revenueMinor, long recognizedAfterMinor,
                                         long liabilityAfterMinor, List<Obligation> obligationsAfter,
                                         PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry, ChangesSchedule {
    }

    /** The units expected to be exercised were revised: a cumulative catch-up, negative when they rose. */
    @Revision(EventRevisions.CURRENT)
    public record MaterialRightEstimateRevised(String contractId, String obligationId, String requestId,
                                               LocalDate effectiveDate, BigDecimal expectedBefore,
                                               BigDecimal expectedAfter, long revenueMinor, long recognizedAfterMinor,
                                               long liabilityAfterMinor, String reason,
                                               List<Obligation> obligationsAfter, PostedEntry journalEntry,
                                               String inputHash) implements PostsJournalEntry, ChangesSchedule {
    }

    /** What remained of a material right lapsed: the rest of its liability is revenue and it is closed. */
    @Revision(EventRevisions.CURRENT)
    public record MaterialRightLapsed(String contractId, String obligationId, String requestId, LocalDate effectiveDate,
                                      BigDecimal unitsLapsed, long revenueMinor, String reason,
                                      List<Obligation> obligationsAfter, PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry, ChangesSchedule {
    }
}
