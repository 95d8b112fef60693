package dev.tokenledger.periods;

/**
 * A checkpoint sealed when a period is closed (README "Tamper evidence"): the journal's hash chain through the last
 * event the ledger had projected, and digests of the period's trial balance and contract-liability balances as they
 * stood then. {@code verify} recomputes all three from the event store.
 *
 * @param throughGlobalIndex the last event-store position the seal covers
 * @param entries            journal entries chained through it
 * @param chainHash          the chain value after the last of them
 * @param trialBalanceDigest SHA-256 of the trial balance at the period's end, over entries through the position
 * @param rollforwardDigest  SHA-256 of the contract-liability balances (by account, customer, pool, contract) then
 */
public record JournalSeal(long throughGlobalIndex, long entries, String chainHash, String trialBalanceDigest,
                          String rollforwardDigest) {
}
