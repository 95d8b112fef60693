package dev.tokenledger.contracts;

/**
 * Id schemes of contracts: the aggregate lives under "contract:{contractId}", its entries under
 * "contract:{contractId}:{request}"; a ':' never appears in a client-chosen id, so these never collide.
 */
public final class ContractIds {

    private ContractIds() {
    }

    public static String aggregateId(String contractId) {
        return "contract:" + contractId;
    }

    public static String entryId(String contractId, String requestId) {
        return "contract:" + contractId + ":" + requestId;
    }

    /** The wallet pool a credit-pool obligation funds, unless the contract names one. */
    public static String defaultPoolId(String contractId, String obligationId) {
        return contractId + "-" + obligationId;
    }

    /** The contract a modification at SSP becomes (ASC 606-10-25-12). */
    public static String separateContractId(String contractId, String modificationId) {
        return contractId + "-" + modificationId;
    }
}
