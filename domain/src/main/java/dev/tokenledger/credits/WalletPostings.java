package dev.tokenledger.credits;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.journal.Dimensions;
import dev.tokenledger.journal.EntryKind;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.money.Money;
import dev.tokenledger.kernel.WalletIds;
import dev.tokenledger.periods.PeriodCalendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** Builds the journal entry a wallet event posts, from roles (README "What each business event posts"); empty amounts post nothing. */
final class WalletPostings {

    private final ChartOfAccounts chart;
    private final String customerId;
    private final Currency currency;
    private final List<JournalLine> lines = new ArrayList<>();

    WalletPostings(ChartOfAccounts chart, String customerId, Currency currency) {
        this.chart = chart;
        this.customerId = customerId;
        this.currency = currency;
    }

    /** Debit {@code debit} and credit {@code credit} by {@code minor}; a negative amount swaps the sides. */
    WalletPostings move(AccountRole debit, AccountRole credit, long minor, String poolId) {
        return move(debit, credit, minor, poolId, null, null);
    }

    /** As {@link #move(AccountRole, AccountRole, long, String)}, with the model and feature the amount belongs to. */
    WalletPostings move(AccountRole debit, AccountRole credit, long minor, String poolId, String model, String feature) {
        if (minor == 0) {
            return this;
        }
        if (minor < 0) {
            return move(credit, debit, -minor, poolId, model, feature);
        }
        Money amount = Money.ofMinor(minor, currency);
        Dimensions dimensions = new Dimensions(customerId, null, poolId, model, feature, null).normalized();
        lines.add(new JournalLine(chart.accountFor(debit).code(), Side.DEBIT, amount, dimensions));
        lines.add(new JournalLine(chart.accountFor(credit).code(), Side.CREDIT, amount, dimensions));
        return this;
    }

    /** The entry, routed past closed periods; null when there is nothing to post. */
    PostedEntry entry(String requestId, LocalDate effectiveDate, String memo, String policyVersion,
                      PeriodCalendar calendar) {
        if (lines.isEmpty()) {
            return null;
        }
        PeriodCalendar.Routing routing = calendar.route(effectiveDate);
        return new PostedEntry(WalletIds.entryId(customerId, requestId), EntryKind.BUSINESS_EVENT, effectiveDate,
                routing.postingDate(), routing.priorPeriod(), memo, null, policyVersion, null, lines);
    }
}
