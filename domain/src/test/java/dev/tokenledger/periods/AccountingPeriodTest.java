package dev.tokenledger.periods;

import dev.tokenledger.kernel.InputFingerprint;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

class AccountingPeriodTest {

    private static final YearMonth JAN = YearMonth.of(2026, 1);
    private FixtureConfiguration<AccountingPeriod> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AccountingPeriod.class);
    }

    @Test
    void anOpenPeriodCloses() {
        fixture.givenNoPriorActivity()
                .when(new ClosePeriod(JAN, "close-jan"))
                .expectEvents(new PeriodClosed(JAN, "close-jan", InputFingerprint.of("close", JAN)))
                .expectResultMessagePayload(new PeriodChangeResult(JAN, true, false));
    }

    @Test
    void closingAClosedPeriodIsRejectedButARetryIsANoOp() {
        PeriodClosed closed = new PeriodClosed(JAN, "close-jan", InputFingerprint.of("close", JAN));
        fixture.given(closed).when(new ClosePeriod(JAN, "close-jan"))
                .expectNoEvents().expectResultMessagePayload(new PeriodChangeResult(JAN, true, true));
        fixture.given(closed).when(new ClosePeriod(JAN, "close-jan-again"))
                .expectNoEvents().expectExceptionMessage(containsString("PERIOD_ALREADY_CLOSED"));
    }

    @Test
    void reopeningNeedsAReasonAndIsRecorded() {
        PeriodClosed closed = new PeriodClosed(JAN, "close-jan", InputFingerprint.of("close", JAN));
        fixture.given(closed).when(new ReopenPeriod(JAN, "reopen-1", " "))
                .expectNoEvents().expectExceptionMessage(containsString("REASON_REQUIRED"));
        fixture.given(closed).when(new ReopenPeriod(JAN, "reopen-1", "late vendor invoice"))
                .expectEvents(new PeriodReopened(JAN, "reopen-1", "late vendor invoice",
                        InputFingerprint.of("reopen", JAN, "late vendor invoice")));
    }

    @Test
    void reopeningAnOpenPeriodIsRejected() {
        fixture.givenNoPriorActivity().when(new ReopenPeriod(JAN, "reopen-1", "why"))
                .expectNoEvents().expectExceptionMessage(containsString("PERIOD_NOT_CLOSED"));
    }

    @Test
    void aRequestIdReusedForAnotherRequestIsRejected() {
        PeriodClosed closed = new PeriodClosed(JAN, "req-1", InputFingerprint.of("close", JAN));
        fixture.given(closed).when(new ReopenPeriod(JAN, "req-1", "why"))
                .expectNoEvents().expectExceptionMessage(containsString("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void routingSkipsEveryClosedMonth() {
        Set<YearMonth> closedMonths = Set.of(JAN, JAN.plusMonths(1));
        PeriodCalendar calendar = closedMonths::contains;
        assertThat(calendar.route(LocalDate.of(2026, 1, 31)))
                .isEqualTo(new PeriodCalendar.Routing(LocalDate.of(2026, 3, 1), true));
        assertThat(calendar.route(LocalDate.of(2026, 3, 31)))
                .isEqualTo(new PeriodCalendar.Routing(LocalDate.of(2026, 3, 31), false));
    }
}
