package dev.tokenledger.contracts;

import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.ProcessedRequests;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.LocalDate;
import java.util.Currency;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One line of the SSP table (ASC 606-10-32-31 to 32-35) and its versions, each effective from a date, each with the
 * method and the evidence behind it. A contract uses the version in force on the day it is signed (32-32: SSP at
 * contract inception) and records it, so later versions never change an allocation already made.
 */
@AggregateRoot
public class StandaloneSellingPrice {

    @AggregateIdentifier
    private String id;
    private int version;
    private LocalDate lastEffectiveFrom;
    private Currency currency;
    private final ProcessedRequests processed = new ProcessedRequests();

    protected StandaloneSellingPrice() {
    }

    public static String aggregateId(String sspId) {
        return "ssp:" + sspId;
    }

    public record Published(String sspId, int version, boolean alreadyApplied) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Published handle(PublishStandaloneSellingPrice c) {
        String hash = InputFingerprint.of("ssp", c.effectiveFrom(), c.description(), c.currency(), c.method(), c.unit(),
                c.unitPrice(), c.rangeLow(), c.rangeHigh(), c.evidence(), c.evidenceAsOf());
        if (processed.isRetry(c.requestId(), hash, "requestId")) {
            return new Published(c.sspId(), version, true);
        }
        Violations v = new Violations();
        RequestChecks.id(v, "sspId", c.sspId());
        RequestChecks.id(v, "requestId", c.requestId());
        if (RequestChecks.date(v, "effectiveFrom", c.effectiveFrom())
                && lastEffectiveFrom != null && c.effectiveFrom().isBefore(lastEffectiveFrom)) {
            v.add(RejectionCode.SSP_VERSION_CONFLICT, "effectiveFrom", "version " + version + " is effective from "
                    + lastEffectiveFrom + "; a new version cannot start earlier");
        }
        if (c.description() != null) {
            RequestChecks.text(v, "description", c.description(), 200);
        }
        Currency cur = RequestChecks.currency(v, "currency", c.currency());
        if (cur != null && currency != null && !cur.equals(currency)) {
            v.add(RejectionCode.CURRENCY_MISMATCH, "currency", c.sspId() + " is priced in " + currency
                    + "; publish another SSP for another currency");
        }
        if (c.method() == null) {
            v.add(RejectionCode.SSP_INVALID, "method", "give OBSERVABLE_PRICE, ADJUSTED_MARKET_ASSESSMENT, EXPECTED_COST_PLUS_MARGIN or RESIDUAL");
        }
        if (c.unit() == null || !dev.tokenledger.kernel.Limits.UNIT.matcher(c.unit()).matches()) {
            v.add(RejectionCode.SSP_INVALID, "unit", "the unit the price is per: lower_snake_case, e.g. month, credit, seat, each");
        }
        boolean residual = c.method() == SspMethod.RESIDUAL;
        if (residual && c.unitPrice() != null) {
            v.add(RejectionCode.SSP_INVALID, "unitPrice", "a RESIDUAL entry has a range (rangeLow, rangeHigh), not a price");
        } else if (!residual) {
            RequestChecks.exactAmount(v, RejectionCode.SSP_INVALID, "unitPrice", c.unitPrice(), false);
        }
        boolean low = c.rangeLow() == null ? !residual : RequestChecks.exactAmount(v, RejectionCode.SSP_INVALID, "rangeLow", c.rangeLow(), true);
        boolean high = c.rangeHigh() == null ? !residual : RequestChecks.exactAmount(v, RejectionCode.SSP_INVALID, "rangeHigh", c.rangeHigh(), false);
        if (residual && (c.rangeLow() == null || c.rangeHigh() == null)) {
            v.add(RejectionCode.SSP_INVALID, c.rangeLow() == null ? "rangeLow" : "rangeHigh",
                    "the residual approach needs the range of prices the evidence supports (ASC 606-10-32-34(c))");
        } else if ((c.rangeLow() == null) != (c.rangeHigh() == null)) {
            v.add(RejectionCode.SSP_INVALID, c.rangeLow() == null ? "rangeLow" : "rangeHigh", "give both ends of the range, or neither");
        } else if (low && high && c.rangeLow() != null && c.rangeLow().compareTo(c.rangeHigh()) > 0) {
            v.add(RejectionCode.SSP_INVALID, "rangeLow", "the range's low end " + c.rangeLow().toPlainString()
                    + " is above its high end " + c.rangeHigh().toPlainString());
        } else if (low && high && c.rangeLow() != null && c.unitPrice() != null && c.unitPrice().signum() > 0
                && (c.unitPrice().compareTo(c.rangeLow()) < 0 || c.unitPrice().compareTo(c.rangeHigh()) > 0)) {
            v.add(RejectionCode.SSP_INVALID, "unitPrice", "the price " + c.unitPrice().toPlainString()
                    + " lies outside its own range " + c.rangeLow().toPlainString() + " to " + c.rangeHigh().toPlainString());
        }
        if (c.evidence() == null || c.evidence().isBlank()) {
            v.add(RejectionCode.SSP_INVALID, "evidence", "state what the estimate rests on (an auditor reads it)");
        } else {
            RequestChecks.text(v, "evidence", c.evidence(), dev.tokenledger.kernel.Limits.MAX_TEXT);
        }
        if (c.evidenceAsOf() == null) {
            v.add(RejectionCode.SSP_INVALID, "evidenceAsOf", "give the date of the evidence");
        } else {
            RequestChecks.date(v, "evidenceAsOf", c.evidenceAsOf());
        }
        v.throwIfAny();
        int next = version + 1;
        SspTerms terms = new SspTerms(c.sspId(), next, c.effectiveFrom(), c.description(), cur, c.method(), c.unit(),
                c.unitPrice(), c.rangeLow(), c.rangeHigh(), c.evidence(), c.evidenceAsOf());
        apply(new StandaloneSellingPricePublished(c.requestId(), terms, hash));
        return new Published(c.sspId(), next, false);
    }

    @EventSourcingHandler
    void on(StandaloneSellingPricePublished e) {
        id = aggregateId(e.terms().sspId());
        version = e.terms().version();
        lastEffectiveFrom = e.terms().effectiveFrom();
        currency = e.terms().currency();
        processed.record(e.requestId(), e.inputHash());
    }
}
