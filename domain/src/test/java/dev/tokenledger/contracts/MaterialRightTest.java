package dev.tokenledger.contracts;

import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.contracts.ContractCommands.BillingTerms;
import dev.tokenledger.contracts.ContractCommands.DeliverObligation;
import dev.tokenledger.contracts.ContractCommands.ExerciseMaterialRight;
import dev.tokenledger.contracts.ContractCommands.InvoiceContract;
import dev.tokenledger.contracts.ContractCommands.LapseMaterialRight;
import dev.tokenledger.contracts.ContractCommands.ObligationTerms;
import dev.tokenledger.contracts.ContractCommands.ReviseMaterialRightEstimate;
import dev.tokenledger.contracts.ContractCommands.SignContract;
import dev.tokenledger.contracts.ContractTest.Capture;
import dev.tokenledger.contracts.ContractTest.Rejected;
import dev.tokenledger.credits.BreakagePolicy;
import dev.tokenledger.credits.CreditProgramBook;
import dev.tokenledger.credits.CreditTerms;
import dev.tokenledger.credits.ExpiryRule;
import dev.tokenledger.credits.Settlement;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.RejectionCode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Material rights worked by hand (ASC 606-10-55-41 to 55-45, Examples 49 and 52 of ASC 606-10-55-336 and 55-353;
 * README "Material rights"). Accounts: 1100 receivables, 1160 contract assets, 2300 prepaid credits, 2310 contract
 * liability, 2320 material-right liability, 4500 product revenue, 4600 material-right revenue.
 */
class MaterialRightTest {

    static final Currency USD = Currency.getInstance("USD");
    static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    static final LocalDate DEC_31 = LocalDate.of(2026, 12, 31);
    final Map<String, SspTerms> ssps = new HashMap<>();
    FixtureConfiguration<Contract> fixture;

    @BeforeEach
    void setUp() {
        ssp("product-100", "100");
        ssp("goods-100k", "100000");
        // Example 49: a 40% voucher on up to $100 of purchases, 10% offered to everyone: 30% x $50 expected = $15
        ssp("voucher-discount", "15");
        ssp("point-discount", "1");
        ssp("credit", "0.01");
        fixture = new AggregateTestFixture<>(Contract.class);
        fixture.registerInjectableResource(ChartLoader.defaultChart());
        fixture.registerInjectableResource((PeriodCalendar) period -> false);
        fixture.registerInjectableResource((SspBook) (id, date) -> Optional.ofNullable(ssps.get(id)));
        CreditTerms credits = new CreditTerms("enterprise", 1, USD, new BigDecimal("0.01"),
                ExpiryRule.daysAfterPurchase(365), BreakagePolicy.REMOTE, null, BigDecimal.ZERO, false);
        fixture.registerInjectableResource((CreditProgramBook) (id, date) ->
                "enterprise".equals(id) ? Optional.of(credits) : Optional.empty());
        fixture.registerInjectableResource((ConsumptionMeter) (customer, currency, from, through) ->
                new ConsumptionMeter.Consumption(BigDecimal.ZERO, 0));
    }

    void ssp(String id, String price) {
        ssps.put(id, new SspTerms(id, 1, JAN_1.minusYears(1), id, USD, SspMethod.OBSERVABLE_PRICE, "each",
                new BigDecimal(price), null, null, "price list 2025", JAN_1.minusYears(1)));
    }

    static ObligationTerms product(String id, String ssp) {
        return new ObligationTerms(id, ObligationKind.PRODUCT, null, ssp, BigDecimal.ONE, null, null, null, null, null,
                null, null, null, null);
    }

    static ObligationTerms option(String id, String ssp, String units, RecognitionPattern pattern, String likelihood,
                                  LocalDate expiresOn) {
        return new ObligationTerms(id, ObligationKind.MATERIAL_RIGHT, null, ssp, new BigDecimal(units), pattern, null,
                null, null, null, null, null, expiresOn, null, new BigDecimal(likelihood));
    }

    static SignContract contract(String price, List<ObligationTerms> obligations) {
        return new SignContract("c1", "acme", "USD", JAN_1, JAN_1, DEC_31, new BigDecimal(price), obligations,
                List.of(), null, new BillingTerms(BillingSchedule.UPFRONT, Settlement.INVOICED, 30), null, null, null);
    }

    static final LocalDate VOUCHER_EXPIRES = LocalDate.of(2026, 1, 31);

    /** Example 49: product 100 and a voucher, SSP 15 x 80% = 12: 100 x 100/112 = 89.29, 100 x 12/112 = 10.71. */
    static SignContract voucherSale() {
        return contract("100.00", List.of(product("product", "product-100"),
                option("voucher", "voucher-discount", "1", RecognitionPattern.EXERCISE_OR_LAPSE, "0.8", VOUCHER_EXPIRES)));
    }

