package dev.tokenledger.adapters.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Set;

/**
 * The ledger's own settings (prefix {@code ledger}); see application.yml and README.md for every key.
 *
 * @param chartFile       path to a CSV chart of accounts; blank means the built-in default chart
 * @param maxRequestBytes requests with a larger body are refused with 413
 */
@ConfigurationProperties(prefix = "ledger")
public record LedgerProperties(String chartFile, Long maxRequestBytes, Demo demo, Security security) {

    public LedgerProperties {
        maxRequestBytes = maxRequestBytes == null ? 1_048_576L : maxRequestBytes;
        demo = demo == null ? new Demo(false) : demo;
        security = security == null ? new Security(List.of(), null) : security;
    }

    public record Demo(boolean enabled) {
    }

    /**
     * @param allowDemoUsers whether the demo users and plain-text ({noop}) passwords may be used: by default only in
     *                       demo mode (tests and evaluations on PostgreSQL set it explicitly)
     */
    public record Security(List<User> users, Boolean allowDemoUsers) {
        public Security {
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    /** Demo users and plain-text passwords are accepted in demo mode, or where explicitly allowed. */
    public boolean demoUsersAllowed() {
        return security.allowDemoUsers() != null ? security.allowDemoUsers() : demo.enabled();
    }

    public record User(String name, String password, Set<Role> roles) {
    }

    /** What a principal may do; see SecurityConfiguration for the endpoints each role reaches. */
    public enum Role { ADMIN, ACCOUNTANT, AUDITOR, INGEST }
}
