package dev.tokenledger.contracts;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.contracts.ContractCommands.CommitmentOnTermination;
import dev.tokenledger.contracts.ContractCommands.CreditsOnTermination;
import dev.tokenledger.contracts.ContractCommands.ModifyContract;
import dev.tokenledger.contracts.ContractCommands.SignContract;
import dev.tokenledger.contracts.ContractCommands.TerminateContract;
import dev.tokenledger.credits.Commands.ExpireContractCredits;
import dev.tokenledger.credits.CreditProgramBook;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.money.Allocation;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Contract modifications (ASC 606-10-25-10 to 25-13) and termination, decided from the contract's state. History is
 * never rewritten: each is a new event, and what was recognised before it stays as it was.
 */
final class ContractChanges {

    private static final MathContext PRECISION = new MathContext(34, RoundingMode.HALF_EVEN);

    private ContractChanges() {
    }

    /**
     * A modification as checked and classified.
     *
     * @param separateContract for SEPARATE_CONTRACT, the contract the added obligations form
     */
    record Modification(ModificationTreatment treatment, long additionalPriceMinor, LocalDate termEndAfter,
                        List<ObligationPricing.Priced> added, List<SspTerms> sspUsed, SignContract separateContract) {
    }

    static Modification modify(Contract k, ModifyContract c, SspBook ssps, CreditProgramBook programs) {
        Violations v = new Violations();
        RequestChecks.reason(v, "reason", c.reason());
        long additional = 0;
        if (c.additionalPrice() != null && c.additionalPrice().signum() != 0) {
            additional = RequestChecks.amount(v, "additionalPrice", c.additionalPrice(), k.currency());
            // a contract's price over all its modifications stays within the lifetime bound (kernel.Limits)
            if (additional > 0 && Contract.exact(k.priceMinor() + additional, k.currency())
                    .compareTo(Limits.MAX_LIFETIME_MAJOR) >= 0) {
                v.add(RejectionCode.AMOUNT_OUT_OF_RANGE, "additionalPrice", "the contract's price would reach "
                        + Limits.MAX_LIFETIME_MAJOR.toPlainString() + "; sign a new contract instead");
            }
        }
        LocalDate end = k.termEnd();
        if (c.newTermEnd() != null && RequestChecks.date(v, "newTermEnd", c.newTermEnd())) {
            if (!c.newTermEnd().isAfter(k.termEnd())) {
                v.add(RejectionCode.MODIFICATION_INVALID, "newTermEnd", "a modification extends the term (now ending "
                        + k.termEnd() + "); to end a contract early, terminate it");
            } else if (ObligationPricing.days(k.termStart(), c.newTermEnd()) > Limits.MAX_TERM_DAYS) {
                v.add(RejectionCode.CONTRACT_TERMS_INVALID, "newTermEnd", "a term is at most " + Limits.MAX_TERM_DAYS + " days");
            } else {
                end = c.newTermEnd();
            }
        }
        List<ContractCommands.ObligationTerms> adds = c.addObligations() == null ? List.of() : c.addObligations();
        RequestChecks.size(v, RejectionCode.CONTRACT_TERMS_INVALID, "addObligations", adds, 0, Limits.MAX_OBLIGATIONS);
        if (adds.isEmpty() && c.newTermEnd() == null) {
            v.add(RejectionCode.MODIFICATION_INVALID, "addObligations", "a modification adds obligations, extends the term, or both");
        }
        v.throwIfAny();
        Set<String> pools = new HashSet<>();
        k.obligations().values().stream().filter(Obligation::isCreditPool).forEach(o -> pools.add(o.poolId()));
        List<ObligationPricing.Priced> priced = ObligationPricing.price(v, "addObligations", adds, k.contractId(),
                k.currency(), c.effectiveDate(), c.effectiveDate(), end, k.obligations().keySet(), pools, ssps, programs);
        v.throwIfAny();
        Map<String, SspTerms> used = new LinkedHashMap<>();
        priced.forEach(p -> used.putIfAbsent(p.ssp().label(), p.ssp()));

        if (c.newTermEnd() == null && !priced.isEmpty() && reflectsSsp(priced, additional, k.currency())) {
            String separateId = ContractIds.separateContractId(k.contractId(), c.modificationId());
            if (!Limits.CLIENT_ID.matcher(separateId).matches()) {
                throw dev.tokenledger.rejection.LedgerRejection.of(RejectionCode.MODIFICATION_INVALID, "modificationId",
                        "the separate contract's id " + separateId + " would exceed 80 characters; use a shorter modification id");
            }
            SignContract separate = new SignContract(separateId, k.customerId(), k.currency().getCurrencyCode(),
                    c.effectiveDate(), c.effectiveDate(), k.termEnd(), c.additionalPrice(), adds, List.of(), null,
                    k.billing(), k.refundOnTermination(), "Modification " + c.modificationId() + " of contract "
                    + k.contractId() + ": distinct obligations added at their standalone selling prices (ASC 606-10-25-12)",
                    k.contractId());
            return new Modification(ModificationTreatment.SEPARATE_CONTRACT, additional, k.termEnd(), priced,
                    List.copyOf(used.values()), separate);
        }
        return new Modification(ModificationTreatment.PROSPECTIVE, additional, end, priced, List.copyOf(used.values()), null);
    }

