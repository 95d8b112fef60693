package dev.tokenledger.credits;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.credits.Commands.RemitUnclaimedProperty;
import dev.tokenledger.credits.Commands.ReportUnclaimedProperty;
import dev.tokenledger.credits.Events.CreditPoolExpired;
import dev.tokenledger.credits.Events.UnclaimedPropertyRemitted;
import dev.tokenledger.credits.Events.UnclaimedPropertyReported;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.money.Money;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A wallet's unclaimed property (ASC 606-10-55-49; accounting brief §5b; README "Unclaimed property"): amounts owed
 * to a state are never revenue. What a pool's terms expect to escheat (X) is reclassified to
 * UNCLAIMED_PROPERTY_LIABILITY when the property becomes reportable (a dated report naming the jurisdiction and the
 * due date; before expiry where the state's dormancy rule says so, which closes the pool) or at expiry; the
 * remittance to the state is its own event, UNCLAIMED_PROPERTY_LIABILITY to CASH.
 */
final class UnclaimedProperty {

    /** What is owed to a state for one pool: reclassified to the liability, and remitted of it. */
    private record Claim(String jurisdiction, LocalDate dueOn, long reclassified, long remitted) {

        static final Claim NONE = new Claim(null, null, 0, 0);
    }

    private final WalletProfile profile;
    private final RequestLog requests;
    private final CreditPools pools;
    private final Map<String, Claim> claims = new HashMap<>();

    UnclaimedProperty(WalletProfile profile, RequestLog requests, CreditPools pools) {
        this.profile = profile;
        this.requests = requests;
        this.pools = pools;
    }

    @CommandHandler
    Wallet.WalletResult handle(ReportUnclaimedProperty c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("unclaimed", c.poolId(), c.effectiveDate(), c.jurisdiction(), c.dueOn());
        return requests.once(c.customerId(), c.reportId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "reportId", c.reportId());
            RequestChecks.date(v, "effectiveDate", c.effectiveDate());
            RequestChecks.id(v, "jurisdiction", c.jurisdiction());
            if (RequestChecks.date(v, "dueOn", c.dueOn()) && c.effectiveDate() != null && c.dueOn().isBefore(c.effectiveDate())) {
                v.add(RejectionCode.DATE_OUT_OF_RANGE, "dueOn", "the report cannot be due before the property is reportable ("
                        + c.effectiveDate() + ")");
            }
            v.throwIfAny();
            CreditPool pool = pools.existing(c.poolId(), c.effectiveDate());
            Claim claim = claims.get(pool.poolId);
            if (claim != null && claim.jurisdiction() != null) {
                throw LedgerRejection.of(RejectionCode.UNCLAIMED_PROPERTY_ALREADY_REPORTED, "poolId", "pool " + pool.poolId
                        + " was reported to " + claim.jurisdiction());
            }
            if (pool.escheatExpected == 0) {
                throw LedgerRejection.of(RejectionCode.NO_ESCHEAT_EXPECTED, "poolId", "pool " + pool.poolId + "'s program ("
                        + pool.terms.policyVersion() + ") expects no unclaimed property: its escheatShare is 0");
            }
            boolean close = !pool.expired;
            CreditPool.Expiry x = close ? pool.expire() : new CreditPool.Expiry(0, 0);
            PostedEntry entry = new WalletPostings(chart, profile.customerId(), profile.currency())
                    .move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.BREAKAGE_REVENUE, x.breakageDelta(), pool.poolId)
                    .move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.UNCLAIMED_PROPERTY_LIABILITY, x.escheat(), pool.poolId)
                    .entry(c.reportId(), c.effectiveDate(), "Unclaimed property of pool " + pool.poolId + " reportable to "
                            + c.jurisdiction() + ", due " + c.dueOn(), pool.terms.policyVersion(), calendar);
            long owed = (claim == null ? 0 : claim.reclassified() - claim.remitted()) + x.escheat();
            apply(new UnclaimedPropertyReported(profile.customerId(), pool.poolId, c.reportId(), c.effectiveDate(),
                    c.jurisdiction(), c.dueOn(), close, x.breakageDelta(), x.escheat(), owed, entry, hash));
            return Wallet.posted(c.reportId(), entry);
        });
    }

    @CommandHandler
    Wallet.WalletResult handle(RemitUnclaimedProperty c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("remit", c.poolId(), c.remittedOn(), c.amount());
        return requests.once(c.customerId(), c.remittanceId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "remittanceId", c.remittanceId());
            RequestChecks.date(v, "remittedOn", c.remittedOn());
            long amount = c.amount() == null ? -1 : RequestChecks.amount(v, "amount", c.amount(), profile.currency());
            v.throwIfAny();
            CreditPool pool = pools.existing(c.poolId(), c.remittedOn());
            Claim claim = claims.get(pool.poolId);
            if (claim == null || claim.jurisdiction() == null) {
                throw LedgerRejection.of(RejectionCode.UNCLAIMED_PROPERTY_NOT_REPORTED, "poolId", "pool " + pool.poolId
                        + " has not been reported to a state; report it first (POST .../unclaimed-property)");
            }
            long owed = claim.reclassified() - claim.remitted();
            if (amount < 0) {
                amount = owed;
            }
            if (amount == 0 || amount > owed) {
                throw LedgerRejection.of(RejectionCode.REMITTANCE_EXCEEDS_OWED, "amount", "pool " + pool.poolId + " owes "
                        + Money.ofMinor(owed, profile.currency()) + " to " + claim.jurisdiction());
            }
            PostedEntry entry = new WalletPostings(chart, profile.customerId(), profile.currency())
                    .move(AccountRole.UNCLAIMED_PROPERTY_LIABILITY, AccountRole.CASH, amount, pool.poolId)
                    .entry(c.remittanceId(), c.remittedOn(), "Unclaimed property of pool " + pool.poolId + " remitted to "
                            + claim.jurisdiction(), pool.terms.policyVersion(), calendar);
            apply(new UnclaimedPropertyRemitted(profile.customerId(), pool.poolId, c.remittanceId(), c.remittedOn(),
                    claim.jurisdiction(), amount, owed - amount, entry, hash));
            return Wallet.posted(c.remittanceId(), entry);
        });
    }

    @EventSourcingHandler
    void on(CreditPoolExpired e) {
        if (e.escheatMinor() != 0) {
            Claim c = claims.getOrDefault(e.poolId(), Claim.NONE);
            claims.put(e.poolId(), new Claim(c.jurisdiction(), c.dueOn(), c.reclassified() + e.escheatMinor(), c.remitted()));
        }
    }

    @EventSourcingHandler
    void on(UnclaimedPropertyReported e) {
        if (e.closedPool()) {
            pools.existing(e.poolId(), null).apply(new CreditPool.Expiry(e.breakageMinor(), e.escheatMinor()));
        }
        Claim c = claims.getOrDefault(e.poolId(), Claim.NONE);
        claims.put(e.poolId(), new Claim(e.jurisdiction(), e.dueOn(), c.reclassified() + e.escheatMinor(), c.remitted()));
        requests.record(e.reportId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(UnclaimedPropertyRemitted e) {
        Claim c = claims.get(e.poolId());
        claims.put(e.poolId(), new Claim(c.jurisdiction(), c.dueOn(), c.reclassified(), c.remitted() + e.amountMinor()));
        requests.record(e.remittanceId(), e.inputHash());
    }
}
