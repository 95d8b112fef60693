package dev.tokenledger.contracts;

import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.contracts.ContractCommands.BillingTerms;
import dev.tokenledger.contracts.ContractCommands.CommitmentOnTermination;
import dev.tokenledger.contracts.ContractCommands.CommitmentTerms;
import dev.tokenledger.contracts.ContractCommands.CreditsOnTermination;
import dev.tokenledger.contracts.ContractCommands.DeliverObligation;
import dev.tokenledger.contracts.ContractCommands.DiscountTerms;
import dev.tokenledger.contracts.ContractCommands.InvoiceContract;
import dev.tokenledger.contracts.ContractCommands.ModifyContract;
import dev.tokenledger.contracts.ContractCommands.ObligationTerms;
import dev.tokenledger.contracts.ContractCommands.RecognizeContractRevenue;
import dev.tokenledger.contracts.ContractCommands.RecordContractPayment;
import dev.tokenledger.contracts.ContractCommands.ReviseCommitmentEstimate;
import dev.tokenledger.contracts.ContractCommands.SettleCommitment;
import dev.tokenledger.contracts.ContractCommands.SignContract;
import dev.tokenledger.contracts.ContractCommands.TerminateContract;
import dev.tokenledger.contracts.ContractEvents.ContractModified;
import dev.tokenledger.contracts.ContractEvents.ContractSigned;
import dev.tokenledger.credits.BreakagePolicy;
import dev.tokenledger.credits.CreditProgramBook;
import dev.tokenledger.credits.CreditTerms;
import dev.tokenledger.credits.ExpiryRule;
import dev.tokenledger.credits.Settlement;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worked examples computed by hand under ASC 606 steps 4 and 5 (README "Contracts"). Postings read as tables:
 * "DR 1160 101.92" debits account 1160 (contract assets) by 101.92. Accounts: 1000 cash, 1100 receivables, 1160
 * contract assets, 2300 contract liability for prepaid credits, 2310 contract liability for contracts, 2400 refunds
 * payable, 4100 platform, 4110 support, 4300 commitment shortfall, 4400 services, 4500 product revenue.
 */
class ContractTest {

    static final Currency USD = Currency.getInstance("USD");
    static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    static final LocalDate DEC_31 = LocalDate.of(2026, 12, 31);
    final Map<String, SspTerms> ssps = new HashMap<>();
    final BigDecimal[] usage = {BigDecimal.ZERO};
    /** Usage by the date it was measured through, when a test needs it to grow (else {@code usage}). */
    final java.util.TreeMap<LocalDate, BigDecimal> usageThrough = new java.util.TreeMap<>();
    FixtureConfiguration<Contract> fixture;

    @BeforeEach
    void setUp() {
        ssp("each-50", SspMethod.OBSERVABLE_PRICE, "each", "50", null, null);
        ssp("each-1", SspMethod.OBSERVABLE_PRICE, "each", "1", null, null);
        // ASC 606-10-55-256 to 55-269 (Example 34): products A, B, C sold separately at 40, 55, 45; D highly variable
        ssp("product-a", SspMethod.OBSERVABLE_PRICE, "each", "40", null, null);
        ssp("product-b", SspMethod.OBSERVABLE_PRICE, "each", "55", null, null);
        ssp("product-c", SspMethod.OBSERVABLE_PRICE, "each", "45", null, null);
        ssp("product-d", SspMethod.RESIDUAL, "each", null, "15", "45");
        ssp("platform-year", SspMethod.OBSERVABLE_PRICE, "year", "1200", null, null);
        ssp("support-month", SspMethod.ADJUSTED_MARKET_ASSESSMENT, "month", "50", "45", "55");
        ssp("credit", SspMethod.OBSERVABLE_PRICE, "credit", "0.01", null, null);
        fixture = new AggregateTestFixture<>(Contract.class);
        fixture.registerInjectableResource(ChartLoader.defaultChart());
        fixture.registerInjectableResource((PeriodCalendar) period -> false);
        fixture.registerInjectableResource((SspBook) (id, date) -> Optional.ofNullable(ssps.get(id)));
        CreditTerms credits = new CreditTerms("enterprise", 1, USD, new BigDecimal("0.01"),
                ExpiryRule.daysAfterPurchase(365), BreakagePolicy.REMOTE, null, BigDecimal.ZERO, false);
        fixture.registerInjectableResource((CreditProgramBook) (id, date) ->
                "enterprise".equals(id) ? Optional.of(credits) : Optional.empty());
        fixture.registerInjectableResource((ConsumptionMeter) (customer, currency, from, through) ->
                new ConsumptionMeter.Consumption(usageThrough.isEmpty() ? usage[0]
                        : usageThrough.floorEntry(through).getValue(), 3));
    }

