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
 * @param recognizedMinor        recognised so far (for CREDIT_POOL, the wallet recognises; this stays 0)
 * @param endedOn                when a termination ended it (nothing more is recognised after)
 * @param poolId                 for CREDIT_POOL, the wallet pool it funded
 */
public record Obligation(String obligationId, ObligationKind kind, String description, String sspLabel,
                         BigDecimal quantity, BigDecimal standaloneSellingPrice, RecognitionPattern pattern,
                         RecognitionBasis basis, long allocatedMinor, List<Segment> segments, LocalDate expectedOn,
                         LocalDate deliveredOn, LocalDate endedOn, long recognizedMinor, String poolId,
                         String programId, BigDecimal credits, LocalDate poolStart, LocalDate poolExpiresOn) {

    public Obligation {
        segments = segments == null ? List.of() : List.copyOf(segments);
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
        return endedOn == null && !isCreditPool() && (isRatable() ? recognizedMinor < allocatedMinor : deliveredOn == null);
    }

    /** What the contract itself has yet to recognise. */
    public long unrecognizedMinor() {
        return isCreditPool() || endedOn != null ? 0 : allocatedMinor - recognizedMinor;
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
                poolStart, poolExpiresOn);
    }

    Obligation delivered(LocalDate on) {
        return new Obligation(obligationId, kind, description, sspLabel, quantity, standaloneSellingPrice, pattern,
                basis, allocatedMinor, segments, expectedOn, on, endedOn, allocatedMinor, poolId, programId, credits,
                poolStart, poolExpiresOn);
    }

    Obligation ended(LocalDate on) {
        return new Obligation(obligationId, kind, description, sspLabel, quantity, standaloneSellingPrice, pattern,
                basis, allocatedMinor, segments, expectedOn, deliveredOn, on, recognizedMinor, poolId, programId,
                credits, poolStart, poolExpiresOn);
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
                    programId, credits, poolStart, poolExpiresOn);
        }
        return new Obligation(obligationId, kind, description, sspLabel, quantity, standaloneSellingPrice, pattern,
                basis, recognizedMinor + amount, segments, expectedOn, deliveredOn, endedOn, recognizedMinor, poolId,
                programId, credits, poolStart, poolExpiresOn);
    }
}
