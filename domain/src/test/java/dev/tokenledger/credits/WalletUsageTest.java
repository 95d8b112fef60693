package dev.tokenledger.credits;

import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.usage.Catalog;
import dev.tokenledger.usage.CostCard;
import dev.tokenledger.usage.CostRole;
import dev.tokenledger.usage.PricingCatalogBook;
import dev.tokenledger.usage.RateCard;
import dev.tokenledger.usage.RecordUsage;
import dev.tokenledger.usage.Tier;
import dev.tokenledger.usage.TierMode;
import dev.tokenledger.usage.UnitCost;
import dev.tokenledger.usage.UnitPrice;
import dev.tokenledger.usage.UsageOutcome;
import dev.tokenledger.usage.UsageRecord;
import dev.tokenledger.usage.UsageRecorded;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usage priced, costed and posted by the wallet, worked by hand. Prices: list card "list" prices model atlas at
 * $3 per million input tokens up to 1M a month, $2 beyond (graduated), and $15 per million output tokens;
 * customer acme has an override of $2.50 per million input tokens. Own GPUs cost atlas $1 / $5 per million; model
 * orbit is a third-party model at $4 per million input tokens, costing $2 per million.
 */
class WalletUsageTest {

    static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    Catalog catalog;
    FixtureConfiguration<Wallet> fixture;

    static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    static Catalog baseCatalog() {
        RateCard list = new RateCard("list", 1, JAN_1, "USD", null, List.of(
                new UnitPrice("atlas", "input_tokens", TierMode.GRADUATED,
                        List.of(new Tier(1_000_000L, d("0.000003")), new Tier(null, d("0.000002")))),
                new UnitPrice("atlas", "output_tokens", TierMode.GRADUATED, List.of(new Tier(null, d("0.000015")))),
                new UnitPrice("orbit", "input_tokens", TierMode.GRADUATED, List.of(new Tier(null, d("0.000004"))))));
        RateCard acme = new RateCard("acme-deal", 1, JAN_1, "USD", "acme", List.of(
                new UnitPrice("atlas", "input_tokens", TierMode.GRADUATED, List.of(new Tier(null, d("0.0000025"))))));
        CostCard gpus = new CostCard("own-gpus", 1, JAN_1, "USD", "own", CostRole.COMPUTE, List.of(
                new UnitCost("atlas", "input_tokens", d("0.000001")), new UnitCost("atlas", "output_tokens", d("0.000005"))));
        CostCard vendor = new CostCard("orbit-vendor", 1, JAN_1, "USD", "orbitai", CostRole.THIRD_PARTY, List.of(
                new UnitCost("orbit", "input_tokens", d("0.000002"))));
        return new Catalog(List.of(list, acme), List.of(gpus, vendor));
    }

    @BeforeEach
    void setUp() {
        catalog = baseCatalog();
        fixture = new AggregateTestFixture<>(Wallet.class);
        fixture.registerInjectableResource(ChartLoader.defaultChart());
        fixture.registerInjectableResource((PeriodCalendar) period -> false);
        fixture.registerInjectableResource((CreditProgramBook) (id, date) -> Optional.of(
                new CreditTerms(id, 1, WalletTest.USD, WalletTest.CENT, ExpiryRule.daysAfterPurchase(365),
                        BreakagePolicy.REMOTE, null, BigDecimal.ZERO, true)));
        fixture.registerInjectableResource((PricingCatalogBook) () -> catalog);
    }

    static UsageRecord record(String customer, String id, String at, String model, String feature, long input, long output) {
        Instant instant = Instant.parse(at);
        return new UsageRecord(id, customer, null, instant, instant.atZone(ZoneOffset.UTC).toLocalDate(), model, feature,
                null, Map.of("input_tokens", input, "output_tokens", output), "fp-" + id);
    }

    static RecordUsage batch(String customer, String batchId, UsageRecord... records) {
        return new RecordUsage(customer, batchId, List.of(records));
    }

