package dev.tokenledger.contracts;

import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.contracts.ContractCommands.ExerciseMaterialRight;
import dev.tokenledger.contracts.ContractCommands.LapseMaterialRight;
import dev.tokenledger.contracts.ContractCommands.ReviseMaterialRightEstimate;
import dev.tokenledger.contracts.ContractEvents.MaterialRightEstimateRevised;
import dev.tokenledger.contracts.ContractEvents.MaterialRightExercised;
import dev.tokenledger.contracts.ContractEvents.MaterialRightLapsed;
import dev.tokenledger.contracts.Obligation.OptionState;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Material rights of a contract (ASC 606-10-55-41 to 55-45; README "Material rights"): the option's allocated amount
 * sits in MATERIAL_RIGHT_LIABILITY from signing and becomes MATERIAL_RIGHT_REVENUE by cumulative catch-up (accounting
 * brief §1): EXERCISE_OR_LAPSE recognises allocated x exercised / units and the rest when the option lapses (remote
 * at expiry); PORTFOLIO_REDEMPTION recognises allocated x min(exercised / expected, 1), the shape of proportional
 * breakage (55-48), and a revised expectation is caught up when it is made. Pure: decides events, applies nothing.
 */
final class MaterialRights {

    private MaterialRights() {
    }

    /** Revenue recognised in total for an option at {@code exercised} units of {@code expected}, half-up. */
    static long cumulative(Obligation o, BigDecimal exercised, BigDecimal expected) {
        BigDecimal base = o.pattern() == RecognitionPattern.PORTFOLIO_REDEMPTION ? expected : o.quantity();
        if (exercised.compareTo(base) >= 0) {
            return o.allocatedMinor();
        }
        return BigDecimal.valueOf(o.allocatedMinor()).multiply(exercised).divide(base, 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    static MaterialRightExercised exercise(Contract k, ExerciseMaterialRight c, String hash, ChartOfAccounts chart,
                                           PeriodCalendar calendar) {
        Violations v = new Violations();
        RequestChecks.id(v, "requestId", c.requestId());
        RequestChecks.date(v, "effectiveDate", c.effectiveDate());
        RequestChecks.quantity(v, RejectionCode.AMOUNT_OUT_OF_RANGE, "units", c.units());
        v.throwIfAny();
        Obligation o = open(k, c.obligationId(), c.effectiveDate());
        OptionState option = o.option();
        BigDecimal exercised = option.exercisedUnits().add(c.units());
        if (exercised.compareTo(o.quantity()) > 0) {
            throw LedgerRejection.of(RejectionCode.OPTION_UNITS_EXCEEDED, "units", o.obligationId() + " grants "
                    + plain(o.quantity()) + " units, " + plain(option.exercisedUnits()) + " exercised so far");
        }
        // like a draw past a pool's expected redemptions (brief §4), exercise past the expectation raises it first
        BigDecimal expected = option.expectedUnits().max(exercised);
        long total = cumulative(o, exercised, expected);
        long revenue = total - o.recognizedMinor();
        ContractPostings postings = postings(k, chart).recognizeMaterialRight(revenue, o.obligationId());
        PostedEntry entry = postings.entry(c.requestId(), c.effectiveDate(), "Material right " + o.obligationId()
                + ": " + plain(c.units()) + " units exercised", null, Contract.POLICY_VERSION, calendar);
        boolean done = exercised.compareTo(o.quantity()) == 0;
        Obligation after = o.withOption(option.exercised(c.units(), expected), total, done ? c.effectiveDate() : null);
        return new MaterialRightExercised(k.contractId(), o.obligationId(), c.requestId(), c.effectiveDate(), c.units(),
                exercised, expected, revenue, total, o.allocatedMinor() - total, replacing(k, after), entry, hash);
    }

    static MaterialRightEstimateRevised revise(Contract k, ReviseMaterialRightEstimate c, String hash,
                                               ChartOfAccounts chart, PeriodCalendar calendar) {
        Violations v = new Violations();
        RequestChecks.id(v, "requestId", c.requestId());
        RequestChecks.date(v, "effectiveDate", c.effectiveDate());
        RequestChecks.quantity(v, RejectionCode.ESTIMATE_OUT_OF_RANGE, "expectedUnits", c.expectedUnits());
        RequestChecks.reason(v, "reason", c.reason());
        v.throwIfAny();
        Obligation o = open(k, c.obligationId(), c.effectiveDate());
        if (o.pattern() != RecognitionPattern.PORTFOLIO_REDEMPTION) {
            throw LedgerRejection.of(RejectionCode.NOT_A_PORTFOLIO, "obligationId", o.obligationId()
                    + " is recognised " + o.pattern() + ": each right when it is exercised or lapses");
        }
        OptionState option = o.option();
        if (c.expectedUnits().compareTo(option.exercisedUnits()) < 0 || c.expectedUnits().compareTo(o.quantity()) > 0) {
            throw LedgerRejection.of(RejectionCode.ESTIMATE_OUT_OF_RANGE, "expectedUnits", "expected units must lie "
                    + "between those exercised (" + plain(option.exercisedUnits()) + ") and those granted ("
                    + plain(o.quantity()) + ")");
        }
        long total = cumulative(o, option.exercisedUnits(), c.expectedUnits());
        long revenue = total - o.recognizedMinor();
        ContractPostings postings = postings(k, chart).recognizeMaterialRight(revenue, o.obligationId());
        PostedEntry entry = postings.entry(c.requestId(), c.effectiveDate(), "Material right " + o.obligationId()
                + ": expected exercise revised from " + plain(option.expectedUnits()) + " to " + plain(c.expectedUnits())
                + " units", c.reason(), Contract.POLICY_VERSION, calendar);
        Obligation after = o.withOption(option.expecting(c.expectedUnits()), total, null);
        return new MaterialRightEstimateRevised(k.contractId(), o.obligationId(), c.requestId(), c.effectiveDate(),
                option.expectedUnits(), c.expectedUnits(), revenue, total, o.allocatedMinor() - total, c.reason(),
                replacing(k, after), entry, hash);
    }

    static MaterialRightLapsed lapse(Contract k, LapseMaterialRight c, String hash, ChartOfAccounts chart,
                                     PeriodCalendar calendar) {
        Violations v = new Violations();
        RequestChecks.id(v, "requestId", c.requestId());
        RequestChecks.date(v, "effectiveDate", c.effectiveDate());
        if (c.reason() != null) {
            RequestChecks.text(v, "reason", c.reason(), Limits.MAX_TEXT);
        }
        v.throwIfAny();
        Obligation o = find(k, c.obligationId());
        OptionState option = o.option();
        checkOpen(k, o, c.effectiveDate(), false);
        if (option.expiresOn() != null && c.effectiveDate().isBefore(option.expiresOn())) {
            throw LedgerRejection.of(RejectionCode.OPTION_NOT_YET_EXPIRED, "effectiveDate", o.obligationId()
                    + " can be exercised through " + option.expiresOn() + "; it lapses on that date or later");
        }
        long revenue = o.allocatedMinor() - o.recognizedMinor();
        ContractPostings postings = postings(k, chart).recognizeMaterialRight(revenue, o.obligationId());
        PostedEntry entry = postings.entry(c.requestId(), c.effectiveDate(), "Material right " + o.obligationId()
                + " lapsed", c.reason(), Contract.POLICY_VERSION, calendar);
        Obligation after = o.withOption(option.lapsed(c.effectiveDate()), o.allocatedMinor(), c.effectiveDate());
        return new MaterialRightLapsed(k.contractId(), o.obligationId(), c.requestId(), c.effectiveDate(),
                o.quantity().subtract(option.exercisedUnits()), revenue, c.reason(), replacing(k, after), entry, hash);
    }

    private static Obligation open(Contract k, String obligationId, LocalDate date) {
        Obligation o = find(k, obligationId);
        checkOpen(k, o, date, true);
        return o;
    }

    private static Obligation find(Contract k, String obligationId) {
        Obligation o = obligationId == null ? null : k.obligations().get(obligationId);
        if (o == null) {
            throw LedgerRejection.of(RejectionCode.UNKNOWN_OBLIGATION, "obligationId", "contract " + k.contractId()
                    + " has no obligation " + obligationId);
        }
        if (!o.isMaterialRight()) {
            throw LedgerRejection.of(RejectionCode.NOT_A_MATERIAL_RIGHT, "obligationId", o.obligationId() + " is a "
                    + o.kind() + " obligation");
        }
        return o;
    }

    /** Options outlive a termination (the customer keeps them), but never precede the contract or follow a lapse. */
    private static void checkOpen(Contract k, Obligation o, LocalDate date, boolean beforeExpiry) {
        OptionState option = o.option();
        if (option.lapsedOn() != null || o.deliveredOn() != null) {
            throw LedgerRejection.of(RejectionCode.OPTION_LAPSED, "obligationId", o.obligationId() + " was closed on "
                    + (option.lapsedOn() != null ? option.lapsedOn() + " (lapsed)" : o.deliveredOn() + " (exercised in full)"));
        }
        if (date.isBefore(k.termStart())) {
            throw LedgerRejection.of(RejectionCode.DATED_OUTSIDE_CONTRACT, "effectiveDate", date
                    + " is before the contract began on " + k.termStart());
        }
        if (beforeExpiry && option.expiresOn() != null && date.isAfter(option.expiresOn())) {
            throw LedgerRejection.of(RejectionCode.OPTION_LAPSED, "effectiveDate", o.obligationId() + " expired on "
                    + option.expiresOn() + "; record its lapse");
        }
    }

    private static ContractPostings postings(Contract k, ChartOfAccounts chart) {
        return new ContractPostings(chart, k.customerId(), k.contractId(), k.currency(), k.billed().position());
    }

    private static List<Obligation> replacing(Contract k, Obligation changed) {
        List<Obligation> after = new ArrayList<>();
        k.obligations().values().forEach(o -> after.add(o.obligationId().equals(changed.obligationId()) ? changed : o));
        return after;
    }

    private static String plain(BigDecimal units) {
        return units.stripTrailingZeros().toPlainString();
    }
}
