package dev.tokenledger.credits;

/** How unused prepaid credits become revenue (ASC 606-10-55-48; README "Prepaid credits"). */
public enum BreakagePolicy {
    /** No breakage until expiry; then the remaining liability, less escheat, is breakage. The default. */
    REMOTE,
    /** Breakage recognised in proportion to redemptions against the expected redemptions E (ASC 606-10-55-48). */
    PROPORTIONAL
}
