package dev.tokenledger.credits;

import dev.tokenledger.kernel.ClientRequest;
import dev.tokenledger.kernel.WalletIds;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Commands on a customer's wallet. Every one carries a client-chosen request id (its idempotency key). */
public final class Commands {

    private Commands() {
    }

    /** A command addressed to a customer's wallet; the wallet must exist unless the command creates it. */
    public interface WalletCommand extends ClientRequest {

        String customerId();

        @Override
        default String targetField() {
            return "customerId";
        }

        @Override
        default LedgerRejection whenTargetMissing() {
            return LedgerRejection.of(RejectionCode.UNKNOWN_CUSTOMER, "customerId", "customer " + customerId()
                    + " has no wallet (no credits purchased or granted yet)");
        }
    }

    /**
     * Buy credits: one pool with P = {@code price}, N = {@code credits} + {@code bonusCredits}.
     * {@code expiresOn} overrides the program's expiry rule (imports of history); null applies the rule.
     */
    public record PurchaseCredits(String customerId, String purchaseId, String programId, LocalDate effectiveDate,
                                  BigDecimal price, String currency, BigDecimal credits, BigDecimal bonusCredits,
                                  Settlement settlement, LocalDate expiresOn) implements WalletCommand {
        @Override
        public String clientRequestId() {
            return purchaseId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    /**
     * Fund a pool with the consideration a contract allocated to it (README "Contracts"): P = {@code priceMinor}, as
     * decided by the contract's allocation, N = {@code credits}. The contract's own event posts the entry (its
     * position to the pool's liability); the wallet only opens the pool, whose usage, breakage and expiry then run as
     * for any purchase. Sent by the ledger when a contract is signed or modified, never by clients.
     */
    public record FundContractCredits(String customerId, String poolId, String contractId, String obligationId,
                                      String programId, LocalDate effectiveDate, long priceMinor, String currency,
                                      BigDecimal credits, LocalDate expiresOn) implements WalletCommand {
        @Override
        public String clientRequestId() {
            return poolId;
        }

        @Override
        public LedgerRejection whenTargetMissing() {
            return null;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    /** Grant promotional credits: a pool with P = 0, drawn like any other, posting no revenue. */
    public record GrantPromotionalCredits(String customerId, String grantId, String programId, LocalDate effectiveDate,
                                          BigDecimal credits, LocalDate expiresOn) implements WalletCommand {
        @Override
        public String clientRequestId() {
            return grantId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    /**
     * Consume {@code credits}, or credits worth {@code value} (exact, possibly sub-cent) at the program's value per
     * credit. Drawn from pools by earliest expiry, then earliest purchase; what no pool covers is overage.
     */
    public record DrawUsage(String customerId, String drawId, LocalDate effectiveDate, Instant occurredAt,
                            BigDecimal credits, BigDecimal value, String usageReference, String poolId)
            implements WalletCommand {

        /** A draw from the pools in the default order (earliest expiry, then earliest purchase). */
        public DrawUsage(String customerId, String drawId, LocalDate effectiveDate, Instant occurredAt,
                         BigDecimal credits, BigDecimal value, String usageReference) {
            this(customerId, drawId, effectiveDate, occurredAt, credits, value, usageReference, null);
        }

        @Override
        public String clientRequestId() {
            return drawId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    /** Revise E, the credits a PROPORTIONAL pool is expected ever to redeem; applied by catch-up. */
    public record ReviseBreakageEstimate(String customerId, String poolId, String revisionId, LocalDate effectiveDate,
                                         BigDecimal expectedRedeemedCredits) implements WalletCommand {
        @Override
        public String clientRequestId() {
            return revisionId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    /** Expire a pool on {@code effectiveDate}: the remaining liability, less escheat, becomes breakage. */
    public record ExpireCreditPool(String customerId, String poolId, String requestId, LocalDate effectiveDate) implements WalletCommand {
        @Override
        public String clientRequestId() {
            return requestId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    /**
     * End a contract's credits when the contract is terminated: the pool expires on the date (breakage under its
     * program's policy), unless it already has. Sent by the ledger, never by clients.
     */
    public record ExpireContractCredits(String customerId, String poolId, String requestId, LocalDate effectiveDate)
            implements WalletCommand {
        @Override
        public String clientRequestId() {
            return requestId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    /** Refund {@code amount} of a paid pool's unused value, where the program allows refunds. */
    public record RefundCredits(String customerId, String refundId, String poolId, LocalDate effectiveDate,
                                BigDecimal amount, RefundPayout payout) implements WalletCommand {
        @Override
        public String clientRequestId() {
            return refundId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    /**
     * Reserve credits (or credits worth {@code value}) before serving a request, against the pools usable on
     * {@code today} (the date of {@code placedAt} in the reporting time zone); expires by itself
     * {@code ttlSeconds} after {@code placedAt}. Holds post nothing to the general ledger.
     */
    public record PlaceHold(String customerId, String holdId, Instant placedAt, LocalDate today, BigDecimal credits,
                            BigDecimal value, Long ttlSeconds) implements WalletCommand {
        @Override
        public String clientRequestId() {
            return holdId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    public record ReleaseHold(String customerId, String holdId) implements WalletCommand {
        @Override
        public String clientRequestId() {
            return holdId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    /** Close a hold and draw the usage actually consumed (which may differ from the amount held). */
    public record CaptureHold(String customerId, String holdId, String drawId, LocalDate effectiveDate,
                              Instant occurredAt, BigDecimal credits, BigDecimal value, String usageReference) implements WalletCommand {
        @Override
        public String clientRequestId() {
            return drawId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    /** Invoice overage billed in arrears: {@code amount} of what is unbilled, or all of it when null. */
    public record InvoiceOverage(String customerId, String invoiceId, LocalDate effectiveDate, BigDecimal amount) implements WalletCommand {
        @Override
        public String clientRequestId() {
            return invoiceId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    /** Record a payment against an invoice: an overage invoice, or an invoiced purchase (its purchase id). */
    public record RecordPayment(String customerId, String paymentId, String invoiceId, LocalDate effectiveDate,
                                BigDecimal amount) implements WalletCommand {
        @Override
        public String clientRequestId() {
            return paymentId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    /** Apply the program's dormancy rule to a pool with no usage for its dormancy period (REMOTE pools). */
    public record DeclareDormancy(String customerId, String poolId, String requestId, LocalDate effectiveDate) implements WalletCommand {
        @Override
        public String clientRequestId() {
            return requestId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    /**
     * A pool's unused credits became reportable as unclaimed property in {@code jurisdiction} on {@code effectiveDate}
     * (at or after expiry, or before it where the state's dormancy rule says so): the pool closes, what its terms
     * expect to escheat moves to UNCLAIMED_PROPERTY_LIABILITY and the rest is breakage, as at expiry; a pool already
     * expired only gets its jurisdiction and due date (README "Unclaimed property").
     *
     * @param dueOn when the report and remittance are due to the state
     */
    public record ReportUnclaimedProperty(String customerId, String poolId, String reportId, LocalDate effectiveDate,
                                          String jurisdiction, LocalDate dueOn) implements WalletCommand {

        public ReportUnclaimedProperty withDate(LocalDate date) {
            return new ReportUnclaimedProperty(customerId, poolId, reportId, date, jurisdiction, dueOn.isBefore(date) ? date : dueOn);
        }

        @Override
        public String clientRequestId() {
            return reportId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }

    /** Unclaimed property of a pool paid to the state it was reported to (the whole amount owed when none is given). */
    public record RemitUnclaimedProperty(String customerId, String poolId, String remittanceId, LocalDate remittedOn,
                                         BigDecimal amount) implements WalletCommand {
        @Override
        public String clientRequestId() {
            return remittanceId;
        }

        @TargetAggregateIdentifier
        public String walletId() {
            return WalletIds.aggregateId(customerId);
        }
    }
}
