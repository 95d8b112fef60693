package dev.tokenledger.chart;

import java.util.Objects;
import java.util.Optional;

/**
 * One account of the chart.
 *
 * @param code     the ledger's own account code (unique)
 * @param name     human-readable name
 * @param type     asset, liability, equity, revenue or expense
 * @param role     what postings know this account as; empty for accounts only manual entries use
 * @param postable false for header/summary accounts that must never carry lines
 * @param erpCode  the account code in the company's ERP, used by exports
 */
public record Account(String code, String name, AccountType type, Optional<AccountRole> role, boolean postable,
                      String erpCode) {

    public Account {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(erpCode, "erpCode");
    }
}