    @Test
    void payAsYouGoUsageIsOverageAndItsComputeCostIsAccrued() {
        WalletTest.Capture events = new WalletTest.Capture();
        // 600,000 input x $0.000003 = $1.80, 10,000 output x $0.000015 = $0.15; cost $0.60 + $0.05
        fixture.givenNoPriorActivity()
                .when(batch("initech", "b1", record("initech", "r1", "2026-03-02T10:00:00Z", "atlas", "chat", 600_000, 10_000)))
                .expectSuccessfulHandlerExecution().expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 1150 1.95", "CR 4000 1.95", "DR 5000 0.65", "CR 2100 0.65");
        UsageRecorded e = (UsageRecorded) events.payloads().get(0);
        assertThat(e.journalEntry().lines().get(1).dimensions().model()).isEqualTo("atlas");
        assertThat(e.journalEntry().lines().get(1).dimensions().feature()).isEqualTo("chat");
        assertThat(e.volumesAfter()).containsEntry("atlas|input_tokens|2026-03", 600_000L);
    }

    @Test
    void graduatedTiersApplyToTheMonthToDateVolumeAndRestartEachMonth() {
        WalletTest.Capture events = new WalletTest.Capture();
        Outcome outcome = new Outcome();
        // month to date 600,000 -> 1,200,000: 400,000 x $0.000003 + 200,000 x $0.000002 = $1.20 + $0.40
        fixture.givenCommands(batch("initech", "b1", record("initech", "r1", "2026-03-02T10:00:00Z", "atlas", "chat", 600_000, 0)))
                .when(batch("initech", "b2",
                        record("initech", "r2", "2026-03-03T10:00:00Z", "atlas", "chat", 600_000, 0),
                        record("initech", "r3", "2026-04-01T00:00:00Z", "atlas", "chat", 600_000, 0)))
                .expectResultMessagePayloadMatching(outcome).expectEventsMatching(events);
        assertThat(outcome.priced("r2").value()).isEqualByComparingTo("1.60");
        // April starts a new month: 600,000 x $0.000003
        assertThat(outcome.priced("r3").value()).isEqualByComparingTo("1.80");
        assertThat(events.postings()).containsExactly(
                "DR 1150 1.60", "CR 4000 1.60", "DR 5000 0.60", "CR 2100 0.60",
                "DR 1150 1.80", "CR 4000 1.80", "DR 5000 0.60", "CR 2100 0.60");
    }

    @Test
    void volumeTiersPriceTheWholeRecordAtTheTierItReaches() {
        catalog = new Catalog(List.of(new RateCard("list", 1, JAN_1, "USD", null, List.of(
                new UnitPrice("atlas", "input_tokens", TierMode.VOLUME,
                        List.of(new Tier(1_000_000L, d("0.000003")), new Tier(null, d("0.000002"))))))),
                baseCatalog().allCostCards());
        Outcome outcome = new Outcome();
        fixture.givenCommands(batch("initech", "b1", record("initech", "r1", "2026-03-02T10:00:00Z", "atlas", null, 600_000, 0)))
                .when(batch("initech", "b2", record("initech", "r2", "2026-03-03T10:00:00Z", "atlas", null, 600_000, 0)))
                .expectResultMessagePayloadMatching(outcome);
        // 1,200,000 reached: all 600,000 at $0.000002
        assertThat(outcome.priced("r2").value()).isEqualByComparingTo("1.20");
    }

