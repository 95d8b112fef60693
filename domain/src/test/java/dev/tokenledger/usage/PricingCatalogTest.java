package dev.tokenledger.usage;

import dev.tokenledger.rejection.LedgerRejection;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.hamcrest.Matchers.containsString;

class PricingCatalogTest {

    FixtureConfiguration<PricingCatalog> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PricingCatalog.class);
    }

    static PublishRateCard card(int version, LocalDate from, String price) {
        return new PublishRateCard("list", version, from, "USD", null, List.of(
                new UnitPrice("atlas", "input_tokens", TierMode.GRADUATED, List.of(new Tier(null, new BigDecimal(price))))));
    }

    @Test
    void versionsFollowEachOtherAndRepublishingTheSameVersionIsANoOp() {
        LocalDate march = LocalDate.of(2026, 3, 1);
        fixture.givenNoPriorActivity().when(card(1, march, "0.000003"))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(RateCardPublished.class))));
        fixture.givenCommands(card(1, march, "0.000003")).when(card(1, march, "0.0000030")).expectNoEvents();
        fixture.givenCommands(card(1, march, "0.000003")).when(card(1, march, "0.000004"))
                .expectException(LedgerRejection.class).expectExceptionMessage(containsString("other content"));
        fixture.givenCommands(card(1, march, "0.000003")).when(card(3, march, "0.000004"))
                .expectException(LedgerRejection.class);
        fixture.givenCommands(card(1, march, "0.000003")).when(card(2, march.minusDays(1), "0.000004"))
                .expectException(LedgerRejection.class);
    }

    @Test
    void tiersMustIncreaseAndEndUnbounded() {
        fixture.givenNoPriorActivity()
                .when(new PublishRateCard("list", 1, LocalDate.of(2026, 3, 1), "USD", null, List.of(
                        new UnitPrice("atlas", "input_tokens", TierMode.GRADUATED,
                                List.of(new Tier(1000L, BigDecimal.ONE), new Tier(500L, BigDecimal.ONE))))))
                .expectException(LedgerRejection.class);
    }
}