    void ssp(String id, SspMethod method, String unit, String price, String low, String high) {
        ssps.put(id, new SspTerms(id, 1, JAN_1.minusYears(1), id, USD, method, unit, price == null ? null : new BigDecimal(price),
                low == null ? null : new BigDecimal(low), high == null ? null : new BigDecimal(high),
                "price list 2025", JAN_1.minusYears(1)));
    }

    static ObligationTerms obligation(String id, ObligationKind kind, String ssp) {
        return new ObligationTerms(id, kind, null, ssp, BigDecimal.ONE, null, null, null, null, null, null, null, null, null);
    }

    static SignContract contract(String price, BillingSchedule billing, List<ObligationTerms> obligations,
                                 List<DiscountTerms> discounts, CommitmentTerms commitment, TerminationRefund refund) {
        return new SignContract("c1", "acme", "USD", JAN_1, JAN_1, DEC_31, new BigDecimal(price), obligations,
                discounts, commitment, new BillingTerms(billing, Settlement.INVOICED, 30), refund, null, null);
    }

    static SignContract platformFor(String price, BillingSchedule billing, TerminationRefund refund) {
        return contract(price, billing, List.of(obligation("platform", ObligationKind.PLATFORM_ACCESS, "platform-year")),
                List.of(), null, refund);
    }

    Map<String, Long> allocationOf(SignContract c) {
        Capture events = new Capture();
        fixture.givenNoPriorActivity().when(c).expectSuccessfulHandlerExecution().expectEventsMatching(events);
        ContractSigned signed = (ContractSigned) events.payloads().get(0);
        Map<String, Long> result = new java.util.LinkedHashMap<>();
        signed.allocation().lines().forEach(l -> result.put(l.obligationId(), l.allocatedMinor()));
        return result;
    }

    // --- allocation by relative SSP (ASC 606-10-32-28 to 32-41) ---------------------------------------------

    @Test
    void threeEqualSspsShareAPriceThatRoundingPerLineWouldMissByACent() {
        // 100.00 x 50 / 150 = 33.333... each: rounded per line 3 x 33.33 = 99.99; largest remainder gives the odd
        // cent to the line listed first
        assertThat(allocationOf(contract("100.00", BillingSchedule.UPFRONT, List.of(
                obligation("platform", ObligationKind.PLATFORM_ACCESS, "each-50"),
                obligation("support", ObligationKind.SUPPORT, "each-50"),
                obligation("onboarding", ObligationKind.SERVICE, "each-50")), List.of(), null, null)))
                .containsExactly(Map.entry("platform", 3334L), Map.entry("support", 3333L), Map.entry("onboarding", 3333L));
    }

    @Test
    void fourObligationsWherePerLineRoundingWouldOvershootByACent() {
        // 999.99 over SSPs 100, 200, 300, 400: exact 99.999, 199.998, 299.997, 399.996; per-line rounding gives
        // 1,000.00. In cents: floors 9999 + 19999 + 29999 + 39999 = 99,996; the 3 left go to remainders .9, .8, .7
        ObligationTerms a = new ObligationTerms("a", ObligationKind.PLATFORM_ACCESS, null, "each-1", new BigDecimal("100"), null, null, null, null, null, null, null, null, null);
        ObligationTerms b = new ObligationTerms("b", ObligationKind.SUPPORT, null, "each-1", new BigDecimal("200"), null, null, null, null, null, null, null, null, null);
        ObligationTerms c = new ObligationTerms("c", ObligationKind.SERVICE, null, "each-1", new BigDecimal("300"), null, null, null, null, null, null, null, null, null);
        ObligationTerms d = new ObligationTerms("d", ObligationKind.PRODUCT, null, "each-1", new BigDecimal("400"), null, null, null, null, null, null, null, null, null);
        assertThat(allocationOf(contract("999.99", BillingSchedule.UPFRONT, List.of(a, b, c, d), List.of(), null, null)))
                .containsExactly(Map.entry("a", 10000L), Map.entry("b", 20000L), Map.entry("c", 30000L), Map.entry("d", 39999L));
    }

