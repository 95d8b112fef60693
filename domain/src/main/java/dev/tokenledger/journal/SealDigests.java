package dev.tokenledger.journal;


import java.util.Map;
import java.util.SortedMap;

/**
 * The digests a period's seal holds (README "Tamper evidence"), computed the same way from the read models when a
 * period is closed and from the event store when the journal is verified: one line per key in key order, amounts in
 * minor units, then SHA-256.
 */
public final class SealDigests {

    private SealDigests() {
    }

    /** @param balances "account|currency" to {debit, credit} in minor units, posting dates up to the period's end */
    public static String trialBalance(SortedMap<String, long[]> balances) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, long[]> row : balances.entrySet()) {
            if (row.getValue()[0] != 0 || row.getValue()[1] != 0) {
                text.append(row.getKey()).append('|').append(row.getValue()[0]).append('|').append(row.getValue()[1]).append('\n');
            }
        }
        return EntryDigest.sha256(text.toString());
    }

    /**
     * @param balances "account|customer|pool|contract|currency" to the credit balance in minor units of the
     *                 contract-liability accounts, posting dates up to the period's end; zero balances are left out
     */
    public static String rollforward(SortedMap<String, Long> balances) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> row : balances.entrySet()) {
            if (row.getValue() != 0) {
                text.append(row.getKey()).append('|').append(row.getValue()).append('\n');
            }
        }
        return EntryDigest.sha256(text.toString());
    }

    /** The key of a contract-liability balance; absent dimensions are empty. */
    public static String liabilityKey(String account, String customer, String pool, String contract, String currency) {
        return account + "|" + (customer == null ? "" : customer) + "|" + (pool == null ? "" : pool) + "|"
                + (contract == null ? "" : contract) + "|" + currency;
    }
}
