package dev.tokenledger.adapters;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives each test class a fresh schema in the real PostgreSQL (database {@code test} on 127.0.0.1:5432 unless
 * LEDGER_TEST_DB_URL / LEDGER_TEST_DB_USER / LEDGER_TEST_DB_PASSWORD say otherwise).
 */
public final class PostgresSchema {

    public static final String URL = env("LEDGER_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("LEDGER_TEST_DB_USER", "postgres");
    public static final String PASSWORD = env("LEDGER_TEST_DB_PASSWORD", "");

    private PostgresSchema() {
    }

    /** Drops and recreates {@code schema}, then points the ledger's datasource and Flyway at it. */
    public static void register(DynamicPropertyRegistry registry, String schema) {
        String url = recreate(schema);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("ledger.demo.enabled", () -> "false");
        // a test needs few connections; cached test contexts must not together exhaust PostgreSQL's 100
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        // tests sign in as the demo users on PostgreSQL, which production configuration refuses
        registry.add("ledger.security.allow-demo-users", () -> "true");
        // tests drive CreditExpiryJob.expireDuePools with their own dates; the wall-clock trigger stays off
        registry.add("ledger.credits.auto-expiry.enabled", () -> "false");
        LedgerApplicationTestSupport.disableUpdateChecker();
    }

    /** Starts the whole ledger on a fresh schema (no demo data, no wall-clock expiry), for tests outside Spring's runner. */
    public static org.springframework.context.ConfigurableApplicationContext startLedger(String schema, String... extra) {
        recreate(schema);
        return startLedgerOn(schema, extra);
    }

    /** Starts the whole ledger on an existing schema, keeping what it holds; {@code extra}: more --property=value. */
    public static org.springframework.context.ConfigurableApplicationContext startLedgerOn(String schema, String... extra) {
        LedgerApplication.disableAxonUpdateChecker();
        String url = url(schema);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--server.port=0",
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + USER,
                "--spring.datasource.password=" + PASSWORD, "--spring.flyway.schemas=" + schema,
                "--ledger.demo.enabled=false", "--ledger.credits.auto-expiry.enabled=false",
                "--ledger.security.allow-demo-users=true"));
        for (String override : extra) {
            String key = override.substring(0, override.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(key)); // a property given twice would be bound as "a,b"
            args.add(override);
        }
        return new org.springframework.boot.builder.SpringApplicationBuilder(LedgerApplication.class).run(args.toArray(String[]::new));
    }

    public static String recreate(String schema) {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + URL + " is needed for the integration tests", e);
        }
        return url(schema);
    }

    /** The JDBC URL of this schema on the test PostgreSQL. */
    public static String url(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A connection to this schema, for tests that look behind the API (the caller closes it). */
    public static Connection connect(String schema) throws SQLException {
        return DriverManager.getConnection(url(schema), USER, PASSWORD);
    }

    /** The one number a query returns (a count or a sum), read in this schema. */
    public static long count(String schema, String sql) throws SQLException {
        try (Connection c = connect(schema); Statement s = c.createStatement(); var r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
