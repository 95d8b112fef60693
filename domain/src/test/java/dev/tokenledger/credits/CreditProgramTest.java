package dev.tokenledger.credits;

import dev.tokenledger.kernel.InputFingerprint;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

import static org.hamcrest.Matchers.containsString;

class CreditProgramTest {

    static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    FixtureConfiguration<CreditProgram> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CreditProgram.class);
    }

    static AdoptCreditProgram adopt(String requestId, LocalDate from, BreakagePolicy policy, String rate) {
        return new AdoptCreditProgram("standard", requestId, from, "USD", new BigDecimal("0.01"),
                ExpiryRule.daysAfterPurchase(365), policy, rate == null ? null : new BigDecimal(rate),
                new BigDecimal("0.05"), true);
    }

    static String hash(AdoptCreditProgram c) {
        return InputFingerprint.of("program", c.effectiveFrom(), c.currency(), c.valuePerCredit(), c.expiry(),
                c.breakagePolicy(), c.expectedRedemptionRate(), c.escheatShare(), c.refundsAllowed(), c.dormancyDays());
    }

    @Test
    void adoptingAndChangingAProgramCreatesVersionsWithEffectiveDates() {
        AdoptCreditProgram v1 = adopt("v1", JAN_1, BreakagePolicy.REMOTE, null);
        CreditTerms terms1 = new CreditTerms("standard", 1, Currency.getInstance("USD"), new BigDecimal("0.01"),
                ExpiryRule.daysAfterPurchase(365), BreakagePolicy.REMOTE, null, new BigDecimal("0.05"), true);
        fixture.givenNoPriorActivity().when(v1)
                .expectEvents(new CreditProgramAdopted("standard", "v1", JAN_1, terms1, hash(v1)))
                .expectResultMessagePayload(new CreditProgram.Adopted("standard", 1, false));

        AdoptCreditProgram v2 = adopt("v2", JAN_1.plusMonths(6), BreakagePolicy.PROPORTIONAL, "0.8");
        CreditTerms terms2 = new CreditTerms("standard", 2, Currency.getInstance("USD"), new BigDecimal("0.01"),
                ExpiryRule.daysAfterPurchase(365), BreakagePolicy.PROPORTIONAL, new BigDecimal("0.8"), new BigDecimal("0.05"), true);
        fixture.givenCommands(v1).when(v2)
                .expectEvents(new CreditProgramAdopted("standard", "v2", JAN_1.plusMonths(6), terms2, hash(v2)));
        fixture.givenCommands(v1).when(v1).expectNoEvents()
                .expectResultMessagePayload(new CreditProgram.Adopted("standard", 1, true));
    }

    @Test
    void invalidTermsAreRejected() {
        fixture.givenCommands(adopt("v1", JAN_1, BreakagePolicy.REMOTE, null))
                .when(adopt("v0", JAN_1.minusDays(1), BreakagePolicy.REMOTE, null))
                .expectNoEvents().expectExceptionMessage(containsString("PROGRAM_TERMS_INVALID"));
        fixture.givenNoPriorActivity().when(adopt("v1", JAN_1, BreakagePolicy.PROPORTIONAL, null))
                .expectNoEvents().expectExceptionMessage(containsString("expectedRedemptionRate"));
        fixture.givenNoPriorActivity().when(adopt("v1", JAN_1, BreakagePolicy.PROPORTIONAL, "1.5"))
                .expectNoEvents().expectExceptionMessage(containsString("PROGRAM_TERMS_INVALID"));
        fixture.givenNoPriorActivity().when(new AdoptCreditProgram("standard", "v1", JAN_1, "XYZ", BigDecimal.ONE,
                        null, null, null, null, null))
                .expectNoEvents().expectExceptionMessage(containsString("UNKNOWN_CURRENCY"));
        fixture.givenNoPriorActivity().when(new AdoptCreditProgram("standard", "v1", JAN_1, "USD", BigDecimal.ZERO,
                        null, null, null, null, null))
                .expectNoEvents().expectExceptionMessage(containsString("valuePerCredit"));
        fixture.givenNoPriorActivity().when(new AdoptCreditProgram("standard", "v1", JAN_1, "USD", BigDecimal.ONE,
                        new ExpiryRule(ExpiryRule.Kind.DAYS_AFTER_PURCHASE, 0, null), null, null, null, null))
                .expectNoEvents().expectExceptionMessage(containsString("expiry"));
        fixture.givenNoPriorActivity().when(new AdoptCreditProgram("standard", "v1", null, "USD", BigDecimal.ONE,
                        null, null, null, null, null))
                .expectNoEvents().expectExceptionMessage(containsString("EFFECTIVE_DATE_REQUIRED"));
        fixture.givenNoPriorActivity().when(new AdoptCreditProgram("standard", "v1", JAN_1, "USD", BigDecimal.ONE,
                        null, BreakagePolicy.PROPORTIONAL, new BigDecimal("0.5"), null, null, 90))
                .expectNoEvents().expectExceptionMessage(containsString("dormancyDays"));
        fixture.givenCommands(adopt("v1", JAN_1, BreakagePolicy.REMOTE, null))
                .when(adopt("v1", JAN_1, BreakagePolicy.PROPORTIONAL, "0.5"))
                .expectNoEvents().expectExceptionMessage(containsString("IDEMPOTENCY_KEY_REUSED"));
    }
}
