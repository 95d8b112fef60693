package dev.tokenledger.credits;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.credits.Commands.InvoiceOverage;
import dev.tokenledger.credits.Commands.RecordPayment;
import dev.tokenledger.credits.Events.CreditsPurchased;
import dev.tokenledger.credits.Events.InvoicePaid;
import dev.tokenledger.credits.Events.OverageInvoiced;
import dev.tokenledger.credits.Events.UsageDrawn;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.money.Money;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;
import dev.tokenledger.usage.UsageRecorded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What the customer owes the company through its wallet: overage (usage beyond the pools, billed in arrears, accrued
 * by cumulative catch-up on UNBILLED_RECEIVABLE), its invoices, and payments of those invoices and of invoiced
 * purchases (README "Prepaid credits").
 */
final class Receivables {

    private final WalletProfile profile;
    private final RequestLog requests;
    private final CreditPools pools;
    /** Cumulative exact value of overage, and the minor units posted for it (catch-up). */
    private BigDecimal overageValue = BigDecimal.ZERO;
    private long overagePosted;
    private long overageInvoiced;
    /** Receivables still open, by invoice id (overage invoices, and invoiced purchases under their purchase id). */
    private final Map<String, Long> openInvoices = new HashMap<>();

    Receivables(WalletProfile profile, RequestLog requests, CreditPools pools) {
        this.profile = profile;
        this.requests = requests;
        this.pools = pools;
    }

    /** The overage after adding {@code value} of usage no pool covers, and the minor units to post for it now. */
    record OverageAccrual(BigDecimal valueAfter, long minorToPost) {
    }

    OverageAccrual accrue(BigDecimal value, java.util.Currency currency) {
        BigDecimal after = overageValue.add(value);
        long minor = CreditPool.roundHalfUp(after.movePointRight(Money.fractionDigits(currency))) - overagePosted;
        return new OverageAccrual(after, minor);
    }

    /** Whether {@code value} more of overage keeps the wallet's lifetime overage within {@link Limits}. */
    boolean canAccrue(BigDecimal value) {
        return overageValue.add(value).compareTo(Limits.MAX_LIFETIME_MAJOR) < 0;
    }

    @CommandHandler
    Wallet.WalletResult handle(InvoiceOverage c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("invoice", c.effectiveDate(), c.amount());
        return requests.once(c.customerId(), c.invoiceId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "invoiceId", c.invoiceId());
            RequestChecks.date(v, "effectiveDate", c.effectiveDate());
            long unbilled = overagePosted - overageInvoiced;
            long amount = unbilled;
            if (c.amount() != null) {
                amount = RequestChecks.amount(v, "amount", c.amount(), profile.currency());
            } else if (unbilled <= 0) {
                v.add(RejectionCode.NON_POSITIVE_AMOUNT, "amount", "there is no unbilled overage to invoice");
            }
            v.throwIfAny();
            if (amount > unbilled) {
                throw LedgerRejection.of(RejectionCode.INVOICE_EXCEEDS_UNBILLED, "amount", "unbilled overage is "
                        + Money.ofMinor(unbilled, profile.currency()));
            }
            PostedEntry entry = new WalletPostings(chart, profile.customerId(), profile.currency())
                    .move(AccountRole.ACCOUNTS_RECEIVABLE, AccountRole.UNBILLED_RECEIVABLE, amount, null)
                    .entry(c.invoiceId(), c.effectiveDate(), "Overage invoiced", pools.lastPolicyVersion(), calendar);
            apply(new OverageInvoiced(profile.customerId(), c.invoiceId(), c.effectiveDate(), amount, entry, hash));
            return new Wallet.WalletResult(c.invoiceId(), entry.entryId(), false);
        });
    }

    @CommandHandler
    Wallet.WalletResult handle(RecordPayment c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("payment", c.invoiceId(), c.effectiveDate(), c.amount());
        return requests.once(c.customerId(), c.paymentId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "paymentId", c.paymentId());
            RequestChecks.date(v, "effectiveDate", c.effectiveDate());
            Long open = c.invoiceId() == null ? null : openInvoices.get(c.invoiceId());
            if (open == null) {
                throw LedgerRejection.of(RejectionCode.UNKNOWN_INVOICE, "invoiceId", "no open invoice " + c.invoiceId());
            }
            long amount = c.amount() == null ? open : RequestChecks.amount(v, "amount", c.amount(), profile.currency());
            v.throwIfAny();
            if (amount > open) {
                throw LedgerRejection.of(RejectionCode.PAYMENT_EXCEEDS_INVOICE, "amount", "invoice " + c.invoiceId()
                        + " has " + Money.ofMinor(open, profile.currency()) + " open");
            }
            PostedEntry entry = new WalletPostings(chart, profile.customerId(), profile.currency())
                    .move(AccountRole.CASH, AccountRole.ACCOUNTS_RECEIVABLE, amount, null)
                    .entry(c.paymentId(), c.effectiveDate(), "Invoice " + c.invoiceId() + " paid", pools.lastPolicyVersion(), calendar);
            apply(new InvoicePaid(profile.customerId(), c.paymentId(), c.invoiceId(), c.effectiveDate(), amount, entry, hash));
            return new Wallet.WalletResult(c.paymentId(), entry.entryId(), false);
        });
    }

    @EventSourcingHandler
    void on(CreditsPurchased e) {
        if (e.settlement() == Settlement.INVOICED) {
            openInvoices.put(e.poolId(), e.priceMinor());
        }
    }

    @EventSourcingHandler
    void on(UsageDrawn e) {
        overageValue = e.overageValueAfter();
        overagePosted += e.overageMinor();
    }

    @EventSourcingHandler
    void on(UsageRecorded e) {
        overageValue = e.overageValueAfter();
        overagePosted += e.overageMinor();
    }

    @EventSourcingHandler
    void on(OverageInvoiced e) {
        overageInvoiced += e.amountMinor();
        openInvoices.put(e.invoiceId(), e.amountMinor());
        requests.record(e.invoiceId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(InvoicePaid e) {
        long left = openInvoices.get(e.invoiceId()) - e.amountMinor();
        if (left == 0) {
            openInvoices.remove(e.invoiceId());
        } else {
            openInvoices.put(e.invoiceId(), left);
        }
        requests.record(e.paymentId(), e.inputHash());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Receivables r && overagePosted == r.overagePosted && overageInvoiced == r.overageInvoiced
                && overageValue.compareTo(r.overageValue) == 0 && openInvoices.equals(r.openInvoices);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(overagePosted);
    }
}
