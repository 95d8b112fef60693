package dev.tokenledger.incentives;

import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Events of a volume discount. Each carries the figures it decided: units to date, the expected volume and the price
 * it gives, what was invoiced, revenue recognised and the refund liability after it.
 */
public final class RebateEvents {

    private RebateEvents() {
    }

    @Revision(EventRevisions.CURRENT)
    public record VolumeDiscountAgreed(String agreementId, String customerId, String currency, LocalDate yearStart,
                                       LocalDate yearEnd, String unit, List<VolumeTier> tiers,
                                       BigDecimal expectedVolume, BigDecimal expectedPrice, String description,
                                       String policyVersion, String inputHash) {
    }

    @Revision(EventRevisions.CURRENT)
    public record VolumeUsageReported(String agreementId, String usageId, LocalDate usageThrough, BigDecimal units,
                                      BigDecimal unitsToDate, BigDecimal billedPrice, long invoicedMinor,
                                      BigDecimal expectedVolume, BigDecimal expectedPrice, long revenueMinor,
                                      long revenueToDateMinor, long refundLiabilityAfterMinor, PostedEntry journalEntry,
                                      String inputHash) implements PostsJournalEntry {
    }

    @Revision(EventRevisions.CURRENT)
    public record ExpectedVolumeRevised(String agreementId, String requestId, LocalDate effectiveDate,
                                        BigDecimal expectedBefore, BigDecimal expectedAfter, BigDecimal expectedPrice,
                                        long revenueMinor, long revenueToDateMinor, long refundLiabilityAfterMinor,
                                        String reason, PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry {
    }

    /** The year settled: revenue trued up to units x the price reached, and the rebate credited to the customer. */
    @Revision(EventRevisions.CURRENT)
    public record VolumeYearSettled(String agreementId, String requestId, LocalDate effectiveDate, BigDecimal units,
                                    BigDecimal finalPrice, long revenueMinor, long revenueForYearMinor,
                                    long invoicedForYearMinor, long rebateMinor, PostedEntry journalEntry,
                                    String inputHash) implements PostsJournalEntry {
    }

    @Revision(EventRevisions.CURRENT)
    public record VolumePaymentReceived(String agreementId, String paymentId, LocalDate paidOn, long amountMinor,
                                        PostedEntry journalEntry, String inputHash) implements PostsJournalEntry {
    }
}
