package dev.tokenledger.incentives;

import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.incentives.RebateCommands.AgreeVolumeDiscount;
import dev.tokenledger.incentives.RebateCommands.ReportVolumeUsage;
import dev.tokenledger.incentives.RebateCommands.ReviseExpectedVolume;
import dev.tokenledger.incentives.RebateCommands.SettleVolumeYear;
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
 * A retrospective volume discount whose expected tier changes mid-year, worked by hand (ASC 606-10-32-5 to 32-14 and
 * 55-27 to 55-29; README "Volume discounts"). Every unit of 2026 costs $10, $9 once the year reaches 1,000 units,
 * $8 once it reaches 2,000. Accounts: 1100 receivables, 2400 refund liability, 4000 usage revenue.
 */
class VolumeRebateTest {

    FixtureConfiguration<VolumeRebate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VolumeRebate.class);
        fixture.registerInjectableResource(ChartLoader.defaultChart());
        fixture.registerInjectableResource((PeriodCalendar) period -> false);
    }

    static final List<VolumeTier> TIERS = List.of(new VolumeTier(BigDecimal.ZERO, new BigDecimal("10")),
            new VolumeTier(new BigDecimal("1000"), new BigDecimal("9")), new VolumeTier(new BigDecimal("2000"), new BigDecimal("8")));

    static AgreeVolumeDiscount agree(String expected) {
        return new AgreeVolumeDiscount("acme-2026", "acme", "USD", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
                "million_tokens", TIERS, new BigDecimal(expected), "Enterprise volume deal");
    }

    static ReportVolumeUsage usage(String id, LocalDate through, String units) {
        return new ReportVolumeUsage("acme-2026", id, through, new BigDecimal(units));
    }

    static final ReportVolumeUsage Q1 = usage("q1", LocalDate.of(2026, 3, 31), "400");
    static final ReportVolumeUsage Q2 = usage("q2", LocalDate.of(2026, 6, 30), "500");
    static final ReviseExpectedVolume REVISE = new ReviseExpectedVolume("acme-2026", "h2-outlook", LocalDate.of(2026, 7, 1),
            new BigDecimal("2200"), "two new workloads signed in June");
    static final ReportVolumeUsage Q3 = usage("q3", LocalDate.of(2026, 9, 30), "700");
    static final ReportVolumeUsage Q4 = usage("q4", LocalDate.of(2026, 12, 31), "500");
    static final SettleVolumeYear SETTLE = new SettleVolumeYear("acme-2026", "settle", LocalDate.of(2026, 12, 31));

    @Test
    void aRetrospectiveDiscountWhoseExpectedTierChangesMidYear() {
        // expected 1,500 units: revenue at $9. Q1 400 units invoiced at $10 (the year is below 1,000): 4,000;
        // revenue 400 x 9 = 3,600; 400 is a refund liability
        assertThat(Fixtures.postings(fixture.givenCommands(agree("1500")).when(Q1)))
                .containsExactly("DR 1100 3600.00", "CR 4000 3600.00", "DR 1100 400.00", "CR 2400 400.00");
        // Q2 500 more (900): invoiced 5,000; revenue to date 900 x 9 = 8,100, 4,500 more; liability 900
        assertThat(Fixtures.postings(fixture.givenCommands(agree("1500"), Q1).when(Q2)))
                .containsExactly("DR 1100 4500.00", "CR 4000 4500.00", "DR 1100 500.00", "CR 2400 500.00");
        // the outlook rises to 2,200 units ($8): revenue to date 900 x 8 = 7,200, a catch-up of -900
        assertThat(Fixtures.postings(fixture.givenCommands(agree("1500"), Q1, Q2).when(REVISE)))
                .containsExactly("DR 4000 900.00", "CR 2400 900.00");
        // Q3 700 more (1,600): invoiced at $9 = 6,300; revenue to date 1,600 x 8 = 12,800, 5,600 more
        assertThat(Fixtures.postings(fixture.givenCommands(agree("1500"), Q1, Q2, REVISE).when(Q3)))
                .containsExactly("DR 1100 5600.00", "CR 4000 5600.00", "DR 1100 700.00", "CR 2400 700.00");
        // Q4 500 more (2,100): invoiced at $8 = 4,000; revenue to date 2,100 x 8 = 16,800, 4,000 more
        assertThat(Fixtures.postings(fixture.givenCommands(agree("1500"), Q1, Q2, REVISE, Q3).when(Q4)))
                .containsExactly("DR 1100 4000.00", "CR 4000 4000.00");
        // the year reached 2,100 units: revenue 16,800 = 2,100 x $8 already; invoiced 19,300, rebate 2,500 credited
        assertThat(Fixtures.postings(fixture.givenCommands(agree("1500"), Q1, Q2, REVISE, Q3, Q4).when(SETTLE)))
                .containsExactly("DR 2400 2500.00", "CR 1100 2500.00");
    }

    @Test
    void anOptimisticOutlookIsTrueUpWhenTheYearFallsShort() {
        // expected 2,200 ($8) all year, but the year ends at 1,600 ($9): revenue 12,800 trued up to 14,400
        assertThat(Fixtures.postings(fixture.givenCommands(agree("2200"), Q1, Q2, Q3).when(SETTLE)))
                .containsExactly("DR 2400 1600.00", "CR 4000 1600.00", "DR 2400 900.00", "CR 1100 900.00");
    }

    @Test
    void whatCannotHappenIsRefusedNamingTheField() {
        fixture.givenCommands(agree("1500"), Q1).when(SETTLE.withDate(LocalDate.of(2026, 12, 30)))
                .expectException(Fixtures.rejected(RejectionCode.VOLUME_YEAR_NOT_ENDED, "effectiveDate", "2026-12-31"));
        fixture.givenCommands(agree("1500"), Q1, Q2)
                .when(new ReviseExpectedVolume("acme-2026", "low", LocalDate.of(2026, 7, 1), new BigDecimal("800"), "x"))
                .expectException(Fixtures.rejected(RejectionCode.ESTIMATE_OUT_OF_RANGE, "expectedVolume", "900"));
        fixture.givenCommands(agree("1500"), Q1, SETTLE).when(usage("late", LocalDate.of(2026, 12, 31), "1"))
                .expectException(Fixtures.rejected(RejectionCode.VOLUME_YEAR_SETTLED, "usageThrough", "settled"));
        fixture.givenNoPriorActivity().when(new AgreeVolumeDiscount("acme-2026", "acme", "USD", LocalDate.of(2026, 1, 1),
                        LocalDate.of(2026, 12, 31), "units", List.of(new VolumeTier(BigDecimal.ZERO, BigDecimal.ONE),
                        new VolumeTier(BigDecimal.TEN, new BigDecimal("2"))), BigDecimal.TEN, null))
                .expectException(Fixtures.rejected(RejectionCode.VOLUME_TERMS_INVALID, "tiers[1].unitPrice", "never rise"));
    }
}
