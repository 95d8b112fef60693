package dev.tokenledger.contracts;

import dev.tokenledger.credits.Settlement;
import dev.tokenledger.kernel.ClientRequest;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Commands of a contract with several performance obligations (README "Contracts"). */
public final class ContractCommands {

    private ContractCommands() {
    }

    /** A command to an existing contract: refused UNKNOWN_CONTRACT when there is none. */
    public interface ContractCommand extends ClientRequest {

        String contractId();

        @TargetAggregateIdentifier
        default String aggregateId() {
            return ContractIds.aggregateId(contractId());
        }

        @Override
        default LedgerRejection whenTargetMissing() {
            return LedgerRejection.of(RejectionCode.UNKNOWN_CONTRACT, "contractId", "no contract " + contractId());
        }

        @Override
        default String targetField() {
            return "contractId";
        }
    }

    /**
     * One performance obligation as the contract states it.
     *
     * @param quantity    units of its SSP (months of access, credits, days of services ...); for a credit pool, the
     *                    credits unless given
     * @param pattern     how it is satisfied (default: the kind's usual pattern)
     * @param basis       for RATABLE obligations, DAILY (default) or MONTHLY
     * @param start       for RATABLE obligations, the first day of its period (default: the term's)
     * @param end         and the last (default: the term's)
     * @param expectedOn  for ON_DELIVERY obligations, when delivery is expected (for the waterfall)
     * @param programId   for a CREDIT_POOL, the credit program whose terms (value per credit, expiry, breakage) apply
     * @param credits     for a CREDIT_POOL, the credits granted (bonus included)
     * @param expiresOn   for a CREDIT_POOL, an expiry date instead of the program's rule
     * @param poolId      for a CREDIT_POOL, the wallet pool's id (default "{contractId}-{obligationId}")
     * @param exerciseLikelihood for a MATERIAL_RIGHT, the likelihood (0..1] that the option is exercised: its SSP is
     *                    the SSP entry's discount per unit x quantity x this (ASC 606-10-55-44); {@code expiresOn} is
     *                    then when the option lapses (none: it lapses when the ledger is told)
     */
    public record ObligationTerms(String obligationId, ObligationKind kind, String description, String sspId,
                                  BigDecimal quantity, RecognitionPattern pattern, RecognitionBasis basis,
                                  LocalDate start, LocalDate end, LocalDate expectedOn, String programId,
                                  BigDecimal credits, LocalDate expiresOn, String poolId, BigDecimal exerciseLikelihood) {

        /** Terms of an obligation that is not a material right. */
        public ObligationTerms(String obligationId, ObligationKind kind, String description, String sspId,
                               BigDecimal quantity, RecognitionPattern pattern, RecognitionBasis basis,
                               LocalDate start, LocalDate end, LocalDate expectedOn, String programId,
                               BigDecimal credits, LocalDate expiresOn, String poolId) {
            this(obligationId, kind, description, sspId, quantity, pattern, basis, start, end, expectedOn, programId,
                    credits, expiresOn, poolId, null);
        }
    }

    /** A discount that observably belongs to the obligations it names (ASC 606-10-32-37), with the evidence. */
    public record DiscountTerms(String discountId, BigDecimal amount, List<String> appliesTo, String evidence) {
    }

    /**
     * A committed minimum spend over the term (take-or-pay).
     *
     * @param expectedConsumption for PROPORTIONAL_EXPECTED_SHORTFALL, the billable usage expected over the term
     */
    public record CommitmentTerms(BigDecimal amount, CommitmentPolicy policy, BigDecimal expectedConsumption) {
    }

    /**
     * @param schedule         when the fixed price is billed
     * @param settlement       INVOICED (a receivable, paid later) or CASH (paid when billed)
     * @param paymentTermsDays days from invoice to due date (default 30)
     */
    public record BillingTerms(BillingSchedule schedule, Settlement settlement, Integer paymentTermsDays) {
    }

    /**
     * Sign a contract: allocate its fixed price by relative SSP and fund its credit pools.
     *
     * @param modificationOf set by the ledger when this contract is a modification of another at SSP (25-12)
     */
    public record SignContract(String contractId, String customerId, String currency, LocalDate signedOn,
                               LocalDate termStart, LocalDate termEnd, BigDecimal transactionPrice,
                               List<ObligationTerms> obligations, List<DiscountTerms> discounts,
                               CommitmentTerms commitment, BillingTerms billing,
                               TerminationRefund refundOnTermination, String memo, String modificationOf)
            implements ClientRequest {

        @Override
        public String clientRequestId() {
            return contractId;
        }

        @Override
        public String targetField() {
            return "contractId";
        }

        @TargetAggregateIdentifier
        public String aggregateId() {
            return ContractIds.aggregateId(contractId);
        }
    }

