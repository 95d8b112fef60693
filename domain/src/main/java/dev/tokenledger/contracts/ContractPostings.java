package dev.tokenledger.contracts;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.journal.Dimensions;
import dev.tokenledger.journal.EntryKind;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.money.Money;
import dev.tokenledger.periods.PeriodCalendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Builds the journal entry a contract event posts (README "Contracts"), always as debit/credit pairs, and keeps the
 * contract's position: billed less recognised (and less what funded its credit pools). ASC 606-10-45-1 to 45-4
 * present a contract net: while billing is ahead the position is a contract liability (DEFERRED_REVENUE_SUBSCRIPTION),
 * while recognition is ahead a contract asset (CONTRACT_ASSET). So recognising first uses up the liability, then
 * grows the asset; billing first clears the asset, then grows the liability. Lines carry the customer, the contract
 * and, where one is concerned, the obligation (dimension "product") or the credit pool.
 */
final class ContractPostings {

    private final ChartOfAccounts chart;
    private final String customerId;
    private final String contractId;
    private final Currency currency;
    private final List<JournalLine> lines = new ArrayList<>();
    private long position;

    ContractPostings(ChartOfAccounts chart, String customerId, String contractId, Currency currency, long position) {
        this.chart = chart;
        this.customerId = customerId;
        this.contractId = contractId;
        this.currency = currency;
        this.position = position;
    }

    long position() {
        return position;
    }

    /** Revenue of an obligation (negative: revenue reversed), against the contract's position. */
    ContractPostings recognize(AccountRole revenue, long minor, String obligationId) {
        return againstPosition(revenue, minor, obligationId, null);
    }

    /** A credit pool funded with the consideration allocated to it: the pool's own liability takes it over. */
    ContractPostings fundPool(long minor, String obligationId, String poolId) {
        return againstPosition(AccountRole.DEFERRED_REVENUE_CREDITS, minor, obligationId, poolId);
    }

    /** A material right funded with its allocated amount: its own liability holds it until exercise or lapse. */
    ContractPostings fundMaterialRight(long minor, String obligationId) {
        return againstPosition(AccountRole.MATERIAL_RIGHT_LIABILITY, minor, obligationId, null);
    }

    /** Revenue of a material right out of its own liability (negative: an estimate change gives some back). */
    ContractPostings recognizeMaterialRight(long minor, String obligationId) {
        if (minor > 0) {
            pair(AccountRole.MATERIAL_RIGHT_LIABILITY, AccountRole.MATERIAL_RIGHT_REVENUE, minor, obligationId, null);
        } else if (minor < 0) {
            pair(AccountRole.MATERIAL_RIGHT_REVENUE, AccountRole.MATERIAL_RIGHT_LIABILITY, -minor, obligationId, null);
        }
        return this;
    }

    private ContractPostings againstPosition(AccountRole credited, long minor, String obligationId, String poolId) {
        if (minor > 0) {
            long fromLiability = Math.min(minor, Math.max(position, 0));
            pair(AccountRole.DEFERRED_REVENUE_SUBSCRIPTION, credited, fromLiability, obligationId, poolId);
            pair(AccountRole.CONTRACT_ASSET, credited, minor - fromLiability, obligationId, poolId);
        } else if (minor < 0) {
            long back = -minor;
            long fromAsset = Math.min(back, Math.max(-position, 0));
            pair(credited, AccountRole.CONTRACT_ASSET, fromAsset, obligationId, poolId);
            pair(credited, AccountRole.DEFERRED_REVENUE_SUBSCRIPTION, back - fromAsset, obligationId, poolId);
        }
        position -= minor;
        return this;
    }

    /** An invoice (or a cash sale): the receivable or cash against the position. */
    ContractPostings bill(AccountRole debit, long minor) {
        long againstAsset = Math.min(minor, Math.max(-position, 0));
        pair(debit, AccountRole.CONTRACT_ASSET, againstAsset, null, null);
        pair(debit, AccountRole.DEFERRED_REVENUE_SUBSCRIPTION, minor - againstAsset, null, null);
        position += minor;
        return this;
    }

    /** Billed consideration given back: the contract liability against a refund payable. */
    ContractPostings refund(long minor) {
        pair(AccountRole.DEFERRED_REVENUE_SUBSCRIPTION, AccountRole.REFUND_LIABILITY, minor, null, null);
        position -= minor;
        return this;
    }

    /** A movement outside the position (a payment, a shortfall invoiced as earned). */
    ContractPostings pair(AccountRole debit, AccountRole credit, long minor, String obligationId, String poolId) {
        if (minor == 0) {
            return this;
        }
        if (minor < 0) {
            throw new IllegalStateException("contract pairs post positive amounts");
        }
        Money amount = Money.ofMinor(minor, currency);
        Dimensions dimensions = new Dimensions(customerId, contractId, poolId, null, null, obligationId).normalized();
        lines.add(new JournalLine(chart.accountFor(debit).code(), Side.DEBIT, amount, dimensions));
        lines.add(new JournalLine(chart.accountFor(credit).code(), Side.CREDIT, amount, dimensions));
        return this;
    }

    /** The entry, routed past closed periods; null when there is nothing to post. */
    PostedEntry entry(String requestId, LocalDate effectiveDate, String memo, String reason, String policyVersion,
                      PeriodCalendar calendar) {
        if (lines.isEmpty()) {
            return null;
        }
        PeriodCalendar.Routing routing = calendar.route(effectiveDate);
        return new PostedEntry(ContractIds.entryId(contractId, requestId), EntryKind.BUSINESS_EVENT, effectiveDate,
                routing.postingDate(), routing.priorPeriod(), memo, reason, policyVersion, null, lines);
    }
}
