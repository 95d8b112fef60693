package dev.tokenledger.credits;

/** Wallet aggregates live under "wallet:{customerId}"; their journal entries under "wallet:{customer}:{request}". */
public final class WalletIds {

    private WalletIds() {
    }

    public static String aggregateId(String customerId) {
        return "wallet:" + customerId;
    }

    public static String entryId(String customerId, String requestId) {
        return "wallet:" + customerId + ":" + requestId;
    }
}
