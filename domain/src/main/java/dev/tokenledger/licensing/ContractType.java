package dev.tokenledger.licensing;

/**
 * What a customer contract is, stated explicitly so the ledger can refuse a recognition pattern that does not apply
 * (README "Licences and royalties").
 */
public enum ContractType {
    /**
     * A licence of functional IP (a model's weights, software the customer runs): a right to use, recognised when
     * control passes (ASC 606-10-55-58 and 55-62); sales- or usage-based royalties follow the royalty exception.
     */
    FUNCTIONAL_IP_LICENCE,
    /**
     * Access to a service the company runs (an API, SaaS): never a licence (the customer cannot take the IP, 606-10-55-54
     * and the hosting guidance), so neither point-in-time licence revenue nor the royalty exception applies; such
     * contracts are contracts (POST /api/v1/contracts) and usage.
     */
    SERVICE_ACCESS
}
