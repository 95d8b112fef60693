package dev.tokenledger.credits;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * One credit pool's state and arithmetic (ASC 606-10-55-46 to 55-49; README "Prepaid credits"). Amounts are in minor units of the pool's currency; credits
 * are exact decimals. Every recognition is a cumulative catch-up: compute the exact cumulative amount, round it
 * half-up once, post the difference from what was already posted, so totals never depend on how usage was split.
 *
 * <p>P = price allocated to the pool, N = credits granted (bonus included), R = credits redeemed, E = credits
 * expected to be redeemed (PROPORTIONAL), X = amount expected to be remitted as unclaimed property, K = credits
 * refunded, A = amount refunded.
 */
public final class CreditPool {

    /** Precision of intermediate credit quotients; far beyond any price or credit count in practice. */
    static final MathContext PRECISION = new MathContext(34, RoundingMode.HALF_EVEN);

    final String poolId;
    final long sequence;
    final LocalDate purchasedOn;
    final LocalDate expiresOn;
    final CreditTerms terms;
    final long price;
    final BigDecimal credits;
    final long escheatExpected;
    BigDecimal redeemed = BigDecimal.ZERO;
    BigDecimal expectedRedeemed;
    BigDecimal refundedCredits = BigDecimal.ZERO;
    long usagePosted;
    long breakagePosted;
    long refundPosted;
    long escheatPosted;
    boolean expired;
    /** Date of the last usage (or of the purchase): dormancy counts from here. */
    LocalDate lastActivity;
    /** Breakage recognised under the dormancy rule and not yet reversed by renewed usage. */
    long dormantBreakage;

    CreditPool(String poolId, long sequence, LocalDate purchasedOn, LocalDate expiresOn, CreditTerms terms, long price,
               BigDecimal credits) {
        this.poolId = poolId;
        this.sequence = sequence;
        this.purchasedOn = purchasedOn;
        this.expiresOn = expiresOn;
        this.terms = terms;
        this.price = price;
        this.credits = credits;
        this.escheatExpected = roundHalfUp(terms.expectedEscheat(price));
        this.lastActivity = purchasedOn;
        this.expectedRedeemed = terms.breakagePolicy() == BreakagePolicy.PROPORTIONAL
                ? credits.multiply(terms.expectedRedemptionRate()).min(credits)
                : credits;
    }

    public boolean isPaid() {
        return price > 0;
    }

    public boolean isProportional() {
        return terms.breakagePolicy() == BreakagePolicy.PROPORTIONAL;
    }

    /** Credits still available to draw. */
    public BigDecimal available() {
        return expired ? BigDecimal.ZERO : credits.subtract(redeemed).subtract(refundedCredits);
    }

    /** Contract liability still carried for this pool, in minor units. Never negative. */
    public long liability() {
        return price - usagePosted - breakagePosted - refundPosted - escheatPosted;
    }

    /** Whether a draw effective on {@code date} may use this pool (through the end of its expiry date). */
    boolean usableOn(LocalDate date) {
        return !expired && !purchasedOn.isAfter(date) && (expiresOn == null || !date.isAfter(expiresOn))
                && available().signum() > 0;
    }

    /** Cumulative usage revenue at R redeemed credits: round(P x R / N). */
    long usageCumulative(BigDecimal r) {
        if (price == 0) {
            return 0;
        }
        return roundHalfUp(BigDecimal.valueOf(price).multiply(r).divide(credits, PRECISION));
    }

    /** PROPORTIONAL: cumulative breakage = round((P - X - A) x min(R / E, 1)) - usage cumulative. */
    long breakageCumulative(BigDecimal r, BigDecimal e, long refunded) {
        if (!isProportional() || price == 0) {
            return breakagePosted;
        }
        BigDecimal ratio = e.signum() == 0 ? BigDecimal.ONE : r.divide(e, PRECISION).min(BigDecimal.ONE);
        long total = roundHalfUp(BigDecimal.valueOf(price - escheatExpected - refunded).multiply(ratio));
        return total - usageCumulative(r);
    }

    /** The result of recognising revenue for a change in R or E; applied by {@link #apply}. */
    record Recognition(BigDecimal newRedeemed, BigDecimal newExpected, long usageDelta, long breakageDelta) {
    }

    Recognition draw(BigDecimal creditsDrawn) {
        BigDecimal r = redeemed.add(creditsDrawn);
        // a draw that would push R above E first revises E (README "Prepaid credits", PROPORTIONAL)
        BigDecimal e = isProportional() && r.compareTo(expectedRedeemed) > 0 ? r : expectedRedeemed;
        long usage = usageCumulative(r) - usagePosted;
        // REMOTE: a dormant pool that is used again first gives back the breakage recognised for its dormancy
        long breakage = isProportional() ? breakageCumulative(r, e, refundPosted) - breakagePosted : -dormantBreakage;
        return new Recognition(r, e, usage, breakage);
    }

    Recognition revise(BigDecimal newExpected) {
        long breakage = breakageCumulative(redeemed, newExpected, refundPosted) - breakagePosted;
        return new Recognition(redeemed, newExpected, 0, breakage);
    }

    void apply(Recognition recognition) {
        redeemed = recognition.newRedeemed();
        expectedRedeemed = recognition.newExpected();
        usagePosted += recognition.usageDelta();
        breakagePosted += recognition.breakageDelta();
        if (!isProportional()) {
            dormantBreakage += recognition.breakageDelta();
        }
        assertInvariants();
    }

