package dev.tokenledger.credits;

import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.credits.Commands.CaptureHold;
import dev.tokenledger.credits.Commands.PlaceHold;
import dev.tokenledger.credits.Commands.ReleaseHold;
import dev.tokenledger.credits.Events.HoldPlaced;
import dev.tokenledger.credits.Events.HoldReleased;
import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Credits reserved before a request is served: never more than the pools hold less the holds already open, because
 * the wallet decides one command at a time. A hold posts nothing; it is captured into a draw, released, or lapses
 * at its expiry time (README "Prepaid credits", holds).
 */
final class Holds {

    /** Life of a hold when the request names none. */
    static final long DEFAULT_HOLD_SECONDS = 300;

    private final WalletProfile profile;
    private final RequestLog requests;
    private final CreditPools pools;
    private final UsageMeter meter;
    /** Open holds by id; expired ones stop counting but stay until released or captured. */
    private final Map<String, HoldPlaced> open = new HashMap<>();

    Holds(WalletProfile profile, RequestLog requests, CreditPools pools, UsageMeter meter) {
        this.profile = profile;
        this.requests = requests;
        this.pools = pools;
        this.meter = meter;
    }

    @CommandHandler
    Wallet.WalletResult handle(PlaceHold c) {
        String hash = InputFingerprint.of("hold", c.credits(), c.value(), c.ttlSeconds());
        if (requests.isRetry(c.holdId(), hash, "requestId")) {
            return new Wallet.WalletResult(c.holdId(), null, true);
        }
        Violations v = new Violations();
        RequestChecks.id(v, "holdId", c.holdId());
        if (c.placedAt() == null) {
            v.add(RejectionCode.EFFECTIVE_DATE_REQUIRED, "placedAt", "the time the hold is placed");
        }
        boolean byCredits = c.credits() != null;
        if (byCredits == (c.value() != null)) {
            v.add(RejectionCode.CREDITS_REQUIRED, "credits", "give either credits or value");
        } else if (byCredits ? RequestChecks.credits(v, "credits", c.credits()) : RequestChecks.exactValue(v, "value", c.value())) {
            BigDecimal credits = byCredits ? c.credits() : profile.creditsWorth(c.value());
            if (credits.compareTo(Limits.MAX_CREDITS) > 0) {
                v.add(RejectionCode.AMOUNT_OUT_OF_RANGE, "value", "worth more than " + Limits.MAX_CREDITS.toPlainString() + " credits");
            }
        }
        if (c.ttlSeconds() != null && (c.ttlSeconds() <= 0 || c.ttlSeconds() > Limits.MAX_HOLD_SECONDS)) {
            v.add(RejectionCode.CREDITS_REQUIRED, "ttlSeconds", "between 1 and " + Limits.MAX_HOLD_SECONDS + " seconds");
        }
        v.throwIfAny();
        BigDecimal credits = byCredits ? c.credits() : profile.creditsWorth(c.value());
        BigDecimal available = availableAfterHolds(c.placedAt(), c.today() != null ? c.today()
                : c.placedAt().atZone(ZoneOffset.UTC).toLocalDate());
        if (credits.compareTo(available) > 0) {
            throw LedgerRejection.of(RejectionCode.INSUFFICIENT_BALANCE, byCredits ? "credits" : "value",
                    "available " + available.stripTrailingZeros().toPlainString() + " credits after open holds, asked "
                            + credits.stripTrailingZeros().toPlainString());
        }
        apply(new HoldPlaced(profile.customerId(), c.holdId(), credits,
                c.placedAt().plusSeconds(c.ttlSeconds() == null ? DEFAULT_HOLD_SECONDS : c.ttlSeconds()), hash));
        return new Wallet.WalletResult(c.holdId(), null, false);
    }

    @CommandHandler
    Wallet.WalletResult handle(ReleaseHold c) {
        if (!open.containsKey(c.holdId())) {
            throw LedgerRejection.of(RejectionCode.UNKNOWN_HOLD, "holdId", "no open hold " + c.holdId());
        }
        apply(new HoldReleased(profile.customerId(), c.holdId(), false));
        return new Wallet.WalletResult(c.holdId(), null, false);
    }

    @CommandHandler
    Wallet.WalletResult handle(CaptureHold c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = UsageMeter.drawFingerprint(c.effectiveDate(), c.occurredAt(), c.credits(), c.value(), c.usageReference());
        return requests.once(c.customerId(), c.drawId(), hash, () -> {
            if (!open.containsKey(c.holdId())) {
                throw LedgerRejection.of(RejectionCode.UNKNOWN_HOLD, "holdId", "no open hold " + c.holdId());
            }
            BigDecimal wanted = meter.validDraw(c.drawId(), c.effectiveDate(), c.credits(), c.value(), c.usageReference());
            apply(new HoldReleased(profile.customerId(), c.holdId(), true));
            return meter.draw(c.drawId(), c.effectiveDate(), c.occurredAt(), wanted, c.usageReference(), hash, chart, calendar);
        });
    }

    /** Credits usable now, less open holds; a hold past its expiry no longer counts (it expires by itself). */
    BigDecimal availableAfterHolds(Instant now, LocalDate today) {
        BigDecimal held = open.values().stream().filter(h -> h.expiresAt().isAfter(now))
                .map(HoldPlaced::credits).reduce(BigDecimal.ZERO, BigDecimal::add);
        return pools.availableOn(today).subtract(held).max(BigDecimal.ZERO);
    }

    @EventSourcingHandler
    void on(HoldPlaced e) {
        open.put(e.holdId(), e);
        requests.record(e.holdId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(HoldReleased e) {
        open.remove(e.holdId());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Holds h && open.equals(h.open);
    }

    @Override
    public int hashCode() {
        return open.hashCode();
    }
}
