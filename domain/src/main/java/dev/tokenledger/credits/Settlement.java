package dev.tokenledger.credits;

/** How a purchase is paid: cash now (CASH) or an invoice (ACCOUNTS_RECEIVABLE). */
public enum Settlement { CASH, INVOICED }