    @Test
    void contractYearTiersAccumulateOverTheYearAndCrossABoundaryInsideAMonth() {
        // the contract year starts in February: 1,000,000 input tokens at $0.000003, beyond at $0.000002, over the year
        catalog = new Catalog(List.of(new RateCard("list", 1, JAN_1, "USD", null, List.of(
                new UnitPrice("atlas", "input_tokens", TierMode.GRADUATED,
                        List.of(new Tier(1_000_000L, d("0.000003")), new Tier(null, d("0.000002"))),
                        java.time.YearMonth.of(2026, 2))))), baseCatalog().allCostCards());
        Outcome outcome = new Outcome();
        WalletTest.Capture events = new WalletTest.Capture();
        fixture.givenCommands(batch("initech", "b1", record("initech", "feb", "2026-02-10T10:00:00Z", "atlas", null, 700_000, 0)))
                .when(batch("initech", "b2",
                        record("initech", "mar", "2026-03-20T10:00:00Z", "atlas", null, 600_000, 0),
                        record("initech", "apr", "2026-04-02T10:00:00Z", "atlas", null, 500_000, 0),
                        record("initech", "next-year", "2027-02-01T10:00:00Z", "atlas", null, 200_000, 0)))
                .expectResultMessagePayloadMatching(outcome).expectEventsMatching(events);
        // March crosses the boundary: 300,000 x $0.000003 + 300,000 x $0.000002 = $0.90 + $0.60
        assertThat(outcome.priced("mar").value()).isEqualByComparingTo("1.50");
        // April continues the year (1,300,000 before it), where month-to-date tiers would have started again
        assertThat(outcome.priced("apr").value()).isEqualByComparingTo("1.00");
        // February 2027 opens the next contract year
        assertThat(outcome.priced("next-year").value()).isEqualByComparingTo("0.60");
        assertThat(events.postings()).startsWith("DR 1150 1.50", "CR 4000 1.50");
        UsageRecorded april = (UsageRecorded) events.payloads().get(1);
        assertThat(april.volumesAfter()).containsEntry("atlas|input_tokens|year-from-2026-02", 1_800_000L);
    }

    @Test
    void aModelResoldAsAgentBooksRevenueNetOfTheProvidersFee() {
        // orbit resold as agent (ASC 606-10-55-36 to 55-40): 1,000,000 input tokens billed $4.00; the provider's fee
        // $2.00 is owed to it and reduces usage revenue instead of being cost of revenue: net revenue $2.00
        catalog = new Catalog(baseCatalog().allRateCards(), List.of(new CostCard("orbit-vendor", 1, JAN_1, "USD",
                "orbitai", CostRole.AGENT, List.of(new UnitCost("orbit", "input_tokens", d("0.000002"))))));
        WalletTest.Capture events = new WalletTest.Capture();
        fixture.givenNoPriorActivity()
                .when(batch("initech", "b1", record("initech", "r1", "2026-03-02T10:00:00Z", "orbit", "chat", 1_000_000, 0)))
                .expectSuccessfulHandlerExecution().expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 1150 4.00", "CR 4000 4.00", "DR 4000 2.00", "CR 2100 2.00");
    }

    @Test
    void customerOverridesWinOverListPricesUnitByUnit() {
        Outcome outcome = new Outcome();
        fixture.givenNoPriorActivity()
                .when(batch("acme", "b1", record("acme", "r1", "2026-03-02T10:00:00Z", "atlas", null, 1_000_000, 100_000)))
                .expectResultMessagePayloadMatching(outcome);
        // input at the override $2.50/M, output at the list $15/M
        assertThat(outcome.priced("r1").value()).isEqualByComparingTo("4.00");
        assertThat(outcome.priced("r1").rateCards()).isEqualTo("acme-deal@v1,list@v1");
    }

    @Test
    void aRateCardChangeMidMonthPricesEachRecordByTheVersionInForceOnItsDate() {
        catalog = catalog.with(new RateCard("list", 2, LocalDate.of(2026, 3, 16), "USD", null, List.of(
                new UnitPrice("atlas", "input_tokens", TierMode.GRADUATED, List.of(new Tier(null, d("0.000004")))))));
        Outcome outcome = new Outcome();
        fixture.givenNoPriorActivity()
                .when(batch("initech", "b1",
                        record("initech", "r1", "2026-03-15T23:59:59Z", "atlas", null, 100_000, 0),
                        record("initech", "r2", "2026-03-16T00:00:00Z", "atlas", null, 100_000, 0)))
                .expectResultMessagePayloadMatching(outcome);
        assertThat(outcome.priced("r1").value()).isEqualByComparingTo("0.30");
        assertThat(outcome.priced("r1").rateCards()).isEqualTo("list@v1");
        assertThat(outcome.priced("r2").value()).isEqualByComparingTo("0.40");
        assertThat(outcome.priced("r2").rateCards()).isEqualTo("list@v2");
    }

