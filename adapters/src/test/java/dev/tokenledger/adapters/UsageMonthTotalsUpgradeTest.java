package dev.tokenledger.adapters;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ledger that already holds blocks when it is upgraded to the monthly totals (Flyway V28): the migration fills them
 * from the blocks, and the records-against-postings tie reads the same from the totals as from every block, before
 * and after more usage arrives.
 */
class UsageMonthTotalsUpgradeTest {

    static final String SCHEMA = "it_usage_month_totals";

    @Test
    void monthlyTotalsAreFilledFromTheBlocksALedgerAlreadyHolds() throws Exception {
        String ties = "/api/v1/reports/usage-ties?from=2026-02&to=2026-04";
        String expected;
        try (var app = PostgresSchema.startLedger(SCHEMA, UsageLedgerMigrationTest.NO_AUTO_START)) {
            LedgerHttp http = UsageLedgerMigrationTest.http(app);
            assertThat(http.post("accountant", "/api/v1/rate-cards", UsageLedgerTest.CARDS_LIST).status()).isEqualTo(201);
            assertThat(http.post("accountant", "/api/v1/cost-cards", UsageLedgerTest.COSTS_OWN).status()).isEqualTo(201);
            assertThat(http.post("accountant", "/api/v1/cost-cards", UsageLedgerTest.COSTS_VENDOR).status()).isEqualTo(201);
            for (String batch : UsageLedgerMigrationTest.batches()) {
                assertThat(http.post("ingest", "/api/v1/usage", batch).body().get("accepted").asLong()).isPositive();
            }
            http.awaitProjections();
            expected = http.get("auditor", ties + "&verifyBlocks=true").body().get("records").toString();
            assertThat(http.get("auditor", ties).body().get("records").toString()).isEqualTo(expected);
        }
        // back to what a ledger before V28 held: the same blocks, no monthly totals, Flyway at V27
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE usage_month_total");
            s.execute("DELETE FROM flyway_schema_history WHERE version = '28'");
        }
        assertThat(count("SELECT count(*) FROM usage_block")).isGreaterThan(3);

        try (var app = PostgresSchema.startLedgerOn(SCHEMA, UsageLedgerMigrationTest.NO_AUTO_START)) {
            LedgerHttp http = UsageLedgerMigrationTest.http(app);
            // one row per usage month and currency for what was there, summing every block of it
            assertThat(count("SELECT count(*) FROM usage_month_total")).isEqualTo(3);
            assertThat(count("SELECT SUM(blocks) FROM usage_month_total")).isEqualTo(count("SELECT count(*) FROM usage_block"));
            var upgraded = http.get("auditor", ties);
            assertThat(upgraded.text("/tiesToGeneralLedger")).as(upgraded.body().toString()).isEqualTo("true");
            assertThat(upgraded.body().get("records").toString()).isEqualTo(expected);

            // usage after the upgrade adds its own rows; both ways of summing still agree
            var more = http.post("ingest", "/api/v1/usage", "{\"records\":[" + UsageLedgerTest.usage("after-1", "globex",
                    "2026-03-05T10:00:00Z", "atlas", "chat", 1234, 56) + "]}");
            assertThat(more.body().get("accepted").asInt()).isEqualTo(1);
            http.awaitProjections();
            assertThat(count("SELECT count(*) FROM usage_month_total")).isEqualTo(4);
            var fromTotals = http.get("auditor", ties);
            assertThat(fromTotals.text("/tiesToGeneralLedger")).as(fromTotals.body().toString()).isEqualTo("true");
            var verified = http.get("auditor", ties + "&verifyBlocks=true");
            assertThat(fromTotals.body().get("records")).isEqualTo(verified.body().get("records"));
            assertThat(verified.text("/monthlyTotalsEqualBlocks")).isEqualTo("true");

            // a monthly total that no block backs (written behind the ledger's back): verifyBlocks names its month
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO usage_month_total (first_block_id, usage_month, currency, blocks, records, exact_value,"
                        + " exact_cost) SELECT MAX(first_block_id) + 1000, '2026-03', MIN(currency), 1, 1, 0.5, 0"
                        + " FROM usage_month_total");
            }
            var tampered = http.get("auditor", ties + "&verifyBlocks=true");
            assertThat(tampered.text("/tiesToGeneralLedger")).isEqualTo("false");
            assertThat(tampered.text("/monthlyTotalsEqualBlocks")).isEqualTo("false");
            assertThat(tampered.body().get("monthlyTotalsNotEqualToBlocks").toString()).contains("2026-03");
            assertThat(http.get("auditor", ties).text("/tiesToGeneralLedger")).isEqualTo("false");
        }
    }

    static long count(String sql) throws Exception {
        return PostgresSchema.count(SCHEMA, sql);
    }

    private static Connection connect() throws Exception {
        return PostgresSchema.connect(SCHEMA);
    }
}
