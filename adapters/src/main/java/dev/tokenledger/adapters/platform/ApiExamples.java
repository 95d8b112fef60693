package dev.tokenledger.adapters.platform;

/** Request examples shown in the OpenAPI document and Swagger UI. */
public final class ApiExamples {

    public static final String JOURNAL_ENTRY = """
            {"entryId": "JE-2026-0001", "effectiveDate": "2026-03-05", "memo": "Bank charges", "reason": "March statement",
             "lines": [
               {"account": "5300", "side": "DEBIT", "amount": "12.30", "currency": "USD", "dimensions": {"customer": "acme"}},
               {"account": "1000", "side": "CREDIT", "amount": "12.30", "currency": "USD"}]}""";
    public static final String REVERSAL = """
            {"reversalEntryId": "JE-2026-0001-R", "effectiveDate": "2026-03-06", "reason": "booked twice"}""";
    public static final String CLOSE = """
            {"requestId": "close-2026-01"}""";
    public static final String REOPEN = """
            {"requestId": "reopen-2026-01", "reason": "late vendor invoice"}""";
    public static final String PROGRAM = """
            {"programId": "standard", "requestId": "standard-v1", "effectiveFrom": "2026-01-01", "currency": "USD",
             "valuePerCredit": "0.01", "expiry": {"kind": "DAYS_AFTER_PURCHASE", "days": 365},
             "breakagePolicy": "PROPORTIONAL", "expectedRedemptionRate": "0.85", "escheatShare": "0.05",
             "refundsAllowed": true}""";
    public static final String SSP = """
            {"sspId": "platform-enterprise", "requestId": "ssp-platform-2026", "effectiveFrom": "2026-01-01",
             "description": "Enterprise platform access", "currency": "USD", "method": "OBSERVABLE_PRICE",
             "unit": "month", "unitPrice": "5000.00", "rangeLow": "4500.00", "rangeHigh": "5500.00",
             "evidence": "Median of 38 standalone renewals in 2025 (pricing study PS-2025-11); 80% within 10%",
             "evidenceAsOf": "2025-12-15"}""";
    public static final String CONTRACT = """
            {"contractId": "acme-2026", "customerId": "acme", "currency": "USD", "signedOn": "2025-12-20",
             "termStart": "2026-01-01", "termEnd": "2026-12-31", "transactionPrice": "150000.00",
             "obligations": [
               {"obligationId": "platform", "kind": "PLATFORM_ACCESS", "sspId": "platform-enterprise", "quantity": "12"},
               {"obligationId": "credits", "kind": "CREDIT_POOL", "sspId": "credit", "programId": "enterprise",
                "credits": "10000000"},
               {"obligationId": "support", "kind": "SUPPORT", "sspId": "support-premium", "quantity": "12"},
               {"obligationId": "onboarding", "kind": "SERVICE", "sspId": "onboarding", "quantity": "1",
                "pattern": "ON_DELIVERY", "expectedOn": "2026-02-15"}],
             "discounts": [{"discountId": "support-bundle", "amount": "6000.00", "appliesTo": ["support"],
                            "evidence": "Premium support is sold with platform renewals at 25% off (price list 2026)"}],
             "commitment": {"amount": "250000.00", "policy": "END_OF_TERM"},
             "billing": {"schedule": "QUARTERLY", "settlement": "INVOICED", "paymentTermsDays": 30},
             "refundOnTermination": "NONE", "memo": "Order form OF-2025-311"}""";
    public static final String MODIFICATION = """
            {"modificationId": "m-2026-07", "effectiveDate": "2026-07-01", "additionalPrice": "20000.00",
             "addObligations": [{"obligationId": "support-24x7", "kind": "SUPPORT", "sspId": "support-premium",
                                 "quantity": "6"}],
             "newTermEnd": "2027-06-30", "reason": "Renewal signed early with 24x7 support (order form OF-2026-118)"}""";
    public static final String TERMINATION = """
            {"terminationId": "t-2026-09", "effectiveDate": "2026-09-30", "credits": "EXPIRE", "commitment": "WAIVE",
             "reason": "Customer terminated for convenience under clause 12.2"}""";
    public static final String RECOGNITION = """
            {"requestId": "close-2026-03", "through": "2026-03-31"}""";
    public static final String DELIVERY = """
            {"requestId": "onboarding-done", "deliveredOn": "2026-02-12"}""";
    public static final String EXERCISE = """
            {"requestId": "points-redeemed-2026-12", "effectiveDate": "2026-12-31", "units": "4500"}""";
    public static final String OPTION_ESTIMATE = """
            {"requestId": "points-estimate-2027", "effectiveDate": "2027-12-31", "expectedUnits": "9700",
             "reason": "redemption history of 2027: 97% of points are expected to be redeemed"}""";
    public static final String LAPSE = """
            {"requestId": "voucher-expired", "effectiveDate": "2026-01-31", "reason": "not used by its expiry"}""";
    public static final String LICENCE = """
            {"licenceId": "initech-weights-2026", "customerId": "initech", "currency": "USD",
             "contractType": "FUNCTIONAL_IP_LICENCE", "signedOn": "2026-01-10", "licenceStart": "2026-02-01",
             "licenceEnd": "2026-12-31", "fixedFee": "100000.00", "minimumGuarantee": "50000.00",
             "royaltyRate": "0.05", "licencePredominant": true,
             "description": "Licence of the fine-tuned model's weights, on-premises"}""";
    public static final String ROYALTY_REPORT = """
            {"reportId": "initech-q1-2026", "usageThrough": "2026-03-31", "salesOrUsage": "700000.00"}""";
    public static final String VOLUME_DISCOUNT = """
            {"agreementId": "acme-volume-2026", "customerId": "acme", "currency": "USD", "yearStart": "2026-01-01",
             "yearEnd": "2026-12-31", "unit": "million_tokens",
             "tiers": [{"fromUnits": "0", "unitPrice": "10"}, {"fromUnits": "1000", "unitPrice": "9"},
                       {"fromUnits": "2000", "unitPrice": "8"}],
             "expectedVolume": "1500", "description": "Every token of the year at the price of the tier the year reaches"}""";
    public static final String UNCLAIMED_PROPERTY = """
            {"customerId": "acme", "reportId": "acme-p1-de-2026", "effectiveDate": "2026-09-30",
             "jurisdiction": "US-DE", "dueOn": "2027-03-01"}""";
    public static final String CONTRACT_INVOICE = """
            {"invoiceId": "INV-2026-0042", "invoiceDate": "2026-04-01"}""";
    public static final String CONTRACT_PAYMENT = """
            {"paymentId": "wire-8812", "invoiceId": "INV-2026-0042", "paidOn": "2026-04-28", "amount": "37500.00"}""";
    public static final String SETTLEMENT = """
            {"requestId": "commitment-2026", "effectiveDate": "2026-12-31"}""";
    public static final String COMMITMENT_ESTIMATE = """
            {"requestId": "estimate-2026-q2", "effectiveDate": "2026-06-30", "expectedConsumption": "180000.00",
             "reason": "Q2 usage review: adoption slower than forecast"}""";
    public static final String PURCHASE = """
            {"purchaseId": "order-1001", "programId": "standard", "effectiveDate": "2026-03-01", "price": "100.00",
             "currency": "USD", "credits": "10000", "bonusCredits": "2000", "settlement": "CASH"}""";
    public static final String GRANT = """
            {"grantId": "welcome-1", "programId": "standard", "effectiveDate": "2026-03-01", "credits": "500",
             "expiresOn": "2026-03-31"}""";
    public static final String DRAW = """
            {"drawId": "usage-2026-03-05T10", "occurredAt": "2026-03-05T10:59:59Z", "value": "3.4567",
             "usageReference": "hourly batch 2026-03-05T10"}""";
    public static final String HOLD = """
            {"holdId": "req-7f3a", "credits": "250", "ttlSeconds": 120}""";
    public static final String CAPTURE = """
            {"drawId": "req-7f3a", "credits": "212"}""";
    public static final String REFUND = """
            {"refundId": "refund-17", "poolId": "order-1001", "effectiveDate": "2026-04-02", "amount": "20.00",
             "payout": "CASH"}""";
    public static final String ESTIMATE = """
            {"customerId": "acme", "revisionId": "estimate-2026-06", "effectiveDate": "2026-06-30",
             "expectedRedeemedCredits": "9000"}""";
    public static final String EXPIRY = """
            {"customerId": "acme", "requestId": "expire-order-1001", "effectiveDate": "2027-03-01"}""";
    public static final String INVOICE = """
            {"invoiceId": "INV-2026-03", "effectiveDate": "2026-03-31"}""";
    public static final String PAYMENT = """
            {"paymentId": "PAY-88", "invoiceId": "INV-2026-03", "effectiveDate": "2026-04-15", "amount": "42.10"}""";