    @Test
    void prepaidCreditsAreDrawnFirstAndRevenueIsSplitOverModelsByLargestRemainder() {
        WalletTest.Capture events = new WalletTest.Capture();
        // $10 for 1,000 credits; atlas $2.50 (override) + orbit $0.40 = $2.90 = 290 credits
        fixture.givenCommands(new Commands.PurchaseCredits("acme", "p1", "standard", JAN_1, d("10"), "USD",
                        BigDecimal.valueOf(1000), null, Settlement.CASH, null))
                .when(batch("acme", "b1",
                        record("acme", "r1", "2026-03-02T10:00:00Z", "atlas", "chat", 1_000_000, 0),
                        record("acme", "r2", "2026-03-02T11:00:00Z", "orbit", "search", 100_000, 0)))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly(
                "DR 2300 2.50", "CR 4000 2.50", "DR 2300 0.40", "CR 4000 0.40",
                "DR 5000 1.00", "CR 2100 1.00", "DR 5200 0.20", "CR 2100 0.20");
    }

    @Test
    void subCentUsageIsPostedByCumulativeCatchUp() {
        WalletTest.Capture events = new WalletTest.Capture();
        // 1,333 input tokens x $0.000003 = $0.003999 per record; cost $0.001333
        UsageRecord r1 = record("initech", "r1", "2026-03-02T10:00:00Z", "atlas", null, 1_333, 0);
        UsageRecord r2 = record("initech", "r2", "2026-03-02T11:00:00Z", "atlas", null, 1_333, 0);
        UsageRecord r3 = record("initech", "r3", "2026-03-02T12:00:00Z", "atlas", null, 1_333, 0);
        fixture.givenCommands(batch("initech", "b1", r1))
                .when(batch("initech", "b2", r2)).expectEventsMatching(events);
        // after two: revenue round(0.007998) = 0.01, cost round(0.002666) = 0.00
        assertThat(events.postings()).containsExactly("DR 1150 0.01", "CR 4000 0.01");
        fixture.givenCommands(batch("initech", "b1", r1), batch("initech", "b2", r2))
                .when(batch("initech", "b3", r3)).expectEventsMatching(events = new WalletTest.Capture());
        // after three: round(0.011997) = 0.01 (nothing more), cost round(0.003999) = 0.00
        assertThat(events.postings()).isEmpty();
    }

    @Test
    void aRecordThatCannotBePricedIsRejectedAloneAndTheRestIsPosted() {
        Outcome outcome = new Outcome();
        fixture.givenNoPriorActivity()
                .when(batch("initech", "b1",
                        record("initech", "ok", "2026-03-02T10:00:00Z", "atlas", null, 100_000, 0),
                        record("initech", "bad", "2026-03-02T10:00:00Z", "zeta", null, 100_000, 0),
                        record("initech", "early", "2025-12-31T10:00:00Z", "atlas", null, 100_000, 0)))
                .expectResultMessagePayloadMatching(outcome);
        assertThat(outcome.value.priced()).extracting(UsageOutcome.Priced::recordId).containsExactly("ok");
        assertThat(outcome.value.rejected()).extracting(UsageOutcome.Rejected::recordId, UsageOutcome.Rejected::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("bad", RejectionCode.NO_RATE_IN_FORCE),
                        org.assertj.core.groups.Tuple.tuple("early", RejectionCode.NO_RATE_IN_FORCE));
    }

    @Test
    void resendingTheSameBatchPostingChangesNothing() {
        UsageRecord r1 = record("initech", "r1", "2026-03-02T10:00:00Z", "atlas", null, 100_000, 0);
        fixture.givenCommands(batch("initech", "b1", r1))
                .when(batch("initech", "b1", r1))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    /** Captures the command's result. */
    static final class Outcome extends TypeSafeMatcher<UsageOutcome> {
        UsageOutcome value;

        @Override
        protected boolean matchesSafely(UsageOutcome outcome) {
            value = outcome;
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("any outcome");
        }

        UsageOutcome.Priced priced(String recordId) {
            return value.priced().stream().filter(p -> p.recordId().equals(recordId)).findFirst().orElseThrow();
        }
    }

}
