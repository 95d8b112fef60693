package dev.tokenledger.contracts;

import dev.tokenledger.contracts.ContractCommands.ObligationTerms;
import dev.tokenledger.credits.CreditProgramBook;
import dev.tokenledger.credits.CreditTerms;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the obligations a contract (or a modification) states and prices each at its standalone selling price in
 * force on the pricing date (ASC 606-10-32-32: at inception; for a modification, at its date).
 */
final class ObligationPricing {

    /** Pool ids of contract pools leave room for the suffix of the request that ends them (".end"). */
    static final int MAX_POOL_ID = 76;

    private ObligationPricing() {
    }

    /** An obligation as checked and priced, before allocation. */
    record Priced(ObligationTerms terms, ObligationKind kind, RecognitionPattern pattern, RecognitionBasis basis,
                  LocalDate start, LocalDate end, BigDecimal quantity, SspTerms ssp, BigDecimal standaloneSellingPrice,
                  BigDecimal rangeLow, BigDecimal rangeHigh, CreditTerms program, String poolId, LocalDate poolExpiresOn,
                  Obligation.OptionState option) {

        SspAllocation.Input input() {
            return new SspAllocation.Input(terms.obligationId(), ssp.label(), ssp.method(), standaloneSellingPrice,
                    rangeLow, rangeHigh);
        }

        /** The obligation with {@code allocated} of the price, from {@code start} (RATABLE: one segment). */
        Obligation allocate(long allocated) {
            List<Segment> segments = pattern == RecognitionPattern.RATABLE
                    ? List.of(new Segment(start, end, allocated, 0, basis)) : List.of();
            return new Obligation(terms.obligationId(), kind, terms.description(), ssp.label(), quantity,
                    standaloneSellingPrice, pattern, pattern == RecognitionPattern.RATABLE ? basis : null, allocated,
                    segments, terms.expectedOn(), null, null, 0, poolId, program == null ? null : program.programId(),
                    kind == ObligationKind.CREDIT_POOL ? terms.credits() : null,
                    kind == ObligationKind.CREDIT_POOL ? start : null, poolExpiresOn, option);
        }
    }

