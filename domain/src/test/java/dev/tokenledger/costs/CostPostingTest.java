package dev.tokenledger.costs;

import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.costs.Commands.AllocateInfrastructureCost;
import dev.tokenledger.costs.Commands.RecordVendorInvoice;
import dev.tokenledger.costs.Commands.UsageShare;
import dev.tokenledger.costs.Events.InfrastructureCostAllocated;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.LedgerRejection;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CostPostingTest {

    FixtureConfiguration<CostPosting> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CostPosting.class);
        fixture.registerInjectableResource(ChartLoader.defaultChart());
        fixture.registerInjectableResource((PeriodCalendar) period -> false);
    }

    @Test
    void vendorInvoiceSettlesAccruedComputeIntoPayables() {
        RecordVendorInvoice invoice = new RecordVendorInvoice("inv-7", "gpu-cloud", LocalDate.of(2026, 3, 31),
                new BigDecimal("1234.56"), "USD", null);
        fixture.givenNoPriorActivity().when(invoice).expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(Events.VendorInvoiceRecorded.class))));
        fixture.givenCommands(invoice).when(invoice).expectNoEvents();
        fixture.givenCommands(invoice)
                .when(new RecordVendorInvoice("inv-7", "gpu-cloud", LocalDate.of(2026, 3, 31), new BigDecimal("1"), "USD", null))
                .expectException(LedgerRejection.class);
    }

    @Test
    void infrastructureCostIsAllocatedByTokenShareWithLargestRemainder() {
        // $100.00 over 1:1:1 tokens: 33.34, 33.33, 33.33
        var captured = new java.util.ArrayList<Object>();
        fixture.givenNoPriorActivity()
                .when(new AllocateInfrastructureCost("infra-2026-03", "colo", "2026-03", new BigDecimal("100.00"), "USD",
                        List.of(new UsageShare("a", "atlas", 10), new UsageShare("b", "atlas", 10), new UsageShare("c", "orbit", 10))))
                .expectEventsMatching(new org.hamcrest.TypeSafeMatcher<List<org.axonframework.eventhandling.EventMessage<?>>>() {
                    @Override
                    protected boolean matchesSafely(List<org.axonframework.eventhandling.EventMessage<?>> events) {
                        events.forEach(e -> captured.add(e.getPayload()));
                        return true;
                    }

                    @Override
                    public void describeTo(org.hamcrest.Description description) {
                    }
                });
        InfrastructureCostAllocated e = (InfrastructureCostAllocated) captured.get(0);
        assertThat(e.shares()).extracting(Events.AllocatedShare::amountMinor).containsExactly(3334L, 3333L, 3333L);
        assertThat(e.journalEntry().effectiveDate()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(e.journalEntry().lines()).extracting(JournalLine::accountCode).containsExactly("5100", "5100", "5100", "2000");
    }

    @Test
    void anAllocationNeedsUsageToAllocateBy() {
        fixture.givenNoPriorActivity()
                .when(new AllocateInfrastructureCost("infra-x", "colo", "2026-03", new BigDecimal("100.00"), "USD", List.of()))
                .expectException(LedgerRejection.class);
    }
}