    public static final String USAGE = """
            {"records": [
              {"id": "req-01HZX3K9", "customerId": "initech", "timestamp": "2026-03-05T10:15:02Z", "model": "atlas",
               "feature": "chat", "provider": "own", "endUserId": "user-4411", "inputTokens": 18234, "outputTokens": 2210,
               "cachedTokens": 4096, "metadata": {"region": "eu-west-1"}},
              {"id": "req-01HZX3KA", "customerId": "initech", "timestamp": "2026-03-05T10:15:07Z", "model": "lumen",
               "feature": "embeddings", "inputTokens": 81200}]}""";
    public static final String CLOUD_EVENTS_USAGE = """
            [{"specversion": "1.0", "id": "req-01HZX3KB", "source": "gateway-eu", "type": "ai.usage",
              "time": "2026-03-05T10:15:09Z", "subject": "initech",
              "data": {"model": "atlas", "feature": "agent", "inputTokens": 40211, "outputTokens": 5120}}]""";
    public static final String RATE_CARD = """
            {"cardId": "list", "version": 2, "effectiveFrom": "2026-05-01", "currency": "USD",
             "prices": [
               {"model": "atlas", "unit": "input_tokens", "mode": "GRADUATED",
                "tiers": [{"upTo": 1000000000, "unitPrice": "0.0000025"}, {"unitPrice": "0.000002"}]},
               {"model": "atlas", "unit": "output_tokens", "tiers": [{"unitPrice": "0.00001"}]}]}""";
    public static final String COST_CARD = """
            {"cardId": "own-gpus", "version": 2, "effectiveFrom": "2026-05-01", "currency": "USD", "provider": "own",
             "role": "COMPUTE",
             "costs": [{"model": "atlas", "unit": "input_tokens", "unitCost": "0.0000007"},
                       {"model": "atlas", "unit": "output_tokens", "unitCost": "0.0000028"}]}""";
    public static final String VENDOR_INVOICE = """
            {"invoiceId": "ORBIT-2026-03", "vendor": "orbitai", "effectiveDate": "2026-04-05", "amount": "18422.17",
             "currency": "USD", "memo": "third-party model fees, March 2026"}""";
    public static final String INFRASTRUCTURE = """
            {"allocationId": "colo-2026-03", "vendor": "colo-gpus", "period": "2026-03", "amount": "96500.00",
             "currency": "USD"}""";
    public static final String EXCLUSION = """
            {"requestId": "exclude-2026-03-01", "eventIdentifier": "3f1c2a9e-0b7d-4c3e-9a51-2d6f8e4b7c10",
             "reason": "INC-1423: the memo cannot be stored; the entry is re-posted as JE-2026-0311"}""";

    private ApiExamples() {
    }
}