    /**
     * @param field        where the list sits in the request ("obligations", "addObligations")
     * @param pricingDate  the date SSPs and programs are looked up at
     * @param periodStart  the first day obligations may start (the term's start, or the modification's date)
     * @param periodEnd    the last day they may end (the term's end)
     * @param takenIds     obligation ids already in the contract
     */
    static List<Priced> price(Violations v, String field, List<ObligationTerms> obligations, String contractId,
                              Currency currency, LocalDate pricingDate, LocalDate periodStart, LocalDate periodEnd,
                              Set<String> takenIds, Set<String> takenPools, SspBook sspBook, CreditProgramBook programs) {
        List<Priced> priced = new ArrayList<>();
        Set<String> ids = new HashSet<>(takenIds);
        Set<String> pools = new HashSet<>(takenPools);
        for (int i = 0; i < obligations.size(); i++) {
            String at = field + "[" + i + "]";
            ObligationTerms o = obligations.get(i);
            if (o == null) {
                v.add(RejectionCode.CONTRACT_TERMS_INVALID, at, "an obligation is an object");
                continue;
            }
            boolean ok = RequestChecks.id(v, at + ".obligationId", o.obligationId());
            if (ok && !ids.add(o.obligationId())) {
                v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".obligationId", "obligation " + o.obligationId()
                        + " is already in the contract; ids are unique within it");
                ok = false;
            }
            if (o.description() != null) {
                ok &= RequestChecks.text(v, at + ".description", o.description(), 200);
            }
            if (o.kind() == null) {
                v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".kind", "give PLATFORM_ACCESS, SUPPORT, SERVICE, PRODUCT, CREDIT_POOL or MATERIAL_RIGHT");
                continue;
            }
            RecognitionPattern pattern = o.pattern() == null ? o.kind().defaultPattern() : o.pattern();
            if (!o.kind().allows(pattern)) {
                v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".pattern", o.kind() + " is not recognised " + pattern);
                ok = false;
            }
            RecognitionBasis basis = o.basis() == null ? RecognitionBasis.DAILY : o.basis();
            if (o.basis() != null && pattern != RecognitionPattern.RATABLE) {
                v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".basis", "only RATABLE obligations have a basis");
                ok = false;
            }
            boolean credit = o.kind() == ObligationKind.CREDIT_POOL;
            LocalDate start = o.start() == null ? periodStart : o.start();
            LocalDate end = o.end() == null ? periodEnd : o.end();
            if (RequestChecks.optionalDate(v, at + ".start", o.start()) && start.isBefore(periodStart)) {
                v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".start", "starts " + start + ", before " + periodStart);
                ok = false;
            } else if (start.isAfter(periodEnd)) {
                v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".start", "starts " + start + ", after the term ends " + periodEnd);
                ok = false;
            }
            if (pattern == RecognitionPattern.RATABLE) {
                if (RequestChecks.optionalDate(v, at + ".end", o.end()) && (end.isAfter(periodEnd) || end.isBefore(start))) {
                    v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".end", "its period must lie within " + start
                            + " to " + periodEnd + ", got end " + end);
                    ok = false;
                } else if (basis == RecognitionBasis.MONTHLY && Segment.wholeMonths(start, end) < 0) {
                    v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".basis", "MONTHLY needs whole months from "
                            + start + " (e.g. to " + start.plusMonths(12).minusDays(1) + "); " + end + " is not");
                    ok = false;
                }
            } else if (o.end() != null) {
                v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".end", "only RATABLE obligations have a period end");
                ok = false;
            }
            if (o.expectedOn() != null && (pattern != RecognitionPattern.ON_DELIVERY
                    || !RequestChecks.date(v, at + ".expectedOn", o.expectedOn()))) {
                if (pattern != RecognitionPattern.ON_DELIVERY) {
                    v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".expectedOn", "only ON_DELIVERY obligations have an expected delivery date");
                }
                ok = false;
            }

            CreditTerms program = null;
            String poolId = null;
            LocalDate expires = null;
            if (credit) {
                if (RequestChecks.credits(v, at + ".credits", o.credits()) && o.programId() == null) {
                    v.add(RejectionCode.UNKNOWN_PROGRAM, at + ".programId", "a credit pool needs its credit program");
                    ok = false;
                } else if (o.programId() != null && RequestChecks.id(v, at + ".programId", o.programId())) {
                    program = programs.termsInForce(o.programId(), start).orElse(null);
                    if (program == null) {
                        v.add(RejectionCode.UNKNOWN_PROGRAM, at + ".programId", "no program " + o.programId() + " in force on " + start);
                    } else if (!program.currency().equals(currency)) {
                        v.add(RejectionCode.CURRENCY_MISMATCH, at + ".programId", "program " + o.programId() + " is in "
                                + program.currency() + ", the contract in " + currency);
                        program = null;
                    }
                } else {
                    ok = false;
                }
                poolId = o.poolId() != null ? o.poolId() : ContractIds.defaultPoolId(contractId, o.obligationId());
                if (o.poolId() != null) {
                    ok &= RequestChecks.id(v, at + ".poolId", o.poolId());
                } else if (o.obligationId() != null && contractId != null && !Limits.CLIENT_ID.matcher(poolId).matches()) {
                    v.add(RejectionCode.REQUEST_ID_INVALID, at + ".poolId", "the default pool id " + poolId
                            + " is longer than 80 characters; name the pool");
                    ok = false;
                }
                if (poolId.length() > MAX_POOL_ID) {
                    v.add(RejectionCode.REQUEST_ID_INVALID, at + ".poolId", "a contract's pool id is at most " + MAX_POOL_ID
                            + " characters (the ledger derives the ids of the pool's own requests from it); "
                            + poolId + " is longer");
                    ok = false;
                }
                if (!pools.add(poolId)) {
                    v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".poolId", "pool " + poolId + " is funded twice");
                    ok = false;
                }
                if (RequestChecks.optionalDate(v, at + ".expiresOn", o.expiresOn()) && o.expiresOn() != null
                        && o.expiresOn().isBefore(start)) {
                    v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".expiresOn", "the pool would expire before it starts (" + start + ")");
                    ok = false;
                }
                if (program != null) {
                    expires = o.expiresOn() != null ? o.expiresOn() : program.expiry().expiryFor(start);
                }
            } else if (o.programId() != null || o.credits() != null || o.poolId() != null
                    || (o.expiresOn() != null && o.kind() != ObligationKind.MATERIAL_RIGHT)) {
                v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".credits", "credits, programId and poolId belong to "
                        + "CREDIT_POOL obligations, expiresOn to CREDIT_POOL and MATERIAL_RIGHT ones");
                ok = false;
            }
            Obligation.OptionState option = null;
            if (o.kind() == ObligationKind.MATERIAL_RIGHT) {
                if (RequestChecks.rate(v, RejectionCode.CONTRACT_TERMS_INVALID, at + ".exerciseLikelihood",
                        o.exerciseLikelihood(), false, true)
                        && RequestChecks.optionalDate(v, at + ".expiresOn", o.expiresOn())) {
                    if (o.expiresOn() != null && o.expiresOn().isBefore(start)) {
                        v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".expiresOn", "the option would lapse before it starts (" + start + ")");
                        ok = false;
                    } else if (o.quantity() != null) {
                        // 55-44: the units expected to be exercised start at quantity x likelihood
                        option = new Obligation.OptionState(o.exerciseLikelihood(), o.expiresOn(),
                                o.quantity().multiply(o.exerciseLikelihood()), BigDecimal.ZERO, null);
                    }
                } else {
                    ok = false;
                }
            } else if (o.exerciseLikelihood() != null) {
                v.add(RejectionCode.CONTRACT_TERMS_INVALID, at + ".exerciseLikelihood", "only a MATERIAL_RIGHT has a likelihood of exercise");
                ok = false;
            }

            BigDecimal quantity = o.quantity() != null ? o.quantity() : credit ? o.credits() : null;
            if (!RequestChecks.quantity(v, RejectionCode.CONTRACT_TERMS_INVALID, at + ".quantity", quantity)) {
                ok = false;
            }
            SspTerms ssp = null;
            if (o.sspId() == null) {
                v.add(RejectionCode.UNKNOWN_SSP, at + ".sspId", "every obligation is priced from the SSP table: name its entry");
                ok = false;
            } else if (RequestChecks.id(v, at + ".sspId", o.sspId())) {
                ssp = sspBook.inForce(o.sspId(), pricingDate).orElse(null);
                if (ssp == null) {
                    v.add(RejectionCode.UNKNOWN_SSP, at + ".sspId", "no SSP " + o.sspId() + " in force on " + pricingDate);
                    ok = false;
                } else if (!ssp.currency().equals(currency)) {
                    v.add(RejectionCode.UNKNOWN_SSP, at + ".sspId", o.sspId() + " is priced in " + ssp.currency()
                            + ", the contract in " + currency);
                    ok = false;
                }
            } else {
                ok = false;
            }
            if (!ok || ssp == null || (credit && program == null)) {
                continue;
            }
            // a material right's SSP: the discount per unit x units x the likelihood of exercise (55-44)
            BigDecimal units = option == null ? quantity : quantity.multiply(option.exerciseLikelihood());
            BigDecimal standalone = ssp.isResidual() ? null : ssp.unitPrice().multiply(units);
            BigDecimal low = ssp.hasRange() ? ssp.rangeLow().multiply(units) : null;
            BigDecimal high = ssp.hasRange() ? ssp.rangeHigh().multiply(units) : null;
            BigDecimal biggest = standalone != null ? standalone : high;
            if (biggest.compareTo(Limits.MAX_AMOUNT_MAJOR) >= 0) {
                v.add(RejectionCode.AMOUNT_OUT_OF_RANGE, at + ".quantity", "its SSP (" + biggest.toPlainString()
                        + ") must be below " + Limits.MAX_AMOUNT_MAJOR.toPlainString());
                continue;
            }
            priced.add(new Priced(o, o.kind(), pattern, basis, start, pattern == RecognitionPattern.RATABLE ? end : null,
                    quantity, ssp, standalone, low, high, program, poolId, expires, option));
        }
        return priced;
    }

    /** Days of a period, inclusive. */
    static long days(LocalDate start, LocalDate end) {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }
}
