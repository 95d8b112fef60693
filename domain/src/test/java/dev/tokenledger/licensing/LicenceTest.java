package dev.tokenledger.licensing;

import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.licensing.LicenceCommands.GrantLicence;
import dev.tokenledger.licensing.LicenceCommands.RecordLicencePayment;
import dev.tokenledger.licensing.LicenceCommands.ReportRoyalties;
import dev.tokenledger.licensing.LicenceCommands.SettleMinimumGuarantee;
import dev.tokenledger.licensing.LicenceCommands.TransferLicence;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.testing.Fixtures;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A licence of a model's weights with a usage-based royalty and a minimum guarantee, worked by hand (ASC 606-10-55-58,
 * 55-65 to 55-65B; README "Licences and royalties"). Accounts: 1100 receivables, 1160 contract assets, 2330 contract
 * liability for licences, 4700 licence revenue, 4710 royalty revenue.
 */
class LicenceTest {

    FixtureConfiguration<Licence> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Licence.class);
        fixture.registerInjectableResource(ChartLoader.defaultChart());
        fixture.registerInjectableResource((PeriodCalendar) period -> false);
    }

    static GrantLicence grant(String fee, String guarantee, String rate, Boolean predominant, ContractType type) {
        return new GrantLicence("weights-1", "initech", "USD", type, LocalDate.of(2026, 1, 10), LocalDate.of(2026, 2, 1),
                LocalDate.of(2026, 12, 31), fee == null ? null : new BigDecimal(fee),
                guarantee == null ? null : new BigDecimal(guarantee), rate == null ? null : new BigDecimal(rate),
                predominant, "Licence of model weights, on-premises");
    }

    static GrantLicence weights() {
        return grant("100000.00", "50000.00", "0.05", true, ContractType.FUNCTIONAL_IP_LICENCE);
    }

    static ReportRoyalties report(String id, LocalDate through, String sales) {
        return new ReportRoyalties("weights-1", id, through, new BigDecimal(sales));
    }

    static final ReportRoyalties EARLY = report("feb-early", LocalDate.of(2026, 2, 10), "200000");
    static final TransferLicence TRANSFER = new TransferLicence("weights-1", "delivered", LocalDate.of(2026, 2, 15));
    static final ReportRoyalties Q1 = report("q1", LocalDate.of(2026, 3, 31), "700000");
    static final ReportRoyalties Q2 = report("q2", LocalDate.of(2026, 6, 30), "300000");

    @Test
    void aRoyaltyWithAMinimumGuarantee() {
        // the fixed fee is invoiced on signing and waits in the contract liability for the transfer
        assertThat(Fixtures.postings(fixture.givenNoPriorActivity().when(weights())))
                .containsExactly("DR 1100 100000.00", "CR 2330 100000.00");
        // 5% of 200,000 reported before the transfer: billed against the guarantee, still a liability
        assertThat(Fixtures.postings(fixture.givenCommands(weights()).when(EARLY)))
                .containsExactly("DR 1100 10000.00", "CR 2330 10000.00");
        // control passes: fee 100,000 + guarantee 50,000 are licence revenue; 40,000 of the guarantee is not billed yet
        assertThat(Fixtures.postings(fixture.givenCommands(weights(), EARLY).when(TRANSFER)))
                .containsExactly("DR 2330 110000.00", "CR 4700 110000.00", "DR 1160 40000.00", "CR 4700 40000.00");
        // Q1: 900,000 x 5% = 45,000 cumulative, 35,000 more, all within the guarantee: billed against the asset
        assertThat(Fixtures.postings(fixture.givenCommands(weights(), EARLY, TRANSFER).when(Q1)))
                .containsExactly("DR 1100 35000.00", "CR 1160 35000.00");
        // Q2: 1,200,000 x 5% = 60,000: 5,000 completes the guarantee, the 10,000 beyond it is royalty revenue
        assertThat(Fixtures.postings(fixture.givenCommands(weights(), EARLY, TRANSFER, Q1).when(Q2)))
                .containsExactly("DR 1100 5000.00", "CR 1160 5000.00", "DR 1100 10000.00", "CR 4710 10000.00");
        // at the end of the term nothing is left of the guarantee to bill
        assertThat(Fixtures.postings(fixture.givenCommands(weights(), EARLY, TRANSFER, Q1, Q2)
                .when(new SettleMinimumGuarantee("weights-1", "settle", LocalDate.of(2026, 12, 31))))).isEmpty();
    }

    @Test
    void aShortfallOfTheGuaranteeIsBilledWhenTheTermEnds() {
        ReportRoyalties small = report("q1", LocalDate.of(2026, 3, 31), "600000");
        fixture.givenCommands(weights(), TRANSFER, small)
                .when(new SettleMinimumGuarantee("weights-1", "settle", LocalDate.of(2026, 12, 30)))
                .expectException(Fixtures.rejected(RejectionCode.LICENCE_TERM_NOT_ENDED, "effectiveDate", "2026-12-31"));
        // royalties 30,000 of the 50,000 guaranteed: the 20,000 shortfall clears the contract asset
        SettleMinimumGuarantee settle = new SettleMinimumGuarantee("weights-1", "settle", LocalDate.of(2026, 12, 31));
        assertThat(Fixtures.postings(fixture.givenCommands(weights(), TRANSFER, small).when(settle)))
                .containsExactly("DR 1100 20000.00", "CR 1160 20000.00");
        // a late report for the term, within the guarantee already billed, bills nothing more; beyond it, it does
        assertThat(Fixtures.postings(fixture.givenCommands(weights(), TRANSFER, small, settle)
                .when(report("late", LocalDate.of(2026, 12, 31), "500000"))))
                .containsExactly("DR 1100 5000.00", "CR 4710 5000.00");
        fixture.givenCommands(weights(), TRANSFER, small, settle).when(new SettleMinimumGuarantee("weights-1", "again",
                        LocalDate.of(2027, 1, 5)))
                .expectException(Fixtures.rejected(RejectionCode.GUARANTEE_ALREADY_SETTLED, "requestId", "settled"));
        // paid in full: cash against the receivable (fee 100,000 + royalties 30,000 + shortfall 20,000)
        assertThat(Fixtures.postings(fixture.givenCommands(weights(), TRANSFER, small, settle)
                .when(new RecordLicencePayment("weights-1", "pay", LocalDate.of(2027, 1, 31), null))))
                .containsExactly("DR 1000 150000.00", "CR 1100 150000.00");
    }

    @Test
    void royaltiesReportedBeforeTheTransferAreRevenueAtTheTransfer() {
        GrantLicence royaltyOnly = grant(null, null, "0.05", true, ContractType.FUNCTIONAL_IP_LICENCE);
        assertThat(Fixtures.postings(fixture.givenCommands(royaltyOnly).when(EARLY)))
                .containsExactly("DR 1100 10000.00", "CR 2330 10000.00");
        // the later of the usage (10 February) and the satisfaction of the obligation (15 February)
        assertThat(Fixtures.postings(fixture.givenCommands(royaltyOnly, EARLY).when(TRANSFER)))
                .containsExactly("DR 2330 10000.00", "CR 4710 10000.00");
        fixture.givenCommands(royaltyOnly).when(new TransferLicence("weights-1", "early", LocalDate.of(2026, 1, 31)))
                .expectException(Fixtures.rejected(RejectionCode.LICENCE_NOT_YET_USABLE, "transferredOn", "2026-02-01"));
    }

    @Test
    void theRoyaltyExceptionIsRefusedWhereItDoesNotApply() {
        fixture.givenNoPriorActivity().when(grant("1000.00", null, "0.05", false, ContractType.FUNCTIONAL_IP_LICENCE))
                .expectException(Fixtures.rejected(RejectionCode.ROYALTY_EXCEPTION_NOT_APPLICABLE, "licencePredominant",
                        "not the predominant item"));
        fixture.givenNoPriorActivity().when(grant("1000.00", null, "0.05", null, ContractType.FUNCTIONAL_IP_LICENCE))
                .expectException(Fixtures.rejected(RejectionCode.ROYALTY_EXCEPTION_NOT_APPLICABLE, "licencePredominant",
                        "sole or predominant"));
        fixture.givenNoPriorActivity().when(grant("1000.00", null, "0.05", true, ContractType.SERVICE_ACCESS))
                .expectException(Fixtures.rejected(RejectionCode.NOT_A_LICENCE, "contractType", "service access"));
        // a licence without royalties needs no predominance judgement
        assertThat(Fixtures.postings(fixture.givenNoPriorActivity().when(grant("1000.00", null, null, null,
                ContractType.FUNCTIONAL_IP_LICENCE)))).containsExactly("DR 1100 1000.00", "CR 2330 1000.00");
    }
}
