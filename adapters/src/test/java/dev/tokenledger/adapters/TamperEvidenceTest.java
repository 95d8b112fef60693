package dev.tokenledger.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tamper evidence (README "Tamper evidence"): rows of the event store changed, deleted, inserted and reordered
 * directly in PostgreSQL are each named by {@code verify}, with the period whose seal they break; an untouched ledger
 * verifies clean, and a rebuild does not launder the tampering.
 */
class TamperEvidenceTest {

    static final String SCHEMA = "it_tamper";

    @Test
    void verifyNamesEveryEntryChangedDeletedInsertedOrMovedAndThePeriodWhoseSealItBreaks() throws Exception {
        try (ConfigurableApplicationContext app = PostgresSchema.startLedger(SCHEMA)) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            LedgerHttp http = new LedgerHttp(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)),
                    app.getBean(ProjectionMonitor.class));
            for (int i = 1; i <= 8; i++) {
                String date = i <= 6 ? "2026-01-1" + i : "2026-02-0" + i;
                var posted = http.post("accountant", "/api/v1/journal-entries", LedgerHttp.entry("JE-" + i, date, "USD",
                        "5300", "1000", "1" + i + ".30"));
                assertThat(posted.status()).as(posted.body().toString()).isIn(201);
            }
            var close = http.post("accountant", "/api/v1/periods/2026-01/close", "{\"requestId\":\"close-jan\"}");
            assertThat(close.status()).as(close.body().toString()).isEqualTo(200);
            http.awaitProjections();

            var clean = http.get("auditor", "/api/v1/audit/verify");
            assertThat(clean.text("/status")).as(clean.body().toString()).isEqualTo("CLEAN");
            assertThat(clean.body().at("/entriesChecked").asLong()).isEqualTo(8);
            assertThat(clean.text("/seals/0/period")).isEqualTo("2026-01");
            assertThat(clean.body().at("/seals/0/chainMatches").asBoolean()).isTrue();
            assertThat(clean.body().at("/seals/0/trialBalanceMatches").asBoolean()).isTrue();
            assertThat(clean.body().at("/seals/0/rollforwardMatches").asBoolean()).isTrue();

            String url = PostgresSchema.URL + (PostgresSchema.URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
            try (Connection c = DriverManager.getConnection(url, PostgresSchema.USER, PostgresSchema.PASSWORD);
                 Statement s = c.createStatement()) {
                // the amount of JE-2 is changed in its stored payload
                long je2 = indexOf(c, "JE-2");
                assertThat(s.executeUpdate("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, "
                        + "'UTF8'), '12.30', '92.30'), 'UTF8') WHERE global_index = " + je2)).isEqualTo(1);
                // JE-4 is deleted, and a forged entry takes its place
                long je4 = indexOf(c, "JE-4");
                long je5 = indexOf(c, "JE-5");
                s.executeUpdate("CREATE TEMP TABLE forged AS SELECT * FROM domain_event_entry WHERE global_index = " + je5);
                s.executeUpdate("DELETE FROM domain_event_entry WHERE global_index = " + je4);
                s.executeUpdate("UPDATE forged SET global_index = " + je4 + ", event_identifier = 'forged-event', "
                        + "aggregate_identifier = 'entry:JE-forged', payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                        + "'JE-5', 'JE-forged'), 'UTF8')");
                s.executeUpdate("INSERT INTO domain_event_entry SELECT * FROM forged");
                // JE-7 and JE-8 (February, after the seal) swap places
                long je7 = indexOf(c, "JE-7");
                long je8 = indexOf(c, "JE-8");
                s.executeUpdate("UPDATE domain_event_entry SET global_index = -1 WHERE global_index = " + je7);
                s.executeUpdate("UPDATE domain_event_entry SET global_index = " + je7 + " WHERE global_index = " + je8);
                s.executeUpdate("UPDATE domain_event_entry SET global_index = " + je8 + " WHERE global_index = -1");
            }

            var tampered = http.get("auditor", "/api/v1/audit/verify");
            assertThat(tampered.text("/status")).isEqualTo("FAILED");
            List<String> problems = new ArrayList<>();
            for (JsonNode p : tampered.body().at("/problems")) {
                problems.add(p.at("/kind").asText() + " " + p.at("/entryId").asText(""));
            }
            assertThat(problems).containsExactlyInAnyOrder("CONTENT_CHANGED JE-2", "ENTRY_MISSING JE-4",
                    "ENTRY_INSERTED JE-forged", "ORDER_CHANGED JE-7", "ORDER_CHANGED JE-8", "SEAL_BROKEN ");
            JsonNode seal = tampered.body().at("/seals/0");
            assertThat(seal.at("/chainMatches").asBoolean()).isFalse();
            assertThat(seal.at("/trialBalanceMatches").asBoolean()).isFalse();

            // a rebuild replays the tampered store, but the chain keeps what was first recorded
            assertThat(http.post("admin", "/api/v1/admin/projections/rebuild", "{}").status()).isEqualTo(202);
            long deadline = System.currentTimeMillis() + 60_000;
            while (!http.get("admin", "/api/v1/admin/projections").text("/lastRebuild/state").equals("DONE")
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(http.get("auditor", "/api/v1/audit/verify").text("/status")).isEqualTo("FAILED");
        }
    }

    private static long indexOf(Connection c, String entryId) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT global_index FROM journal_chain WHERE entry_id = ?")) {
            s.setString(1, entryId);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as(entryId + " is chained").isTrue();
                return r.getLong(1);
            }
        }
    }
}
