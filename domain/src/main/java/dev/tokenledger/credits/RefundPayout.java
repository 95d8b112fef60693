package dev.tokenledger.credits;

/** Where a refund is credited: paid out now (CASH) or owed (REFUND_LIABILITY). */
public enum RefundPayout { CASH, REFUND_LIABILITY }