    /**
     * Whether the added price reflects the added obligations' SSPs (25-12(b)): within the sum of their ranges where
     * the SSP table gives one, otherwise equal to the sum of their SSPs to the minor unit.
     */
    private static boolean reflectsSsp(List<ObligationPricing.Priced> added, long priceMinor, Currency currency) {
        BigDecimal low = BigDecimal.ZERO;
        BigDecimal high = BigDecimal.ZERO;
        for (ObligationPricing.Priced p : added) {
            low = low.add(p.rangeLow() != null ? p.rangeLow() : p.standaloneSellingPrice());
            high = high.add(p.rangeHigh() != null ? p.rangeHigh() : p.standaloneSellingPrice());
        }
        return priceMinor >= Contract.roundHalfUp(low, currency) && priceMinor <= Contract.roundHalfUp(high, currency);
    }

    /** A prospective modification's outcome. */
    record Reallocation(long remainingMinor, SspAllocation.Result allocation, List<Obligation> obligationsAfter,
                        List<Obligation> added, long additionalMinor, LocalDate from, LocalDate end) {

        List<BillingItem> billingAdded(BillingSchedule schedule) {
            return BillingItem.plan(schedule, from, end, additionalMinor);
        }
    }

    /**
     * 25-13(a): the consideration not yet recognised for the obligations that continue, plus the additional price, is
     * allocated over what remains of them and the added ones, by relative SSP. A continuing obligation satisfied over
     * time takes its SSP in proportion to the days that remain of it (to the new term end when it ran to the old
     * one); one satisfied at a point in time and not yet delivered takes its full SSP. Credit pools already funded
     * keep their consideration: each pool's price per credit is fixed when it is funded (README "Contracts").
     *
     * @param obligations the obligations after the catch-up through the day before {@code from}
     */
    static Reallocation reallocate(Map<String, Obligation> obligations, Modification m, LocalDate from,
                                   LocalDate oldTermEnd, Currency currency) {
        List<Obligation> continuing = new ArrayList<>();
        List<SspAllocation.Input> inputs = new ArrayList<>();
        Map<String, LocalDate[]> periods = new LinkedHashMap<>();
        long remaining = m.additionalPriceMinor();
        for (Obligation o : obligations.values()) {
            if (o.endedOn() != null || o.isFundedSeparately()) {
                continue;
            }
            BigDecimal ssp;
            if (o.isRatable()) {
                LocalDate periodEnd = o.periodEnd();
                if (periodEnd.isBefore(from)) {
                    continue; // satisfied before the modification
                }
                LocalDate end = periodEnd.equals(oldTermEnd) ? m.termEndAfter() : periodEnd;
                Segment last = o.segments().get(o.segments().size() - 1);
                LocalDate start = last.start().isAfter(from) ? last.start() : from;
                Segment first = o.segments().get(0);
                ssp = o.standaloneSellingPrice().multiply(BigDecimal.valueOf(ObligationPricing.days(start, end)))
                        .divide(BigDecimal.valueOf(first.days()), PRECISION);
                periods.put(o.obligationId(), new LocalDate[]{start, end});
            } else if (o.deliveredOn() == null) {
                ssp = o.standaloneSellingPrice();
            } else {
                continue;
            }
            continuing.add(o);
            remaining += o.unrecognizedMinor();
            inputs.add(new SspAllocation.Input(o.obligationId(), o.sspLabel(), SspMethod.OBSERVABLE_PRICE, ssp, null, null));
        }
        m.added().forEach(p -> inputs.add(p.input()));
        if (inputs.isEmpty()) {
            throw dev.tokenledger.rejection.LedgerRejection.of(RejectionCode.MODIFICATION_INVALID, "newTermEnd",
                    "nothing of the contract remains to be satisfied and nothing is added: there is nothing to allocate to");
        }
        Violations v = new Violations();
        SspAllocation.Result allocation = SspAllocation.allocate(currency, remaining, inputs, List.of(), v);
        v.throwIfAny();

        Map<String, Obligation> after = new LinkedHashMap<>(obligations);
        for (Obligation o : continuing) {
            long amount = allocation.allocatedTo(o.obligationId());
            LocalDate[] period = periods.get(o.obligationId());
            after.put(o.obligationId(), period == null ? o.reallocated(amount, from, null)
                    : o.reallocated(amount, period[0], period[1]));
        }
        List<Obligation> added = new ArrayList<>();
        for (ObligationPricing.Priced p : m.added()) {
            Obligation o = p.allocate(allocation.allocatedTo(p.terms().obligationId()));
            added.add(o);
            after.put(o.obligationId(), o);
        }
        return new Reallocation(remaining, allocation, List.copyOf(after.values()), added, m.additionalPriceMinor(),
                from, m.termEndAfter());
    }