    /** When the pool becomes dormant under its program's rule (null: no rule, or not REMOTE). */
    LocalDate dormantFrom() {
        Integer days = terms.dormancyDays();
        return days == null || isProportional() ? null : lastActivity.plusDays(days);
    }

    /** Dormancy recognises the remaining liability, less the escheat still expected, as breakage. */
    long dormancyBreakage() {
        return liability() - (escheatExpected - escheatPosted);
    }

    void applyDormancy(long breakage) {
        breakagePosted += breakage;
        dormantBreakage += breakage;
        assertInvariants();
    }

    /** Largest refund possible now: the value of unused credits, keeping the expected escheat covered. */
    long refundable() {
        if (expired || price == 0) {
            return 0;
        }
        long unusedValue = roundHalfUp(BigDecimal.valueOf(price).multiply(available()).divide(credits, PRECISION));
        long headroom = price - escheatExpected - usagePosted - refundPosted
                // a REMOTE pool's breakage (dormancy) is not refundable until renewed usage gives it back
                - (isProportional() ? 0 : breakagePosted);
        return Math.max(0, Math.min(unusedValue, headroom));
    }

    /** Credits a refund of {@code amount} takes out of the pool (rounded up, so R can never outgrow N - K). */
    BigDecimal creditsFor(long amount) {
        return BigDecimal.valueOf(amount).multiply(credits).divide(BigDecimal.valueOf(price), 18, RoundingMode.UP)
                .min(available());
    }

    /** A refund also moves the PROPORTIONAL base (P - X - A), which is caught up as breakage at the same time. */
    record Refund(long amount, BigDecimal credits, BigDecimal newExpected, long breakageDelta) {
    }

    Refund refund(long amount) {
        BigDecimal k = creditsFor(amount);
        BigDecimal maxExpected = credits.subtract(refundedCredits).subtract(k);
        BigDecimal e = expectedRedeemed.min(maxExpected).max(redeemed);
        long breakage = breakageCumulative(redeemed, e, refundPosted + amount) - breakagePosted;
        return new Refund(amount, k, e, breakage);
    }

    void apply(Refund refund) {
        refundPosted += refund.amount();
        refundedCredits = refundedCredits.add(refund.credits());
        expectedRedeemed = refund.newExpected();
        breakagePosted += refund.breakageDelta();
        assertInvariants();
    }

    /** At expiry the remaining liability, less escheat, is trued up to breakage. */
    record Expiry(long breakageDelta, long escheat) {
    }

    Expiry expire() {
        long remaining = liability();
        long escheat = Math.min(escheatExpected - escheatPosted, remaining);
        return new Expiry(remaining - escheat, escheat);
    }

    void apply(Expiry expiry) {
        breakagePosted += expiry.breakageDelta();
        escheatPosted += expiry.escheat();
        expired = true;
        assertInvariants();
        if (liability() != 0) {
            throw new IllegalStateException("pool " + poolId + " expired with liability " + liability());
        }
    }

    /** Invariants where money moves: liability never negative; R <= E <= N - K (PROPORTIONAL). */
    private void assertInvariants() {
        if (liability() < 0) {
            throw new IllegalStateException("pool " + poolId + " liability went negative: " + liability());
        }
        if (redeemed.add(refundedCredits).compareTo(credits) > 0) {
            throw new IllegalStateException("pool " + poolId + " redeemed more credits than it holds");
        }
        if (isProportional() && (expectedRedeemed.compareTo(redeemed) < 0
                || expectedRedeemed.compareTo(credits.subtract(refundedCredits)) > 0)) {
            throw new IllegalStateException("pool " + poolId + " estimate E outside [R, N - K]");
        }
    }

    static long roundHalfUp(BigDecimal exactMinor) {
        return exactMinor.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    public String poolId() {
        return poolId;
    }

    CreditTerms terms() {
        return terms;
    }

    /** Value equality over the whole state, so the test fixtures can prove replay rebuilds the same pool. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CreditPool p && sequence == p.sequence && price == p.price
                && escheatExpected == p.escheatExpected && usagePosted == p.usagePosted
                && breakagePosted == p.breakagePosted && refundPosted == p.refundPosted
                && escheatPosted == p.escheatPosted && expired == p.expired && poolId.equals(p.poolId)
                && purchasedOn.equals(p.purchasedOn) && java.util.Objects.equals(expiresOn, p.expiresOn)
                && terms.equals(p.terms) && credits.compareTo(p.credits) == 0 && redeemed.compareTo(p.redeemed) == 0
                && expectedRedeemed.compareTo(p.expectedRedeemed) == 0
                && refundedCredits.compareTo(p.refundedCredits) == 0
                && lastActivity.equals(p.lastActivity) && dormantBreakage == p.dormantBreakage;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(poolId, sequence, price, usagePosted, breakagePosted, refundPosted, expired);
    }

    @Override
    public String toString() {
        return "pool " + poolId + " P=" + price + " N=" + credits.toPlainString() + " R=" + redeemed.toPlainString()
                + " E=" + expectedRedeemed.toPlainString() + " K=" + refundedCredits.toPlainString() + " usage="
                + usagePosted + " breakage=" + breakagePosted + " refunds=" + refundPosted + " escheat=" + escheatPosted
                + (expired ? " expired" : "");
    }
}
