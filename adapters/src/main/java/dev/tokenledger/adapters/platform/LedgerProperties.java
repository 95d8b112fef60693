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
        security = security == null ? new Security(List.of()) : security;
    }

    public record Demo(boolean enabled) {
    }

    public record Security(List<User> users) {
        public Security {
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    public record User(String name, String password, Set<Role> roles) {
    }

    /** What a principal may do; see SecurityConfiguration for the endpoints each role reaches. */
    public enum Role { ADMIN, ACCOUNTANT, AUDITOR, INGEST }
}
