package dev.tokenledger.contracts;

import dev.tokenledger.contracts.ContractCommands.BillingTerms;
import dev.tokenledger.contracts.ContractCommands.CommitmentTerms;
import dev.tokenledger.contracts.ContractCommands.DiscountTerms;
import dev.tokenledger.contracts.ContractCommands.SignContract;
import dev.tokenledger.credits.CreditProgramBook;
import dev.tokenledger.credits.Settlement;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a contract to be signed, every field against {@link Limits}, and decides its allocation and plans. */
final class ContractSigning {

    private ContractSigning() {
    }

    record Signed(long priceMinor, List<Obligation> obligations, SspAllocation.Result allocation, List<SspTerms> sspUsed,
                  List<DiscountTerms> discounts, Commitment commitment, BillingTerms billing,
                  List<BillingItem> billingPlan, TerminationRefund refundOnTermination) {
    }

    static Signed check(SignContract c, SspBook ssps, CreditProgramBook programs) {
        Violations v = new Violations();
        RequestChecks.id(v, "contractId", c.contractId());
        RequestChecks.id(v, "customerId", c.customerId());
        Currency currency = RequestChecks.currency(v, "currency", c.currency());
        boolean dated = RequestChecks.date(v, "signedOn", c.signedOn());
        dated &= RequestChecks.date(v, "termStart", c.termStart());
        dated &= RequestChecks.date(v, "termEnd", c.termEnd());
        if (dated && c.termEnd().isBefore(c.termStart())) {
            v.add(RejectionCode.CONTRACT_TERMS_INVALID, "termEnd", "the term ends " + c.termEnd() + ", before it starts " + c.termStart());
            dated = false;
        } else if (dated && ObligationPricing.days(c.termStart(), c.termEnd()) > Limits.MAX_TERM_DAYS) {
            v.add(RejectionCode.CONTRACT_TERMS_INVALID, "termEnd", "a term is at most " + Limits.MAX_TERM_DAYS + " days");
            dated = false;
        }
        long price = RequestChecks.amount(v, "transactionPrice", c.transactionPrice(), currency);
        RequestChecks.text(v, "memo", c.memo(), Limits.MAX_TEXT);
        RequestChecks.optionalId(v, "modificationOf", c.modificationOf());
        boolean listed = RequestChecks.size(v, RejectionCode.CONTRACT_TERMS_INVALID, "obligations", c.obligations(), 1, Limits.MAX_OBLIGATIONS);
        listed &= RequestChecks.size(v, RejectionCode.DISCOUNT_INVALID, "discounts", c.discounts(), 0, Limits.MAX_DISCOUNTS);

        BillingTerms billing = c.billing();
        if (billing == null || billing.schedule() == null) {
            v.add(RejectionCode.CONTRACT_TERMS_INVALID, "billing.schedule", "give UPFRONT, MONTHLY, QUARTERLY or MONTHLY_IN_ARREARS");
        } else if (billing.paymentTermsDays() != null) {
            RequestChecks.days(v, RejectionCode.CONTRACT_TERMS_INVALID, "billing.paymentTermsDays", billing.paymentTermsDays());
        }

        List<DiscountTerms> discounts = c.discounts() == null ? List.of() : c.discounts();
        List<SspAllocation.Discount> tied = new ArrayList<>();
        for (int j = 0; listed && j < discounts.size(); j++) {
            DiscountTerms d = discounts.get(j);
            String at = "discounts[" + j + "]";
            if (d == null) {
                v.add(RejectionCode.DISCOUNT_INVALID, at, "a discount is an object");
                continue;
            }
            boolean ok = RequestChecks.optionalId(v, at + ".discountId", d.discountId());
            long amount = RequestChecks.amount(v, at + ".amount", d.amount(), currency);
            if (d.evidence() == null || d.evidence().isBlank()) {
                v.add(RejectionCode.DISCOUNT_INVALID, at + ".evidence", "a discount tied to some obligations needs the observable "
                        + "evidence that it belongs to them (ASC 606-10-32-37)");
                ok = false;
            } else {
                ok &= RequestChecks.text(v, at + ".evidence", d.evidence(), Limits.MAX_TEXT);
            }
            if (d.appliesTo() == null || d.appliesTo().isEmpty() || d.appliesTo().size() > Limits.MAX_OBLIGATIONS) {
                v.add(RejectionCode.DISCOUNT_INVALID, at + ".appliesTo", "name 1 to " + Limits.MAX_OBLIGATIONS + " obligations");
                ok = false;
            }
            if (ok && amount > 0) {
                tied.add(new SspAllocation.Discount(d.discountId() == null ? "discount-" + (j + 1) : d.discountId(),
                        amount, d.appliesTo()));
            }
        }

        Commitment commitment = null;
        CommitmentTerms ct = c.commitment();
        if (ct != null) {
            long amount = RequestChecks.amount(v, "commitment.amount", ct.amount(), currency);
            CommitmentPolicy policy = ct.policy() == null ? CommitmentPolicy.END_OF_TERM : ct.policy();
            if (policy == CommitmentPolicy.PROPORTIONAL_EXPECTED_SHORTFALL) {
                RequestChecks.exactAmount(v, RejectionCode.CONTRACT_TERMS_INVALID, "commitment.expectedConsumption",
                        ct.expectedConsumption(), false);
            } else if (ct.expectedConsumption() != null) {
                v.add(RejectionCode.CONTRACT_TERMS_INVALID, "commitment.expectedConsumption", "only PROPORTIONAL_EXPECTED_SHORTFALL uses an estimate");
            }
            if (amount > 0) {
                commitment = new Commitment(amount, policy, ct.expectedConsumption(), 0, false);
            }
        }

        List<ObligationPricing.Priced> priced = listed && dated && currency != null
                ? ObligationPricing.price(v, "obligations", c.obligations(), c.contractId(), currency, c.signedOn(),
                c.termStart(), c.termEnd(), Set.of(), Set.of(), ssps, programs)
                : List.of();
        v.throwIfAny();

        SspAllocation.Result allocation = SspAllocation.allocate(currency, price,
                priced.stream().map(ObligationPricing.Priced::input).toList(), tied, v);
        v.throwIfAny();
        List<Obligation> obligations = new ArrayList<>();
        Map<String, SspTerms> used = new LinkedHashMap<>();
        for (ObligationPricing.Priced p : priced) {
            obligations.add(p.allocate(allocation.allocatedTo(p.terms().obligationId())));
            used.putIfAbsent(p.ssp().label(), p.ssp());
        }
        BillingTerms terms = new BillingTerms(billing.schedule(),
                billing.settlement() == null ? Settlement.INVOICED : billing.settlement(),
                billing.paymentTermsDays() == null ? 30 : billing.paymentTermsDays());
        return new Signed(price, obligations, allocation, List.copyOf(used.values()), discounts, commitment, terms,
                BillingItem.plan(terms.schedule(), c.termStart(), c.termEnd(), price),
                c.refundOnTermination() == null ? TerminationRefund.NONE : c.refundOnTermination());
    }

    /** The first day a contract's obligations may be delivered (the term's start, or the signing if earlier). */
    static LocalDate earliest(LocalDate signedOn, LocalDate termStart) {
        return signedOn.isBefore(termStart) ? signedOn : termStart;
    }
}