    @Test
    void aDiscountObservablyTiedToASubsetGoesToThatSubsetAlone() {
        // Example 34 Case A: price 100 for A, B, C (SSPs 40, 55, 45 = 140); B and C regularly sell together for 60,
        // so the whole 40 discount belongs to them: A 40, B 60 x 55/100 = 33, C 60 x 45/100 = 27
        assertThat(allocationOf(contract("100.00", BillingSchedule.UPFRONT, List.of(
                obligation("A", ObligationKind.PRODUCT, "product-a"),
                obligation("B", ObligationKind.SERVICE, "product-b"),
                obligation("C", ObligationKind.SUPPORT, "product-c")),
                List.of(new DiscountTerms("bundle-bc", new BigDecimal("40"), List.of("B", "C"), "B and C sell together for 60")),
                null, null)))
                .containsExactly(Map.entry("A", 4000L), Map.entry("B", 3300L), Map.entry("C", 2700L));
    }

    @Test
    void aResidualInsideItsRangeTakesWhatTheOthersLeave() {
        // Example 34 Case B: price 130 with D added; A 40, B+C 60 (discount tied), D's residual 130 - 100 = 30,
        // inside D's range of 15 to 45
        assertThat(allocationOf(contract("130.00", BillingSchedule.UPFRONT, List.of(
                obligation("A", ObligationKind.PRODUCT, "product-a"),
                obligation("B", ObligationKind.SERVICE, "product-b"),
                obligation("C", ObligationKind.SUPPORT, "product-c"),
                obligation("D", ObligationKind.PRODUCT, "product-d")),
                List.of(new DiscountTerms("bundle-bc", new BigDecimal("40"), List.of("B", "C"), "B and C sell together for 60")),
                null, null)))
                .containsExactly(Map.entry("A", 4000L), Map.entry("B", 3300L), Map.entry("C", 2700L), Map.entry("D", 3000L));
    }

    @Test
    void aResidualOutsideItsRangeRefusesTheContractWithTheNumbers() {
        // Example 34 Case C: price 105 leaves D 105 - 40 - 55 - 45 + 40 = 5, below the range 15 to 45
        fixture.givenNoPriorActivity()
                .when(contract("105.00", BillingSchedule.UPFRONT, List.of(
                        obligation("A", ObligationKind.PRODUCT, "product-a"),
                        obligation("B", ObligationKind.SERVICE, "product-b"),
                        obligation("C", ObligationKind.SUPPORT, "product-c"),
                        obligation("D", ObligationKind.PRODUCT, "product-d")),
                        List.of(new DiscountTerms("bundle-bc", new BigDecimal("40"), List.of("B", "C"), "sold together")),
                        null, null))
                .expectNoEvents()
                .expectException(new Rejected(RejectionCode.RESIDUAL_OUT_OF_RANGE, "obligations[3].sspId",
                        "is 5.00 USD"));
    }

    @Test
    void aCreditPoolTakesItsAllocationAsItsPriceAndIsFundedOnItsFirstDay() {
        // platform SSP 1,200 and 120,000 credits at 0.01 = 1,200: price 1,800 splits 900 / 900; nothing billed yet,
        // so the pool's liability is matched by a contract asset until the contract is invoiced
        ObligationTerms credits = new ObligationTerms("credits", ObligationKind.CREDIT_POOL, null, "credit", null, null,
                null, null, null, null, "enterprise", new BigDecimal("120000"), null, null);
        Capture events = new Capture();
        ResultCapture result = new ResultCapture();
        fixture.givenNoPriorActivity()
                .when(contract("1800.00", BillingSchedule.UPFRONT, List.of(
                        obligation("platform", ObligationKind.PLATFORM_ACCESS, "platform-year"), credits), List.of(), null, null))
                .expectEventsMatching(events).expectResultMessagePayloadMatching(result);
        assertThat(events.postings()).containsExactly("DR 1160 900.00", "CR 2300 900.00");
        Contract.ContractResult r = (Contract.ContractResult) result.payload;
        assertThat(r.walletFunding()).singleElement().satisfies(f -> {
            assertThat(f.poolId()).isEqualTo("c1-credits");
            assertThat(f.priceMinor()).isEqualTo(90_000);
            assertThat(f.effectiveDate()).isEqualTo(JAN_1);
        });

        // invoiced upfront: the receivable clears the asset first, the rest is a contract liability
        fixture.givenCommands(contract("1800.00", BillingSchedule.UPFRONT, List.of(
                        obligation("platform", ObligationKind.PLATFORM_ACCESS, "platform-year"), credits), List.of(), null, null))
                .when(new InvoiceContract("c1", "inv-1", JAN_1)).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 1100 900.00", "CR 1160 900.00", "DR 1100 900.00", "CR 2310 900.00");
    }

