package dev.tokenledger.chart;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated chart: accounts by code and the one postable account for every role. */
public final class ChartOfAccounts {

    private final Map<String, Account> byCode;
    private final Map<AccountRole, Account> byRole;
    private final String source;
    private final String fingerprint;

    ChartOfAccounts(List<Account> accounts, String source, String fingerprint) {
        Map<String, Account> codes = new LinkedHashMap<>();
        Map<AccountRole, Account> roles = new EnumMap<>(AccountRole.class);
        for (Account account : accounts) {
            codes.put(account.code(), account);
            account.role().ifPresent(role -> roles.put(role, account));
        }
        this.byCode = Collections.unmodifiableMap(codes);
        this.byRole = Collections.unmodifiableMap(roles);
        this.source = source;
        this.fingerprint = fingerprint;
    }

    public Optional<Account> account(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The account a role posts to; every role is mapped, the loader guarantees it. */
    public Account accountFor(AccountRole role) {
        Account account = byRole.get(role);
        if (account == null) {
            throw new IllegalStateException("chart " + source + " maps no account to role " + role);
        }
        return account;
    }

    public List<Account> accounts() {
        return List.copyOf(byCode.values());
    }

    /** Where the chart was loaded from (a file path or the built-in resource). */
    public String source() {
        return source;
    }

    /** SHA-256 of the chart file, recorded so an auditor can tell which chart was in force. */
    public String fingerprint() {
        return fingerprint;
    }
}
