package dev.tokenledger.exportlog;

/** The ERPs the ledger writes journal import files for (README "ERP journal files"). */
public enum ErpSystem {
    NETSUITE, QUICKBOOKS_ONLINE, XERO
}