    // --- recognition over time ------------------------------------------------------------------------------

    @Test
    void ratableRecognitionCountsTheLeapDayAndEndsOnTheAllocatedAmount() {
        SignContract leap = new SignContract("c1", "acme", "USD", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 12, 31), new BigDecimal("1000.00"),
                List.of(new ObligationTerms("platform", ObligationKind.PLATFORM_ACCESS, null, "each-1", new BigDecimal("1000"),
                        null, null, null, null, null, null, null, null, null)),
                List.of(), null, new BillingTerms(BillingSchedule.UPFRONT, Settlement.INVOICED, 30), null, null, null);
        Capture events = new Capture();
        // 31 of 366 days: round(100,000 x 31 / 366) = round(8,469.95) = 8,470 cents
        fixture.givenCommands(leap).when(new RecognizeContractRevenue("c1", "r-jan", LocalDate.of(2024, 1, 31)))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 1160 84.70", "CR 4100 84.70");
        // through 29 February, 60 days: round(16,393.44) = 16,393, so 79.23 more
        fixture.givenCommands(leap, new RecognizeContractRevenue("c1", "r-jan", LocalDate.of(2024, 1, 31)))
                .when(new RecognizeContractRevenue("c1", "r-feb", LocalDate.of(2024, 2, 29)))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 1160 79.23", "CR 4100 79.23");
        // the last day brings the total to exactly 1,000.00 (after 163.93 posted: 836.07)
        fixture.givenCommands(leap, new RecognizeContractRevenue("c1", "r-jan", LocalDate.of(2024, 1, 31)),
                        new RecognizeContractRevenue("c1", "r-feb", LocalDate.of(2024, 2, 29)))
                .when(new RecognizeContractRevenue("c1", "r-end", LocalDate.of(2025, 3, 31)))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 1160 836.07", "CR 4100 836.07");
    }

    @Test
    void aContractAssetTurnsIntoAContractLiabilityWhenTheInvoiceCatchesUp() {
        SignContract quarterly = platformFor("1200.00", BillingSchedule.QUARTERLY, null);
        Capture events = new Capture();
        // January recognised before anything is billed: 31 of 365 days of 1,200.00 = round(10,191.78) = 101.92
        fixture.givenCommands(quarterly).when(new RecognizeContractRevenue("c1", "r-jan", LocalDate.of(2026, 1, 31)))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 1160 101.92", "CR 4100 101.92");
        // the first quarter's 300.00 is invoiced: it clears the asset, the rest is billed ahead (a liability)
        fixture.givenCommands(quarterly, new RecognizeContractRevenue("c1", "r-jan", LocalDate.of(2026, 1, 31)))
                .when(new InvoiceContract("c1", "q1", LocalDate.of(2026, 1, 31)))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 1100 101.92", "CR 1160 101.92", "DR 1100 198.08", "CR 2310 198.08");
        // February then comes out of the liability: through 28 Feb, 59 days = round(19,397.26) = 193.97, so 92.05
        fixture.givenCommands(quarterly, new RecognizeContractRevenue("c1", "r-jan", LocalDate.of(2026, 1, 31)),
                        new InvoiceContract("c1", "q1", LocalDate.of(2026, 1, 31)))
                .when(new RecognizeContractRevenue("c1", "r-feb", LocalDate.of(2026, 2, 28)))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2310 92.05", "CR 4100 92.05");
        // and the payment settles the receivable
        fixture.givenCommands(quarterly, new InvoiceContract("c1", "q1", LocalDate.of(2026, 1, 31)))
                .when(new RecordContractPayment("c1", "pay-1", "q1", LocalDate.of(2026, 2, 20), new BigDecimal("300")))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 1000 300.00", "CR 1100 300.00");
    }

    @Test
    void aPointInTimeObligationIsRecognisedOnDelivery() {
        SignContract sale = contract("100.00", BillingSchedule.UPFRONT, List.of(
                obligation("A", ObligationKind.PRODUCT, "product-a"),
                obligation("B", ObligationKind.SERVICE, "product-b"),
                obligation("C", ObligationKind.SUPPORT, "product-c")),
                List.of(new DiscountTerms("bundle-bc", new BigDecimal("40"), List.of("B", "C"), "sold together")), null, null);
        Capture events = new Capture();
        fixture.givenCommands(sale, new InvoiceContract("c1", "inv-1", JAN_1))
                .when(new DeliverObligation("c1", "A", "ship-a", LocalDate.of(2026, 1, 15)))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 2310 40.00", "CR 4500 40.00");
        fixture.givenCommands(sale, new DeliverObligation("c1", "A", "ship-a", LocalDate.of(2026, 1, 15)))
                .when(new DeliverObligation("c1", "A", "ship-a-again", LocalDate.of(2026, 1, 16)))
                .expectException(new Rejected(RejectionCode.OBLIGATION_ALREADY_SATISFIED, "obligationId", "delivered"));
    }

    // --- committed minimum spend ----------------------------------------------------------------------------

    @Test
    void aShortfallAtTheEndOfTheTermIsRecognisedAndInvoiced() {
        SignContract committed = contract("1200.00", BillingSchedule.UPFRONT,
                List.of(obligation("platform", ObligationKind.PLATFORM_ACCESS, "platform-year")), List.of(),
                new CommitmentTerms(new BigDecimal("10000"), CommitmentPolicy.END_OF_TERM, null), null);
        usage[0] = new BigDecimal("7250.255");
        Capture events = new Capture();
        // 10,000 - 7,250.255 = 2,749.745, rounded half-up once: 2,749.75
        fixture.givenCommands(committed).when(new SettleCommitment("c1", "settle", DEC_31)).expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 1100 2749.75", "CR 4300 2749.75");
        fixture.givenCommands(committed).when(new SettleCommitment("c1", "early", LocalDate.of(2026, 12, 30)))
                .expectException(new Rejected(RejectionCode.COMMITMENT_NOT_DUE, "effectiveDate", "2026-12-31"));
    }

    @Test
    void prepaidCreditsCountTowardTheCommitment() {
        // 8,000 of the price funds credits: spend counted = max(usage 7,250.255, prepaid 8,000) = 8,000 -> 2,000.00
        ObligationTerms credits = new ObligationTerms("credits", ObligationKind.CREDIT_POOL, null, "credit", null, null,
                null, null, null, null, "enterprise", new BigDecimal("800000"), null, null);
        SignContract committed = contract("8000.00", BillingSchedule.UPFRONT, List.of(credits), List.of(),
                new CommitmentTerms(new BigDecimal("10000"), CommitmentPolicy.END_OF_TERM, null), null);
        usage[0] = new BigDecimal("7250.255");
        Capture events = new Capture();
        fixture.givenCommands(committed).when(new SettleCommitment("c1", "settle", DEC_31)).expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 1100 2000.00", "CR 4300 2000.00");
    }

    @Test
    void anExpectedShortfallIsRecognisedAsUsageOccursAndTrueUpAtTheEnd() {
        // commitment 10,000, expected usage 6,000: expected shortfall 4,000
        SignContract committed = contract("1200.00", BillingSchedule.UPFRONT,
                List.of(obligation("platform", ObligationKind.PLATFORM_ACCESS, "platform-year")), List.of(),
                new CommitmentTerms(new BigDecimal("10000"), CommitmentPolicy.PROPORTIONAL_EXPECTED_SHORTFALL,
                        new BigDecimal("6000")), null);
        Capture events = new Capture();
        usageThrough.put(JAN_1, new BigDecimal("1500"));
        usageThrough.put(DEC_31, new BigDecimal("7000"));
        // the recognition run of 31 March: 1,500 / 6,000 = 25% of 4,000 = 1,000.00 against a contract asset (the
        // upfront invoice was not raised, so the platform's 90 days also build the asset: round(120,000 x 90/365))
        fixture.givenCommands(committed).when(new RecognizeContractRevenue("c1", "r-mar", LocalDate.of(2026, 3, 31)))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 1160 295.89", "CR 4100 295.89", "DR 1160 1000.00", "CR 4300 1000.00");
        // expected usage revised to 8,000: shortfall 2,000 x 1,500/8,000 = 375.00, so 625.00 comes back
        fixture.givenCommands(committed, new RecognizeContractRevenue("c1", "r-mar", LocalDate.of(2026, 3, 31)))
                .when(new ReviseCommitmentEstimate("c1", "rev-1", LocalDate.of(2026, 4, 1), new BigDecimal("8000"), "Q1 usage review"))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 4300 625.00", "CR 1160 625.00");
        // the year ends at 7,000 of usage: shortfall 3,000; 2,625.00 trued up; the invoice clears the asset for it
        fixture.givenCommands(committed, new RecognizeContractRevenue("c1", "r-mar", LocalDate.of(2026, 3, 31)),
                        new ReviseCommitmentEstimate("c1", "rev-1", LocalDate.of(2026, 4, 1), new BigDecimal("8000"), "Q1 usage review"))
                .when(new SettleCommitment("c1", "settle", DEC_31))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 1160 2625.00", "CR 4300 2625.00", "DR 1100 3000.00", "CR 1160 3000.00");
    }

    // --- modifications and termination ---------------------------------------------------------------------

    @Test
    void distinctObligationsAddedAtTheirSspAreASeparateContract() {
        // six months of support at 50 a month, priced 300.00 (the SSP range is 45-55 a month: 270-330)
        ObligationTerms support = new ObligationTerms("support", ObligationKind.SUPPORT, null, "support-month",
                new BigDecimal("6"), null, null, null, null, null, null, null, null, null);
        Capture events = new Capture();
        ResultCapture result = new ResultCapture();
        fixture.givenCommands(platformFor("1200.00", BillingSchedule.UPFRONT, null))
                .when(new ModifyContract("c1", "m1", LocalDate.of(2026, 7, 1), new BigDecimal("300.00"), List.of(support),
                        null, "customer adds support"))
                .expectEventsMatching(events).expectResultMessagePayloadMatching(result);
        assertThat(events.postings()).isEmpty();
        assertThat(((ContractModified) events.payloads().get(0)).treatment()).isEqualTo(ModificationTreatment.SEPARATE_CONTRACT);
        SignContract separate = ((Contract.ContractResult) result.payload).separateContract();
        assertThat(separate.contractId()).isEqualTo("c1-m1");
        assertThat(separate.modificationOf()).isEqualTo("c1");
        assertThat(separate.transactionPrice()).isEqualByComparingTo("300.00");
        assertThat(separate.termStart()).isEqualTo(LocalDate.of(2026, 7, 1));
    }

    @Test
    void obligationsAddedBelowTheirSspAreReallocatedProspectively() {
        // platform 1,200 over 2026; from 1 July six months of support (SSP 300) for 200 only.
        // Catch-up through 30 June, 181 days: round(120,000 x 181/365) = 59,507 -> 595.07.
        // Remaining: 1,200.00 - 595.07 + 200.00 = 804.93, over SSPs 1,200 x 184/365 = 604.93 and 300.00:
        // 80,493 x 604.93/904.93 = 53,808.22, 80,493 x 300/904.93 = 26,684.78 -> 538.08 and 266.85 (the odd cent
        // to the larger remainder)
        ObligationTerms support = new ObligationTerms("support", ObligationKind.SUPPORT, null, "support-month",
                new BigDecimal("6"), null, null, null, null, null, null, null, null, null);
        Capture events = new Capture();
        fixture.givenCommands(platformFor("1200.00", BillingSchedule.UPFRONT, null))
                .when(new ModifyContract("c1", "m1", LocalDate.of(2026, 7, 1), new BigDecimal("200.00"), List.of(support),
                        null, "support added at a discount"))
                .expectEventsMatching(events);
        ContractModified m = (ContractModified) events.payloads().get(0);
        assertThat(m.treatment()).isEqualTo(ModificationTreatment.PROSPECTIVE);
        assertThat(events.postings()).containsExactly("DR 1160 595.07", "CR 4100 595.07");
        assertThat(m.remainingConsiderationMinor()).isEqualTo(80_493);
        assertThat(m.reallocation().allocatedTo("platform")).isEqualTo(53_808);
        assertThat(m.reallocation().allocatedTo("support")).isEqualTo(26_685);

        // by the end of the year the platform has earned 595.07 + 538.08 and support 266.85: 1,400.00 in all
        fixture.givenCommands(platformFor("1200.00", BillingSchedule.UPFRONT, null),
                        new ModifyContract("c1", "m1", LocalDate.of(2026, 7, 1), new BigDecimal("200.00"), List.of(support),
                                null, "support added at a discount"))
                .when(new RecognizeContractRevenue("c1", "r-end", DEC_31))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 1160 538.08", "CR 4100 538.08", "DR 1160 266.85", "CR 4110 266.85");
    }

    @Test
    void anExtendedTermSpreadsWhatRemainsOverTheNewEnd() {
        // through 30 September, 273 days: round(120,000 x 273/365) = 89,753 -> 897.53; the remaining 302.47 plus
        // 250.00 for three more months (552.47) is recognised from 1 October 2026 to 31 March 2027
        Capture events = new Capture();
        List<Object> given = List.of(platformFor("1200.00", BillingSchedule.UPFRONT, null),
                new ModifyContract("c1", "ext", LocalDate.of(2026, 10, 1), new BigDecimal("250.00"), null,
                        LocalDate.of(2027, 3, 31), "renewal for a quarter"));
        fixture.givenCommands(given).when(new RecognizeContractRevenue("c1", "r-end", LocalDate.of(2027, 3, 31)))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 1160 552.47", "CR 4100 552.47");
        // billing: the 250.00 is billed upfront on the modification date, beside the original 1,200.00; the
        // invoice first clears the 897.53 recognised ahead of billing, the rest is billed ahead
        fixture.givenCommands(given).when(new InvoiceContract("c1", "inv", LocalDate.of(2026, 10, 1)))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 1100 897.53", "CR 1160 897.53", "DR 1100 552.47", "CR 2310 552.47");
    }

    @Test
    void terminationRefundsWhatWasBilledForTheUndeliveredPart() {
        // billed 1,200.00 upfront; terminated on 31 March: 90 days earned = round(120,000 x 90/365) = 295.89;
        // the contract refunds the unused part, 904.11
        Capture events = new Capture();
        fixture.givenCommands(platformFor("1200.00", BillingSchedule.UPFRONT, TerminationRefund.UNUSED_PORTION),
                        new InvoiceContract("c1", "inv", JAN_1))
                .when(new TerminateContract("c1", "end", LocalDate.of(2026, 3, 31), CreditsOnTermination.KEEP,
                        CommitmentOnTermination.WAIVE, "customer left"))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 2310 295.89", "CR 4100 295.89", "DR 2310 904.11", "CR 2400 904.11");
    }

    @Test
    void terminationWithoutRefundReleasesWhatWasBilledToRevenueAndBillsWhatWasEarned() {
        Capture events = new Capture();
        fixture.givenCommands(platformFor("1200.00", BillingSchedule.UPFRONT, TerminationRefund.NONE),
                        new InvoiceContract("c1", "inv", JAN_1))
                .when(new TerminateContract("c1", "end", LocalDate.of(2026, 3, 31), null, null, "customer left"))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 2310 295.89", "CR 4100 295.89", "DR 2310 904.11", "CR 4100 904.11");
        // billed monthly in arrears and never invoiced: the 295.89 earned is billed at termination
        fixture.givenCommands(platformFor("1200.00", BillingSchedule.MONTHLY_IN_ARREARS, TerminationRefund.NONE))
                .when(new TerminateContract("c1", "end", LocalDate.of(2026, 3, 31), null, null, "customer left"))
                .expectEventsMatching(events = new Capture());
        // the plan's January to March items (3 x 100.00) are due by then and billed, then the 4.11 billed beyond
        // what was earned is released
        assertThat(events.postings()).containsExactly("DR 1160 295.89", "CR 4100 295.89",
                "DR 1100 295.89", "CR 1160 295.89", "DR 1100 4.11", "CR 2310 4.11", "DR 2310 4.11", "CR 4100 4.11");
        fixture.givenCommands(platformFor("1200.00", BillingSchedule.UPFRONT, null),
                        new TerminateContract("c1", "end", LocalDate.of(2026, 3, 31), null, null, "customer left"))
                .when(new RecognizeContractRevenue("c1", "r", DEC_31)).expectNoEvents();
    }

    @Test
    void badTermsAreRefusedNamingTheField() {
        fixture.givenNoPriorActivity()
                .when(contract("100.00", BillingSchedule.UPFRONT, List.of(
                        obligation("p", ObligationKind.PLATFORM_ACCESS, "no-such-ssp")), List.of(), null, null))
                .expectNoEvents().expectException(new Rejected(RejectionCode.UNKNOWN_SSP, "obligations[0].sspId", "no SSP"));
        fixture.givenNoPriorActivity()
                .when(contract("100.00", BillingSchedule.UPFRONT, List.of(
                        obligation("p", ObligationKind.PLATFORM_ACCESS, "each-50"),
                        obligation("p", ObligationKind.SUPPORT, "each-50")), List.of(), null, null))
                .expectNoEvents().expectException(new Rejected(RejectionCode.CONTRACT_TERMS_INVALID, "obligations[1].obligationId", "unique"));
        fixture.givenNoPriorActivity()
                .when(contract("100.00", BillingSchedule.UPFRONT, List.of(
                        new ObligationTerms("p", ObligationKind.PRODUCT, null, "each-50", BigDecimal.ONE,
                                RecognitionPattern.RATABLE, null, null, null, null, null, null, null, null)), List.of(), null, null))
                .expectNoEvents().expectException(new Rejected(RejectionCode.CONTRACT_TERMS_INVALID, "obligations[0].pattern", "PRODUCT"));
        fixture.givenNoPriorActivity()
                .when(contract("100.00", BillingSchedule.UPFRONT, List.of(
                        obligation("A", ObligationKind.PRODUCT, "product-a"), obligation("B", ObligationKind.SERVICE, "product-b")),
                        List.of(new DiscountTerms("d", new BigDecimal("60"), List.of("B"), "B alone")), null, null))
                .expectNoEvents().expectException(new Rejected(RejectionCode.DISCOUNT_INVALID, "discounts[0].amount", "larger"));
    }

    // --- test support ---------------------------------------------------------------------------------------

    /** Matches a LedgerRejection whose first violation has this code and field, and a detail containing text. */
    static final class Rejected extends BaseMatcher<Object> {
        private final RejectionCode code;
        private final String field;
        private final String text;

        Rejected(RejectionCode code, String field, String text) {
            this.code = code;
            this.field = field;
            this.text = text;
        }

        @Override
        public boolean matches(Object actual) {
            return actual instanceof LedgerRejection r && r.violations().get(0).code() == code
                    && r.violations().get(0).field().equals(field) && r.violations().get(0).detail().contains(text);
        }

        @Override
        public void describeTo(Description description) {
            description.appendText(code + " on " + field + " saying '" + text + "'");
        }
    }

    static final class ResultCapture extends BaseMatcher<Object> {
        Object payload;

        @Override
        public boolean matches(Object actual) {
            payload = actual;
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("any result");
        }
    }

    static final class Capture extends TypeSafeMatcher<List<EventMessage<?>>> {
        private List<EventMessage<?>> events = List.of();

        @Override
        protected boolean matchesSafely(List<EventMessage<?>> published) {
            events = published;
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("any events");
        }

        List<Object> payloads() {
            return events.stream().map(e -> (Object) e.getPayload()).toList();
        }

        List<String> postings() {
            List<String> rows = new ArrayList<>();
            for (Object payload : payloads()) {
                if (payload instanceof PostsJournalEntry posting && posting.journalEntry() != null) {
                    for (JournalLine line : posting.journalEntry().lines()) {
                        rows.add((line.side().name().equals("DEBIT") ? "DR " : "CR ") + line.accountCode() + " "
                                + line.amount().amount().toPlainString());
                    }
                }
            }
            return rows;
        }
    }
}
