package dev.tokenledger.credits;

import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.ProcessedRequests;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A credit program and its versions, each effective from a date (versions in date order). */
@AggregateRoot
public class CreditProgram {

    @AggregateIdentifier
    private String id;
    private int version;
    private LocalDate lastEffectiveFrom;
    private final ProcessedRequests processed = new ProcessedRequests();

    protected CreditProgram() {
    }

    public static String aggregateId(String programId) {
        return "program:" + programId;
    }

    public record Adopted(String programId, int version, boolean alreadyApplied) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Adopted handle(AdoptCreditProgram c) {
        // the basis joins the fingerprint only when given, so requests made before it existed keep theirs
        String hash = c.escheatBasis() == null
                ? InputFingerprint.of("program", c.effectiveFrom(), c.currency(), c.valuePerCredit(), c.expiry(),
                c.breakagePolicy(), c.expectedRedemptionRate(), c.escheatShare(), c.refundsAllowed(), c.dormancyDays())
                : InputFingerprint.of("program", c.effectiveFrom(), c.currency(), c.valuePerCredit(), c.expiry(),
                c.breakagePolicy(), c.expectedRedemptionRate(), c.escheatShare(), c.refundsAllowed(), c.dormancyDays(),
                c.escheatBasis());
        if (processed.isRetry(c.requestId(), hash, "requestId")) {
            return new Adopted(c.programId(), version, true);
        }
        Violations v = new Violations();
        RequestChecks.id(v, "programId", c.programId());
        RequestChecks.id(v, "requestId", c.requestId());
        if (RequestChecks.date(v, "effectiveFrom", c.effectiveFrom())
                && lastEffectiveFrom != null && c.effectiveFrom().isBefore(lastEffectiveFrom)) {
            v.add(RejectionCode.PROGRAM_TERMS_INVALID, "effectiveFrom", "version " + version + " is effective from "
                    + lastEffectiveFrom + "; a new version cannot start earlier");
        }
        Currency currency = RequestChecks.currency(v, "currency", c.currency());
        if (c.valuePerCredit() == null || c.valuePerCredit().signum() <= 0) {
            v.add(RejectionCode.PROGRAM_TERMS_INVALID, "valuePerCredit", "must be greater than zero");
        } else {
            RequestChecks.unitPrice(v, "valuePerCredit", c.valuePerCredit());
        }
        ExpiryRule expiry = c.expiry() == null ? ExpiryRule.never() : c.expiry();
        if (expiry.kind() == null
                || (expiry.kind() == ExpiryRule.Kind.DAYS_AFTER_PURCHASE && (expiry.days() == null || expiry.days() <= 0))
                || (expiry.kind() == ExpiryRule.Kind.FIXED_DATE && expiry.fixedDate() == null)) {
            v.add(RejectionCode.PROGRAM_TERMS_INVALID, "expiry", "DAYS_AFTER_PURCHASE needs days > 0, FIXED_DATE a fixedDate");
        } else if (expiry.kind() == ExpiryRule.Kind.DAYS_AFTER_PURCHASE) {
            RequestChecks.days(v, RejectionCode.PROGRAM_TERMS_INVALID, "expiry.days", expiry.days());
        } else if (expiry.kind() == ExpiryRule.Kind.FIXED_DATE) {
            RequestChecks.optionalDate(v, "expiry.fixedDate", expiry.fixedDate());
        }
        BreakagePolicy policy = c.breakagePolicy() == null ? BreakagePolicy.REMOTE : c.breakagePolicy();
        EscheatBasis basis = c.escheatBasis() == null ? EscheatBasis.PRICE : c.escheatBasis();
        boolean rateNeeded = policy == BreakagePolicy.PROPORTIONAL || basis == EscheatBasis.EXPECTED_UNREDEEMED;
        if (rateNeeded) {
            // EXPECTED_UNREDEEMED measures X on what is expected never to be redeemed, whatever the breakage policy
            RequestChecks.rate(v, RejectionCode.PROGRAM_TERMS_INVALID, "expectedRedemptionRate", c.expectedRedemptionRate(), false, true);
        }
        if (c.escheatShare() != null) {
            RequestChecks.rate(v, RejectionCode.PROGRAM_TERMS_INVALID, "escheatShare", c.escheatShare(), true, false);
        }
        if (c.dormancyDays() != null) {
            if (policy != BreakagePolicy.REMOTE) {
                v.add(RejectionCode.PROGRAM_TERMS_INVALID, "dormancyDays", "a positive number of days, for REMOTE programs only");
            } else {
                RequestChecks.days(v, RejectionCode.PROGRAM_TERMS_INVALID, "dormancyDays", c.dormancyDays());
            }
        }
        v.throwIfAny();
        int next = version + 1;
        CreditTerms terms = new CreditTerms(c.programId(), next, currency, c.valuePerCredit(), expiry, policy,
                rateNeeded ? c.expectedRedemptionRate() : null, c.escheatShare(),
                Boolean.TRUE.equals(c.refundsAllowed()), c.dormancyDays(), basis);
        apply(new CreditProgramAdopted(c.programId(), c.requestId(), c.effectiveFrom(), terms, hash));
        return new Adopted(c.programId(), next, false);
    }

    @EventSourcingHandler
    void on(CreditProgramAdopted e) {
        id = aggregateId(e.programId());
        version = e.terms().version();
        lastEffectiveFrom = e.effectiveFrom();
        processed.record(e.requestId(), e.inputHash());
    }
}
