package dev.tokenledger.incentives;

import dev.tokenledger.kernel.ClientRequest;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Commands of a retrospective volume discount over a contract year (README "Volume discounts"). */
public final class RebateCommands {

    private RebateCommands() {
    }

    /** A command to an existing agreement: refused UNKNOWN_VOLUME_AGREEMENT when there is none. */
    public interface RebateCommand extends ClientRequest {

        String agreementId();

        @TargetAggregateIdentifier
        default String aggregateId() {
            return VolumeRebate.aggregateId(agreementId());
        }

        @Override
        default LedgerRejection whenTargetMissing() {
            return LedgerRejection.of(RejectionCode.UNKNOWN_VOLUME_AGREEMENT, "agreementId", "no volume agreement " + agreementId());
        }

        @Override
        default String targetField() {
            return "agreementId";
        }
    }

    /**
     * Agree a retrospective volume discount for a contract year: usage is invoiced as it is reported at the price of
     * the tier the year's volume has reached; revenue is recognised at the price of the tier the year is expected to
     * reach, and the difference is a refund liability (ASC 606-10-32-5 to 32-14, 55-27 to 55-29).
     *
     * @param unit           what is counted (a unit name, e.g. million_tokens)
     * @param tiers          from 0 units up, prices never rising
     * @param expectedVolume the units the year is expected to reach: the constrained estimate
     */
    public record AgreeVolumeDiscount(String agreementId, String customerId, String currency, LocalDate yearStart,
                                      LocalDate yearEnd, String unit, List<VolumeTier> tiers,
                                      BigDecimal expectedVolume, String description) implements ClientRequest {
        @Override
        public String clientRequestId() {
            return agreementId;
        }

        @Override
        public String targetField() {
            return "agreementId";
        }

        @TargetAggregateIdentifier
        public String aggregateId() {
            return VolumeRebate.aggregateId(agreementId);
        }
    }

    /** Units consumed through a date of the year, invoiced now. */
    public record ReportVolumeUsage(String agreementId, String usageId, LocalDate usageThrough, BigDecimal units)
            implements RebateCommand {
        @Override
        public String clientRequestId() {
            return usageId;
        }
    }

    /** Revise the units the year is expected to reach: revenue to date is caught up at the new expected price. */
    public record ReviseExpectedVolume(String agreementId, String requestId, LocalDate effectiveDate,
                                       BigDecimal expectedVolume, String reason) implements RebateCommand {
        @Override
        public String clientRequestId() {
            return requestId;
        }
    }

    /** At (or after) the end of the year: revenue trued up to the price the year reached, the rebate credited. */
    public record SettleVolumeYear(String agreementId, String requestId, LocalDate effectiveDate)
            implements RebateCommand {

        public SettleVolumeYear withDate(LocalDate date) {
            return new SettleVolumeYear(agreementId, requestId, date);
        }

        @Override
        public String clientRequestId() {
            return requestId;
        }
    }

    /** A payment of what was invoiced (the whole open receivable when no amount is given). */
    public record RecordVolumePayment(String agreementId, String paymentId, LocalDate paidOn, BigDecimal amount)
            implements RebateCommand {
        @Override
        public String clientRequestId() {
            return paymentId;
        }
    }
}
