package dev.tokenledger.credits;

/** What a program's escheat share applies to (accounting brief §5b; README "Unclaimed property"). */
public enum EscheatBasis {
    /** X = round(P x escheatShare): the default. */
    PRICE,
    /**
     * X = round(P x (1 - expectedRedemptionRate) x escheatShare): the share of the amount expected never to be
     * redeemed that unclaimed-property law will take.
     */
    EXPECTED_UNREDEEMED
}
