package dev.tokenledger.licensing;

import dev.tokenledger.kernel.ClientRequest;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Commands of a licence of IP with royalties (README "Licences and royalties"). Each id is an idempotency key. */
public final class LicenceCommands {

    private LicenceCommands() {
    }

    /** A command to an existing licence: refused UNKNOWN_LICENCE when there is none. */
    public interface LicenceCommand extends ClientRequest {

        String licenceId();

        @TargetAggregateIdentifier
        default String aggregateId() {
            return LicenceIds.aggregateId(licenceId());
        }

        @Override
        default LedgerRejection whenTargetMissing() {
            return LedgerRejection.of(RejectionCode.UNKNOWN_LICENCE, "licenceId", "no licence " + licenceId());
        }

        @Override
        default String targetField() {
            return "licenceId";
        }
    }

    /**
     * Grant a licence: the fixed fee is invoiced on signing and held as a contract liability until control passes.
     *
     * @param contractType       FUNCTIONAL_IP_LICENCE; SERVICE_ACCESS is refused (not a licence)
     * @param licenceStart       the first day the customer can use the licence (no revenue before it, 606-10-55-58(c))
     * @param licenceEnd         its last day (the minimum guarantee is settled on or after it)
     * @param fixedFee           fixed consideration invoiced on signing (optional)
     * @param minimumGuarantee   royalties guaranteed over the term: fixed consideration, recognised on transfer
     * @param royaltyRate        the share of the licensee's sales or usage owed as royalty, (0, 1]
     * @param licencePredominant whether the licence is the sole or predominant item the royalty relates to (required
     *                           with royalty terms: the royalty exception applies only then, 606-10-55-65A)
     */
    public record GrantLicence(String licenceId, String customerId, String currency, ContractType contractType,
                               LocalDate signedOn, LocalDate licenceStart, LocalDate licenceEnd, BigDecimal fixedFee,
                               BigDecimal minimumGuarantee, BigDecimal royaltyRate, Boolean licencePredominant,
                               String description) implements ClientRequest {
        @Override
        public String clientRequestId() {
            return licenceId;
        }

        @Override
        public String targetField() {
            return "licenceId";
        }

        @TargetAggregateIdentifier
        public String aggregateId() {
            return LicenceIds.aggregateId(licenceId);
        }
    }

    /** Control of the licence passed to the customer (the model delivered, the key issued) on {@code transferredOn}. */
    public record TransferLicence(String licenceId, String requestId, LocalDate transferredOn) implements LicenceCommand {
        @Override
        public String clientRequestId() {
            return requestId;
        }
    }

    /**
     * The licensee's report of its sales or usage through {@code usageThrough}: the royalty on it is owed (and
     * invoiced) now, and is revenue at the later of that usage and the transfer of the licence (606-10-55-65).
     *
     * @param salesOrUsage the base the royalty rate applies to, in the licence's currency
     */
    public record ReportRoyalties(String licenceId, String reportId, LocalDate usageThrough, BigDecimal salesOrUsage)
            implements LicenceCommand {
        @Override
        public String clientRequestId() {
            return reportId;
        }
    }

    /** At (or after) the end of the licence term, invoice what the royalties left of the minimum guarantee. */
    public record SettleMinimumGuarantee(String licenceId, String requestId, LocalDate effectiveDate)
            implements LicenceCommand {
        @Override
        public String clientRequestId() {
            return requestId;
        }
    }

    /** A payment from the licensee (the whole open receivable when no amount is given). */
    public record RecordLicencePayment(String licenceId, String paymentId, LocalDate paidOn, BigDecimal amount)
            implements LicenceCommand {
        @Override
        public String clientRequestId() {
            return paymentId;
        }
    }
}
