package dev.tokenledger.contracts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A performance obligation of a contract as decided: what it was allocated, how and over what it is recognised.
 * Events carry these values; the contract replaces them (never edits them) when a modification or delivery changes
 * them.
 *
 * @param standaloneSellingPrice its SSP at inception (unit price x quantity, exact; the residual for the residual
 *                               approach)
 * @param allocatedMinor         the transaction price allocated to it in total (after modifications: recognised
 *                               before the modification plus the reallocated remainder)
 * @param segments               for RATABLE obligations, the recognition segments in date order
 * @param recognizedMinor        recognised so far (for CREDIT_POOL, the wallet recognises; this stays 0; for a
 *                               MATERIAL_RIGHT, out of its own liability as it is exercised or lapses)
 * @param endedOn                when a termination ended it (nothing more is recognised after)
 * @param poolId                 for CREDIT_POOL, the wallet pool it funded
 * @param option                 for MATERIAL_RIGHT, the option's state
 */
public record Obligation(String obligationId, ObligationKind kind, String description, String sspLabel,
                         BigDecimal quantity, BigDecimal standaloneSellingPrice, RecognitionPattern pattern,
                         RecognitionBasis basis, long allocatedMinor, List<Segment> segments, LocalDate expectedOn,
                         LocalDate deliveredOn, LocalDate endedOn, long recognizedMinor, String poolId,
                         String programId, BigDecimal credits, LocalDate poolStart, LocalDate poolExpiresOn,
                         OptionState option) {

    public Obligation {
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    /**
     * A material right's state (ASC 606-10-55-41 to 55-45; README "Material rights"): the option's units are
     * {@code quantity}; {@code expectedUnits} are those expected to be exercised (PORTFOLIO_REDEMPTION), revised by
     * cumulative catch-up; {@code exercisedUnits} those exercised so far; {@code lapsedOn} when what remained lapsed.
     */
    public record OptionState(BigDecimal exerciseLikelihood, LocalDate expiresOn, BigDecimal expectedUnits,
                              BigDecimal exercisedUnits, LocalDate lapsedOn) {

        OptionState exercised(BigDecimal units, BigDecimal expected) {
            return new OptionState(exerciseLikelihood, expiresOn, expected, exercisedUnits.add(units), lapsedOn);
        }

        OptionState expecting(BigDecimal expected) {
            return new OptionState(exerciseLikelihood, expiresOn, expected, exercisedUnits, lapsedOn);
        }

        OptionState lapsed(LocalDate on) {
            return new OptionState(exerciseLikelihood, expiresOn, expectedUnits, exercisedUnits, on);
        }
    }

    public boolean isMaterialRight() {
        return option != null;
    }

    /** A credit pool or a material right: its consideration left the contract's position when it was funded. */
    public boolean isFundedSeparately() {
        return isCreditPool() || isMaterialRight();
    }

    /** The option after an exercise, revision or lapse; {@code closedOn} when nothing of it remains open. */
    Obligation withOption(OptionState next, long recognized, LocalDate closedOn) {
        return new Obligation(obligationId, kind, description, sspLabel, quantity, standaloneSellingPrice, pattern,
                basis, allocatedMinor, segments, expectedOn, closedOn != null ? closedOn : deliveredOn, endedOn,
                recognized, poolId, programId, credits, poolStart, poolExpiresOn, next);
    }

    public boolean isRatable() {
        return pattern == RecognitionPattern.RATABLE;
    }

    public boolean isCreditPool() {
        return pattern == RecognitionPattern.AS_CREDITS_ARE_USED;
    }

    public boolean isPointInTime() {
        return pattern == RecognitionPattern.ON_DELIVERY;
    }

    /** Whether anything remains to be recognised by the contract itself (credit pools are the wallet's). */
    public boolean isOpen() {
        return endedOn == null && !isFundedSeparately() && (isRatable() ? recognizedMinor < allocatedMinor : deliveredOn == null);
    }

    /** What the contract itself has yet to recognise. */
    public long unrecognizedMinor() {
        return isFundedSeparately() || endedOn != null ? 0 : allocatedMinor - recognizedMinor;
    }

    /** The last day of its period (RATABLE), or null. */
    public LocalDate periodEnd() {
        return segments.isEmpty() ? null : segments.get(segments.size() - 1).end();
    }

    /** Recognised in total by the end of {@code date} under its schedule (RATABLE), capped by a termination. */
    public long scheduledThrough(LocalDate date) {
        LocalDate through = endedOn != null && endedOn.isBefore(date) ? endedOn : date;
        return RatableSchedule.cumulativeThrough(segments, through);
    }

    Obligation recognized(long total) {
        return new Obligation(obligationId, kind, description, sspLabel, quantity, standaloneSellingPrice, pattern,
                basis, allocatedMinor, segments, expectedOn, deliveredOn, endedOn, total, poolId, programId, credits,
                poolStart, poolExpiresOn, option);
    }

    Obligation delivered(LocalDate on) {
        return new Obligation(obligationId, kind, description, sspLabel, quantity, standaloneSellingPrice, pattern,
                basis, allocatedMinor, segments, expectedOn, on, endedOn, allocatedMinor, poolId, programId, credits,
                poolStart, poolExpiresOn, option);
    }

    Obligation ended(LocalDate on) {
        return new Obligation(obligationId, kind, description, sspLabel, quantity, standaloneSellingPrice, pattern,
                basis, allocatedMinor, segments, expectedOn, deliveredOn, on, recognizedMinor, poolId, programId,
                credits, poolStart, poolExpiresOn, option);
    }

    /** A prospective modification from {@code from}: {@code amount} more over {@code from}..{@code end}. */
    Obligation reallocated(long amount, LocalDate from, LocalDate end) {
        if (isRatable()) {
            List<Segment> next = new java.util.ArrayList<>(segments);
            RecognitionBasis b = basis == RecognitionBasis.MONTHLY && Segment.wholeMonths(from, end) > 0
                    ? RecognitionBasis.MONTHLY : RecognitionBasis.DAILY;
            next.add(new Segment(from, end, amount, recognizedMinor, b));
            return new Obligation(obligationId, kind, description, sspLabel, quantity, standaloneSellingPrice, pattern,
                    basis, recognizedMinor + amount, next, expectedOn, deliveredOn, endedOn, recognizedMinor, poolId,
                    programId, credits, poolStart, poolExpiresOn, option);
        }
        return new Obligation(obligationId, kind, description, sspLabel, quantity, standaloneSellingPrice, pattern,
                basis, recognizedMinor + amount, segments, expectedOn, deliveredOn, endedOn, recognizedMinor, poolId,
                programId, credits, poolStart, poolExpiresOn, option);
    }
}