    /**
     * Modify a contract from {@code effectiveDate}: add obligations for an additional price, extend the term, or both.
     * The ledger decides the treatment (ASC 606-10-25-12 and 25-13).
     */
    public record ModifyContract(String contractId, String modificationId, LocalDate effectiveDate,
                                 BigDecimal additionalPrice, List<ObligationTerms> addObligations,
                                 LocalDate newTermEnd, String reason) implements ContractCommand {
        @Override
        public String clientRequestId() {
            return modificationId;
        }
    }

    /** What happens to the credits the contract funded when it is terminated. */
    public enum CreditsOnTermination {
        /** The customer keeps them until they expire. */
        KEEP,
        /** They expire on the termination date (breakage under the program's policy). */
        EXPIRE
    }

    /** What happens to a committed minimum spend when the contract is terminated. */
    public enum CommitmentOnTermination {
        /** Waived: nothing more is billed; shortfall recognised so far under the proportional policy is reversed. */
        WAIVE,
        /** Settled now, as if the term ended: the shortfall against the full commitment is recognised and billed. */
        SETTLE
    }

    /** Terminate a contract early (ASC 606-10-25-13(a) with nothing added: the remaining obligations end). */
    public record TerminateContract(String contractId, String terminationId, LocalDate effectiveDate,
                                    CreditsOnTermination credits, CommitmentOnTermination commitment,
                                    String reason) implements ContractCommand {
        @Override
        public String clientRequestId() {
            return terminationId;
        }
    }

    /** Recognise what the obligations satisfied over time have earned through a date, by cumulative catch-up. */
    public record RecognizeContractRevenue(String contractId, String requestId, LocalDate through)
            implements ContractCommand {
        @Override
        public String clientRequestId() {
            return requestId;
        }
    }

    /** An obligation satisfied at a point in time was delivered: its allocated amount is recognised. */
    public record DeliverObligation(String contractId, String obligationId, String requestId, LocalDate deliveredOn)
            implements ContractCommand {
        @Override
        public String clientRequestId() {
            return requestId;
        }
    }

    /** Bill what the billing plan has due on or before {@code invoiceDate} and not yet billed. */
    public record InvoiceContract(String contractId, String invoiceId, LocalDate invoiceDate)
            implements ContractCommand {
        @Override
        public String clientRequestId() {
            return invoiceId;
        }
    }

    /** A payment of one of the contract's invoices. */
    public record RecordContractPayment(String contractId, String paymentId, String invoiceId, LocalDate paidOn,
                                        BigDecimal amount) implements ContractCommand {
        @Override
        public String clientRequestId() {
            return paymentId;
        }
    }

    /** Settle the committed minimum at (or after) the end of the term: recognise and invoice any shortfall. */
    public record SettleCommitment(String contractId, String requestId, LocalDate effectiveDate)
            implements ContractCommand {
        @Override
        public String clientRequestId() {
            return requestId;
        }
    }

    /** Revise the usage expected over the term (PROPORTIONAL_EXPECTED_SHORTFALL): a cumulative catch-up. */
    public record ReviseCommitmentEstimate(String contractId, String requestId, LocalDate effectiveDate,
                                           BigDecimal expectedConsumption, String reason) implements ContractCommand {
        @Override
        public String clientRequestId() {
            return requestId;
        }
    }

    /** Units of a material right were exercised (a voucher used, points or bonus credits redeemed). */
    public record ExerciseMaterialRight(String contractId, String obligationId, String requestId,
                                        LocalDate effectiveDate, BigDecimal units) implements ContractCommand {
        @Override
        public String clientRequestId() {
            return requestId;
        }
    }

    /** Revise the units of a PORTFOLIO_REDEMPTION material right expected to be exercised: a cumulative catch-up. */
    public record ReviseMaterialRightEstimate(String contractId, String obligationId, String requestId,
                                              LocalDate effectiveDate, BigDecimal expectedUnits, String reason)
            implements ContractCommand {
        @Override
        public String clientRequestId() {
            return requestId;
        }
    }

    /** What remains of a material right lapsed (it expired, or the customer forfeited it): its liability is revenue. */
    public record LapseMaterialRight(String contractId, String obligationId, String requestId, LocalDate effectiveDate,
                                     String reason) implements ContractCommand {
        @Override
        public String clientRequestId() {
            return requestId;
        }
    }
}