    @Test
    void aVoucherThatIsUsed() {
        Capture events = new Capture();
        fixture.givenNoPriorActivity().when(voucherSale()).expectEventsMatching(events);
        // nothing billed yet: the voucher's liability is matched by a contract asset until the invoice
        assertThat(events.postings()).containsExactly("DR 1160 10.71", "CR 2320 10.71");

        fixture.givenCommands(voucherSale(), new InvoiceContract("c1", "inv-1", JAN_1))
                .when(new DeliverObligation("c1", "product", "ship", JAN_1)).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2310 89.29", "CR 4500 89.29");

        fixture.givenCommands(voucherSale(), new InvoiceContract("c1", "inv-1", JAN_1),
                        new DeliverObligation("c1", "product", "ship", JAN_1))
                .when(new ExerciseMaterialRight("c1", "voucher", "use", LocalDate.of(2026, 1, 20), BigDecimal.ONE))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2320 10.71", "CR 4600 10.71");

        fixture.givenCommands(voucherSale(), new ExerciseMaterialRight("c1", "voucher", "use", LocalDate.of(2026, 1, 20), BigDecimal.ONE))
                .when(new ExerciseMaterialRight("c1", "voucher", "use-again", LocalDate.of(2026, 1, 21), BigDecimal.ONE))
                .expectException(new Rejected(RejectionCode.OPTION_LAPSED, "obligationId", "exercised in full"));
    }

    @Test
    void aVoucherThatExpires() {
        fixture.givenCommands(voucherSale())
                .when(new LapseMaterialRight("c1", "voucher", "lapse", LocalDate.of(2026, 1, 30), null))
                .expectException(new Rejected(RejectionCode.OPTION_NOT_YET_EXPIRED, "effectiveDate", "2026-01-31"));
        fixture.givenCommands(voucherSale())
                .when(new ExerciseMaterialRight("c1", "voucher", "late", LocalDate.of(2026, 2, 1), BigDecimal.ONE))
                .expectException(new Rejected(RejectionCode.OPTION_LAPSED, "effectiveDate", "expired on 2026-01-31"));
        Capture events = new Capture();
        fixture.givenCommands(voucherSale())
                .when(new LapseMaterialRight("c1", "voucher", "lapse", VOUCHER_EXPIRES, "not used by its expiry"))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 2320 10.71", "CR 4600 10.71");
    }

    /**
     * Example 52: 10,000 points on 100,000 of goods, 9,500 expected to be redeemed (SSP 9,500). Allocated to the
     * points 100,000 x 9,500 / 109,500 = 8,675.80 (the example rounds to 8,676). Year 1: 4,500 redeemed, revenue
     * 8,675.80 x 4,500 / 9,500 = 4,109.59 (the example: 4,110). Year 2: expectation raised to 9,700 (a catch-up of
     * 8,675.80 x 4,500 / 9,700 = 4,024.86 less 4,109.59 = -84.73), then 4,000 more redeemed: cumulative 8,675.80 x
     * 8,500 / 9,700 = 7,602.51, so year 2 recognises 7,602.51 - 4,109.59 = 3,492.92 (the example: 3,493).
     */
    @Test
    void loyaltyPointsAcrossTwoPeriodsWithAnEstimateChange() {
        SignContract sale = contract("100000.00", List.of(product("goods", "goods-100k"),
                option("points", "point-discount", "10000", RecognitionPattern.PORTFOLIO_REDEMPTION, "0.95", null)));
        ExerciseMaterialRight year1 = new ExerciseMaterialRight("c1", "points", "y1", DEC_31, new BigDecimal("4500"));
        Capture events = new Capture();
        fixture.givenCommands(sale).when(year1).expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 2320 4109.59", "CR 4600 4109.59");

        ReviseMaterialRightEstimate revise = new ReviseMaterialRightEstimate("c1", "points", "y2-estimate",
                LocalDate.of(2027, 12, 31), new BigDecimal("9700"), "redemption history of year 2");
        fixture.givenCommands(sale, year1).when(revise).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 4600 84.73", "CR 2320 84.73");

        fixture.givenCommands(sale, year1, revise)
                .when(new ExerciseMaterialRight("c1", "points", "y2", LocalDate.of(2027, 12, 31), new BigDecimal("4000")))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2320 3577.65", "CR 4600 3577.65");

        // the same year 2 in the other order books the same total: 3,652.97 - 160.05 = 3,492.92
        ExerciseMaterialRight firstRedeem = new ExerciseMaterialRight("c1", "points", "y2", LocalDate.of(2027, 12, 31), new BigDecimal("4000"));
        fixture.givenCommands(sale, year1).when(firstRedeem).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2320 3652.97", "CR 4600 3652.97");
        fixture.givenCommands(sale, year1, firstRedeem).when(revise).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 4600 160.05", "CR 2320 160.05");

        fixture.givenCommands(sale, year1)
                .when(new ReviseMaterialRightEstimate("c1", "points", "bad", DEC_31, new BigDecimal("4000"), "too low"))
                .expectException(new Rejected(RejectionCode.ESTIMATE_OUT_OF_RANGE, "expectedUnits", "4500"));
    }

