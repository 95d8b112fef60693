package dev.tokenledger.adapters;

import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.adapters.usageledger.LedgerRecord;
import dev.tokenledger.adapters.usageledger.UsageBlockCodec;
import dev.tokenledger.adapters.usageledger.UsageLedgerMigration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An older ledger's usage records, stored one row per record (Flyway V9/V10), move into blocks: reads and the
 * exactly-once check work before, during and after the move; a move stopped halfway resumes after a restart; every
 * record, every page of a posting's records and the ties read the same as before; nothing is lost or doubled.
 */
class UsageLedgerMigrationTest {

    static final String SCHEMA = "it_usage_migration";
    static final String NO_AUTO_START = "--ledger.usage-ledger.migrate-on-start=false";

    static LedgerHttp http(ConfigurableApplicationContext app) {
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        return new LedgerHttp(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)),
                app.getBean(ProjectionMonitor.class));
    }

    /** Usage of three customers over three months; initech's April is one posting of 5,000 records (two blocks). */
    static List<String> batches() {
        List<String> batches = new ArrayList<>();
        String[] customers = {"initech", "globex", "umbrella"};
        for (String month : List.of("02", "03")) {
            List<String> records = new ArrayList<>();
            for (String customer : customers) {
                for (int i = 0; i < 40; i++) {
                    records.add(UsageLedgerTest.usage("m" + month + "-" + customer + "-" + i, customer,
                            "2026-" + month + "-" + String.format("%02d", 1 + i % 27) + "T10:" + String.format("%02d", i % 60) + ":00Z",
                            i % 3 == 0 ? "orbit" : "atlas", i % 2 == 0 ? "chat" : null, 1000 + i * 37, i % 3 == 0 ? 0 : 200 + i));
                }
            }
            batches.add("{\"records\":[" + String.join(",", records) + "]}");
        }
        List<String> april = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            april.add(UsageLedgerTest.usage("apr-" + i, "initech", "2026-04-" + String.format("%02d", 1 + i % 28) + "T"
                    + String.format("%02d", i % 24) + ":00:00Z", "atlas", "chat", 500 + i, 50));
        }
        batches.add("{\"records\":[" + String.join(",", april) + "]}");
        return batches;
    }

    @Test
    void rowsOfAnOlderLedgerMoveIntoBlocksResumablyAndReadTheSame() throws Exception {
        List<String> batches = batches();
        Map<String, String> before = new LinkedHashMap<>();
        long total;
        try (var app = PostgresSchema.startLedger(SCHEMA, NO_AUTO_START)) {
            LedgerHttp http = http(app);
            assertThat(http.post("accountant", "/api/v1/rate-cards", UsageLedgerTest.CARDS_LIST).status()).isEqualTo(201);
            assertThat(http.post("accountant", "/api/v1/cost-cards", UsageLedgerTest.COSTS_OWN).status()).isEqualTo(201);
            assertThat(http.post("accountant", "/api/v1/cost-cards", UsageLedgerTest.COSTS_VENDOR).status()).isEqualTo(201);
            total = 0;
            List<String[]> postings = new ArrayList<>();
            for (String batch : batches) {
                var reply = http.post("ingest", "/api/v1/usage", batch);
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.body().get("rejected")).isEmpty();
                total += reply.body().get("accepted").asLong();
                reply.body().get("postings").forEach(p -> postings.add(new String[]{p.get("postingId").asText(),
                        p.get("customerId").asText(), p.get("records").asText()}));
            }
            assertThat(total).isEqualTo(5_240);
            http.awaitProjections();
            // what an auditor reads: records by id, every page of every posting's records (pages cross blocks)
            for (String id : List.of("m02-initech-0", "m02-globex-39", "m03-umbrella-17", "apr-0", "apr-4095", "apr-4096", "apr-4999")) {
                before.put("/api/v1/usage/records/" + id, http.get("auditor", "/api/v1/usage/records/" + id).body().toString());
            }
            for (String[] p : postings) {
                for (int offset = 0; offset < Integer.parseInt(p[2]); offset += 1_500) {
                    String path = "/api/v1/usage/postings/" + p[0] + "/records?customerId=" + p[1] + "&limit=1500&offset=" + offset;
                    before.put(path, http.get("auditor", path).body().toString());
                }
            }
            before.put("ties", http.get("auditor", "/api/v1/reports/usage-ties?from=2026-02&to=2026-04").body().toString());
            assertThat(before.get("ties")).contains("\"tiesToGeneralLedger\":true");
            assertThat(count("SELECT count(*) FROM usage_block WHERE posting_id LIKE '%' AND records > 4000")).isEqualTo(1);
        }

        rewriteAsRowsOfTheOlderLedger();
        assertThat(count("SELECT count(*) FROM usage_block")).isZero();
        assertThat(count("SELECT count(*) FROM usage_record")).isEqualTo(total);

        try (var app = PostgresSchema.startLedgerOn(SCHEMA, NO_AUTO_START)) {
            LedgerHttp http = http(app);
            var pending = http.get("admin", "/api/v1/admin/usage-ledger/migration");
            assertThat(pending.text("/state")).isEqualTo("PENDING");
            assertThat(pending.body().get("legacyRecords").asLong()).isEqualTo(total);
            readsTheSame(http, before);
            exactlyOnceHolds(http, batches);
            assertThat(http.post("auditor", "/api/v1/admin/usage-ledger/migration", "{}").status()).isEqualTo(403);

            // a move that stops after two postings (the process is then stopped)
            assertThat(app.getBean(UsageLedgerMigration.class).migrate(2)).isEqualTo(2);
            var halfway = http.get("admin", "/api/v1/admin/usage-ledger/migration");
            assertThat(halfway.text("/state")).isEqualTo("RUNNING");
            assertThat(halfway.body().get("migratedPostings").asLong()).isEqualTo(2);
            readsTheSame(http, before);
            exactlyOnceHolds(http, batches);
            // a record arriving meanwhile goes into a block
            var fresh = http.post("ingest", "/api/v1/usage", "{\"records\":[" + UsageLedgerTest.usage("late-1", "globex",
                    "2026-03-30T10:00:00Z", "atlas", "chat", 1000, 10) + "]}");
            assertThat(fresh.body().get("accepted").asInt()).isEqualTo(1);
        }

        try (var app = PostgresSchema.startLedgerOn(SCHEMA)) { // migrate-on-start: resumes by itself
            LedgerHttp http = http(app);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            var progress = http.get("admin", "/api/v1/admin/usage-ledger/migration");
            while (!progress.text("/state").equals("COMPLETE") && System.nanoTime() < deadline) {
                assertThat(progress.text("/state")).isNotEqualTo("FAILED");
                Thread.sleep(200);
                progress = http.get("admin", "/api/v1/admin/usage-ledger/migration");
            }
            assertThat(progress.text("/state")).as(progress.body().toString()).isEqualTo("COMPLETE");
            assertThat(progress.body().get("migratedRecords").asLong()).isEqualTo(total);
            assertThat(progress.text("/percent")).isEqualTo("100.0");
            readsTheSame(http, before);
            exactlyOnceHolds(http, batches);
            http.awaitProjections();
            assertThat(http.get("auditor", "/api/v1/reports/usage-ties?from=2026-02&to=2026-04").body().toString())
                    .contains("\"tiesToGeneralLedger\":true");
        }
        assertThat(count("SELECT count(*) FROM usage_key")).isEqualTo(total + 1);
        assertThat(count("SELECT COALESCE(SUM(records), 0) FROM usage_block WHERE migrated")).isEqualTo(total);
        assertThat(count("SELECT COALESCE(SUM(records), 0) FROM usage_block WHERE NOT migrated")).isEqualTo(1);
    }

    static void readsTheSame(LedgerHttp http, Map<String, String> before) {
        before.forEach((path, body) -> {
            if (!path.equals("ties")) {
                assertThat(http.get("auditor", path).body().toString()).as(path).isEqualTo(body);
            }
        });
        assertThat(http.get("auditor", "/api/v1/reports/usage-ties?from=2026-02&to=2026-04").body().toString())
                .contains("\"tiesToGeneralLedger\":true");
    }

    /** Every batch sent again is all duplicates; a record sent again with other content is refused. */
    static void exactlyOnceHolds(LedgerHttp http, List<String> batches) {
        for (String batch : batches) {
            var again = http.post("ingest", "/api/v1/usage", batch);
            assertThat(again.body().get("accepted").asInt()).isZero();
            assertThat(again.body().get("rejected")).isEmpty();
        }
        for (String id : List.of("m02-initech-0", "apr-4999")) {
            var conflict = http.post("ingest", "/api/v1/usage", "{\"records\":[" + UsageLedgerTest.usage(id, "initech",
                    "2026-04-01T10:00:00Z", "atlas", "chat", 999_999, 1) + "]}");
            assertThat(conflict.text("/rejected/0/code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        }
    }

    /**
     * Turns the blocks back into what the ledger before blocks stored (a row and a key row per record; the key's
     * fingerprint as 64 hex digits whose first 16 are the block key's), as if written by that version, and removes
     * the blocks. Done as the database owner with triggers off (session_replication_role): the product itself never
     * changes these tables.
     */
    static void rewriteAsRowsOfTheOlderLedger() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL session_replication_role = replica");
            Map<String, Long> fingerprints = new HashMap<>();
            try (ResultSet r = s.executeQuery("SELECT record_id, fingerprint FROM usage_key")) {
                while (r.next()) {
                    fingerprints.put(r.getString(1), r.getLong(2));
                }
            }
            List<LedgerRecord> records = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT customer_id, posting_id, entry_id, batch_id, currency, recorded_at, "
                    + "raw_bytes, checksum, payload FROM usage_block")) {
                while (r.next()) {
                    records.addAll(UsageBlockCodec.decode(new UsageBlockCodec.Shared(r.getString(1), r.getString(2),
                                    r.getString(3), r.getString(4), r.getString(5).strip(), r.getObject(6, java.time.OffsetDateTime.class).toInstant()),
                            new UsageBlockCodec.Encoded(r.getBytes(9), r.getInt(7), r.getLong(8))));
                }
            }
            try (PreparedStatement rows = c.prepareStatement("INSERT INTO usage_record VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                 PreparedStatement keys = c.prepareStatement("INSERT INTO usage_record_key VALUES (?,?,?)")) {
                for (LedgerRecord r : records) {
                    s.execute("SELECT ensure_usage_record_partition('" + r.usageDate().withDayOfMonth(1) + "'::date)");
                    Object[] values = {r.recordId(), r.customerId(), r.endUserId(), r.occurredAt().atOffset(java.time.ZoneOffset.UTC),
                            java.sql.Date.valueOf(r.usageDate()), r.model(), r.feature(), r.provider(), r.inputTokens(),
                            r.outputTokens(), r.cachedTokens(), r.otherUnits(), r.metadata(), r.currency(), r.exactValue(),
                            r.exactCost(), r.costRole(), r.rateCards(), r.costCard(), r.postingId(), r.entryId(), r.batchId(),
                            r.recordedAt().atOffset(java.time.ZoneOffset.UTC)};
                    for (int i = 0; i < values.length; i++) {
                        rows.setObject(i + 1, values[i]);
                    }
                    rows.addBatch();
                    keys.setString(1, r.recordId());
                    keys.setString(2, String.format("%016x", fingerprints.get(r.recordId())) + "0".repeat(48));
                    keys.setDate(3, java.sql.Date.valueOf(r.usageDate()));
                    keys.addBatch();
                }
                rows.executeBatch();
                keys.executeBatch();
            }
            s.execute("DELETE FROM usage_month_total");
            s.execute("DELETE FROM usage_daily");
            s.execute("DELETE FROM usage_key");
            s.execute("DELETE FROM usage_block");
            c.commit();
        }
    }

    static long count(String sql) throws Exception {
        return PostgresSchema.count(SCHEMA, sql);
    }

    private static Connection connect() throws Exception {
        return PostgresSchema.connect(SCHEMA);
    }
}
