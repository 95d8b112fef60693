package dev.tokenledger.costs;

import dev.tokenledger.kernel.ClientRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Commands on compute and infrastructure costs. Each id is the client's idempotency key. */
public final class Commands {

    private Commands() {
    }

    /** A vendor's invoice for compute already accrued from usage: ACCRUED_COMPUTE to ACCOUNTS_PAYABLE. */
    public record RecordVendorInvoice(String invoiceId, String vendor, LocalDate effectiveDate, BigDecimal amount,
                                      String currency, String memo) implements ClientRequest {
        @Override
        public String clientRequestId() {
            return invoiceId;
        }

        @Override
        public String targetField() {
            return "invoiceId";
        }

        @TargetAggregateIdentifier
        public String costId() {
            return CostPosting.aggregateId(invoiceId);
        }
    }

    /** A unit of usage the month's infrastructure cost is shared by: tokens of one model for one customer. */
    public record UsageShare(String customerId, String model, long tokens) {
    }

    /**
     * A month's fixed infrastructure cost (reserved GPUs, hosting), billed by a vendor and allocated to customers and
     * models by their share of the month's tokens, for fully loaded margin: COGS_INFRASTRUCTURE to ACCOUNTS_PAYABLE.
     */
    public record AllocateInfrastructureCost(String allocationId, String vendor, String period, BigDecimal amount,
                                             String currency, List<UsageShare> basis) implements ClientRequest {
        @Override
        public String clientRequestId() {
            return allocationId;
        }

        @Override
        public String targetField() {
            return "allocationId";
        }

        @TargetAggregateIdentifier
        public String costId() {
            return CostPosting.aggregateId(allocationId);
        }
    }
}
