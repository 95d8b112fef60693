package dev.tokenledger.journal;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.money.Money;
import dev.tokenledger.periods.PeriodCalendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * A business event's entry built as debit/credit pairs of roles (the rollforward reads each liability line against
 * the line it is paired with), every line carrying the same customer and contract and, per pair, a product
 * dimension. Routed past closed periods when it is made.
 */
public final class PairedEntry {

    private final ChartOfAccounts chart;
    private final String customerId;
    private final String contractId;
    private final Currency currency;
    private final List<JournalLine> lines = new ArrayList<>();

    public PairedEntry(ChartOfAccounts chart, String customerId, String contractId, Currency currency) {
        this.chart = chart;
        this.customerId = customerId;
        this.contractId = contractId;
        this.currency = currency;
    }

    /** Debit one role and credit another with the same positive amount; zero posts nothing. */
    public PairedEntry pair(AccountRole debit, AccountRole credit, long minor, String product) {
        if (minor == 0) {
            return this;
        }
        if (minor < 0) {
            throw new IllegalStateException("pairs post positive amounts, got " + minor + " for " + debit + "/" + credit);
        }
        Money amount = Money.ofMinor(minor, currency);
        Dimensions d = new Dimensions(customerId, contractId, null, null, null, product).normalized();
        lines.add(new JournalLine(chart.accountFor(debit).code(), Side.DEBIT, amount, d));
        lines.add(new JournalLine(chart.accountFor(credit).code(), Side.CREDIT, amount, d));
        return this;
    }

    /** A signed movement between two roles: positive debits {@code whenPositiveDebit}, negative the other way. */
    public PairedEntry signed(AccountRole whenPositiveDebit, AccountRole whenPositiveCredit, long minor, String product) {
        return minor >= 0 ? pair(whenPositiveDebit, whenPositiveCredit, minor, product)
                : pair(whenPositiveCredit, whenPositiveDebit, -minor, product);
    }

    /** The entry, or null when there is nothing to post. */
    public PostedEntry entry(String entryId, LocalDate effectiveDate, String memo, String reason, String policyVersion,
                             PeriodCalendar calendar) {
        if (lines.isEmpty()) {
            return null;
        }
        PeriodCalendar.Routing routing = calendar.route(effectiveDate);
        return new PostedEntry(entryId, EntryKind.BUSINESS_EVENT, effectiveDate, routing.postingDate(),
                routing.priorPeriod(), memo, reason, policyVersion, null, lines);
    }
}