    /**
     * 100,000 credits for 1,000.00 with 20,000 bonus credits the customer would not get otherwise, expiring on
     * 2026-03-31; a bonus credit is worth 0.01 and half are expected to be used: SSP 20,000 x 0.01 x 0.5 = 100.
     * Allocated: pool 1,000 x 1,000/1,100 = 909.09, bonus 90.91 (the odd cent by largest remainder).
     */
    static SignContract creditsWithBonus(RecognitionPattern policy) {
        ObligationTerms pool = new ObligationTerms("credits", ObligationKind.CREDIT_POOL, null, "credit", null, null,
                null, null, null, null, "enterprise", new BigDecimal("100000"), null, null);
        return contract("1000.00", List.of(pool,
                option("bonus", "credit", "20000", policy, "0.5", LocalDate.of(2026, 3, 31))));
    }

    @Test
    void bonusCreditsRightByRight() {
        Capture events = new Capture();
        fixture.givenNoPriorActivity().when(creditsWithBonus(RecognitionPattern.EXERCISE_OR_LAPSE)).expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 1160 909.09", "CR 2300 909.09", "DR 1160 90.91", "CR 2320 90.91");
        // 5,000 of 20,000 used: 90.91 x 5,000 / 20,000 = 22.7275 -> 22.73; the rest at expiry 68.18
        ExerciseMaterialRight used = new ExerciseMaterialRight("c1", "bonus", "used", LocalDate.of(2026, 2, 15), new BigDecimal("5000"));
        fixture.givenCommands(creditsWithBonus(RecognitionPattern.EXERCISE_OR_LAPSE)).when(used)
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2320 22.73", "CR 4600 22.73");
        fixture.givenCommands(creditsWithBonus(RecognitionPattern.EXERCISE_OR_LAPSE), used)
                .when(new LapseMaterialRight("c1", "bonus", "expired", LocalDate.of(2026, 3, 31), null))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2320 68.18", "CR 4600 68.18");
        fixture.givenCommands(creditsWithBonus(RecognitionPattern.EXERCISE_OR_LAPSE))
                .when(new ReviseMaterialRightEstimate("c1", "bonus", "r", JAN_1, new BigDecimal("100"), "x"))
                .expectException(new Rejected(RejectionCode.NOT_A_PORTFOLIO, "obligationId", "EXERCISE_OR_LAPSE"));
        fixture.givenCommands(creditsWithBonus(RecognitionPattern.EXERCISE_OR_LAPSE))
                .when(new ExerciseMaterialRight("c1", "bonus", "too-many", JAN_1, new BigDecimal("20001")))
                .expectException(new Rejected(RejectionCode.OPTION_UNITS_EXCEEDED, "units", "20000"));
    }

    @Test
    void bonusCreditsAsAPortfolio() {
        // expected 20,000 x 0.5 = 10,000: 5,000 used earns 90.91 x 5,000 / 10,000 = 45.455 -> 45.46; 45.45 at expiry
        ExerciseMaterialRight used = new ExerciseMaterialRight("c1", "bonus", "used", LocalDate.of(2026, 2, 15), new BigDecimal("5000"));
        Capture events = new Capture();
        fixture.givenCommands(creditsWithBonus(RecognitionPattern.PORTFOLIO_REDEMPTION)).when(used)
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 2320 45.46", "CR 4600 45.46");
        fixture.givenCommands(creditsWithBonus(RecognitionPattern.PORTFOLIO_REDEMPTION), used)
                .when(new LapseMaterialRight("c1", "bonus", "expired", LocalDate.of(2026, 3, 31), null))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2320 45.45", "CR 4600 45.45");
    }

    @Test
    void termsOfAMaterialRightAreCheckedNamingTheField() {
        fixture.givenNoPriorActivity()
                .when(contract("100.00", List.of(product("product", "product-100"),
                        option("voucher", "voucher-discount", "1", null, "0", null))))
                .expectException(new Rejected(RejectionCode.CONTRACT_TERMS_INVALID, "obligations[1].exerciseLikelihood", "(0, 1]"));
        fixture.givenNoPriorActivity()
                .when(contract("100.00", List.of(product("product", "product-100"),
                        option("voucher", "voucher-discount", "1", RecognitionPattern.ON_DELIVERY, "0.5", null))))
                .expectException(new Rejected(RejectionCode.CONTRACT_TERMS_INVALID, "obligations[1].pattern", "MATERIAL_RIGHT"));
        fixture.givenCommands(voucherSale())
                .when(new ExerciseMaterialRight("c1", "product", "x", JAN_1, BigDecimal.ONE))
                .expectException(new Rejected(RejectionCode.NOT_A_MATERIAL_RIGHT, "obligationId", "PRODUCT"));
    }
}
