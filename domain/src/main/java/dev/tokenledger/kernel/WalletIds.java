package dev.tokenledger.kernel;

/**
 * Id schemes of the aggregates several capabilities address. A customer's wallet lives under "wallet:{customerId}"
 * and the entries its events post under "wallet:{customer}:{request}"; a ':' never appears in a client-chosen id
 * ({@link Limits#CLIENT_ID}), so derived ids never collide with ids clients choose.
 */
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
