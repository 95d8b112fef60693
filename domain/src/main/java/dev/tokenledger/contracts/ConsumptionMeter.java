package dev.tokenledger.contracts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A customer's billable usage over a span of dates, as its wallet recorded it: the value of usage drawn from paid
 * pools and of overage, at the prices it was posted at; promotional credits do not count.
 */
public interface ConsumptionMeter {

    /**
     * @param value    the exact value
     * @param postings how many wallet events (usage postings and draws) it sums
     */
    record Consumption(BigDecimal value, int postings) {
    }

    Consumption billableUsage(String customerId, String currency, LocalDate from, LocalDate through);
}
