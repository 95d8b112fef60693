package dev.tokenledger.journal;

/**
 * Versions of the accounting policies postings are decided under. Each event records the version it applied,
 * so a replay never re-derives history under newer rules. Bump a version when its rules change.
 */
public final class PolicyVersions {

    /** Manual entries, reversals and closed-period routing (README "Periods" and "Rounding"). */
    public static final String LEDGER_CORE = "ledger-core/2026-11";

    private PolicyVersions() {
    }
}