    /** A termination's outcome; its lines are in the postings given to {@link #terminate}. */
    record Termination(Map<String, Long> caughtUp, long finalInvoiceMinor, long refundMinor, Map<String, Long> released,
                       CreditsOnTermination credits, List<ExpireContractCredits> poolsToExpire,
                       CommitmentOnTermination commitment, long shortfallMinor, List<Obligation> obligationsAfter) {
    }

    static Termination terminate(Contract k, TerminateContract c, ContractPostings postings, ConsumptionMeter meter) {
        LocalDate date = c.effectiveDate();
        Map<String, Long> caughtUp = k.catchUp(postings, date);
        Map<String, Obligation> state = new LinkedHashMap<>(k.obligations());
        caughtUp.forEach((id, delta) -> state.put(id, state.get(id).recognized(state.get(id).recognizedMinor() + delta)));

        long invoiced = k.billed().dueThrough(date).amountMinor();
        if (invoiced > 0) {
            postings.bill(k.debitForBilling(), invoiced);
        }

        CommitmentOnTermination commitmentTreatment = c.commitment() == null ? CommitmentOnTermination.WAIVE : c.commitment();
        long shortfall = 0;
        Commitment commitment = k.commitment();
        if (commitment != null && !commitment.settled()) {
            if (commitmentTreatment == CommitmentOnTermination.SETTLE) {
                long before = postings.position();
                CommitmentRules.Settlement s = CommitmentRules.settle(commitment, k.customerId(), k.currency(),
                        k.termStart(), date, k.prepaidCredits(), meter, postings, k.debitForBilling());
                shortfall = s.shortfallMinor();
                invoiced += shortfall;
                if (postings.position() < before) {
                    throw new IllegalStateException("settling a commitment never lowers the contract's position");
                }
            } else if (commitment.recognizedMinor() != 0) {
                // waived: the expected shortfall recognised so far did not come true (variable consideration, 32-14)
                postings.recognize(AccountRole.COMMITMENT_SHORTFALL_REVENUE, -commitment.recognizedMinor(), null);
            }
        }

        long refund = 0;
        Map<String, Long> released = new LinkedHashMap<>();
        long position = postings.position();
        if (position > 0) {
            if (k.refundOnTermination() == TerminationRefund.UNUSED_PORTION) {
                postings.refund(position);
                refund = position;
            } else {
                // billed, not refundable, and nothing more to deliver: revenue now (ASC 606-10-25-7)
                List<Obligation> open = state.values().stream().filter(o -> o.unrecognizedMinor() > 0).toList();
                long[] shares = Allocation.largestRemainder(position,
                        open.stream().map(o -> BigDecimal.valueOf(o.unrecognizedMinor())).toList());
                for (int i = 0; i < open.size(); i++) {
                    Obligation o = open.get(i);
                    if (shares[i] > 0) {
                        postings.recognize(o.kind().revenueRole(), shares[i], o.obligationId());
                        released.put(o.obligationId(), shares[i]);
                        state.put(o.obligationId(), o.recognized(o.recognizedMinor() + shares[i]));
                    }
                }
            }
        } else if (position < 0) {
            // recognised (or funded to credits) ahead of billing: what was transferred is billed now
            postings.bill(k.debitForBilling(), -position);
            invoiced += -position;
        }

        List<Obligation> after = new ArrayList<>();
        for (Obligation o : state.values()) {
            after.add(o.isOpen() ? o.ended(date) : o);
        }
        CreditsOnTermination credits = c.credits() == null ? CreditsOnTermination.KEEP : c.credits();
        List<ExpireContractCredits> expiries = new ArrayList<>();
        if (credits == CreditsOnTermination.EXPIRE) {
            for (Obligation o : state.values()) {
                if (o.isCreditPool()) {
                    LocalDate on = o.poolStart().isAfter(date) ? o.poolStart() : date;
                    expiries.add(new ExpireContractCredits(k.customerId(), o.poolId(), o.poolId() + ".end", on));
                }
            }
        }
        return new Termination(caughtUp, invoiced, refund, released, credits, expiries, commitmentTreatment, shortfall,
                after);
    }
}
