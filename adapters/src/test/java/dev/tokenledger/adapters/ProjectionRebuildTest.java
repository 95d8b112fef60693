package dev.tokenledger.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Dropping every projection and rebuilding it from the event store gives identical reports. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectionRebuildTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, "it_rebuild");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProjectionMonitor monitor;

    @Test
    void rebuiltReportsAreIdenticalToTheOnesBefore() throws Exception {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        String[] accounts = {"1000", "1100", "2300", "4000", "5000", "2100"};
        for (int i = 0; i < 60; i++) {
            String debit = accounts[i % accounts.length];
            String credit = accounts[(i + 1) % accounts.length];
            String date = "2026-0" + (1 + i % 4) + "-" + String.format("%02d", 1 + i % 28);
            String body = """
                    {"entryId":"rb-%d","effectiveDate":"%s","memo":"m%d","reason":"rebuild test","lines":[
                     {"account":"%s","side":"DEBIT","amount":"%d.%02d","currency":"%s","dimensions":{"customer":"c%d","model":"m%d"}},
                     {"account":"%s","side":"CREDIT","amount":"%d.%02d","currency":"%s","dimensions":{"customer":"c%d","model":"m%d"}}]}
                    """.formatted(i, date, i, debit, i * 7 + 1, i % 100, i % 3 == 0 ? "EUR" : "USD", i % 5, i % 2,
                    credit, i * 7 + 1, i % 100, i % 3 == 0 ? "EUR" : "USD", i % 5, i % 2);
            assertThat(http.post("accountant", "/api/v1/journal-entries", body).status()).isEqualTo(201);
            if (i == 20) {
                http.post("accountant", "/api/v1/periods/2026-01/close", "{\"requestId\":\"close-jan\"}");
            }
            if (i % 10 == 5) {
                http.post("accountant", "/api/v1/journal-entries/rb-" + i + "/reversal",
                        "{\"reversalEntryId\":\"rb-" + i + "-r\",\"effectiveDate\":\"2026-04-30\",\"reason\":\"test\"}");
            }
        }
        http.awaitProjections();
        Instant midway = Instant.now();
        http.post("accountant", "/api/v1/journal-entries", LedgerHttp.entry("rb-late", "2026-01-05", "USD", "5000", "1000", "1.23"));
        http.awaitProjections();

        Map<String, JsonNode> before = reports(http, midway);
        assertThat(before.get("gl").at("/total").asLong()).isGreaterThan(120);

        var accepted = http.post("admin", "/api/v1/admin/projections/rebuild", "{}");
        assertThat(accepted.status()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 120_000;
        JsonNode status;
        do {
            Thread.sleep(100);
            status = http.get("admin", "/api/v1/admin/projections").body();
        } while (!status.at("/lastRebuild/state").asText().equals("DONE") && System.currentTimeMillis() < deadline);
        assertThat(status.at("/lastRebuild/state").asText()).isEqualTo("DONE");
        assertThat(status.at("/processors/0/percent").asDouble()).isEqualTo(100.0);

        Map<String, JsonNode> after = reports(http, midway);
        for (String report : before.keySet()) {
            assertThat(after.get(report)).as(report).isEqualTo(before.get(report));
        }
    }

    private static Map<String, JsonNode> reports(LedgerHttp http, Instant knownAt) {
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        for (String asOf : List.of("2026-01-31", "2026-02-28", "2026-04-30")) {
            reports.put("tb " + asOf, http.get("auditor", "/api/v1/reports/trial-balance?asOf=" + asOf).body());
        }
        reports.put("tb known at", http.get("auditor", "/api/v1/reports/trial-balance?asOf=2026-12-31&knownAt=" + knownAt).body());
        reports.put("gl", http.get("auditor", "/api/v1/reports/general-ledger?limit=5000").body());
        reports.put("balances", http.get("auditor", "/api/v1/reports/account-balances").body());
        reports.put("periods", http.get("auditor", "/api/v1/periods").body());
        List<JsonNode> trails = new ArrayList<>();
        for (String id : List.of("rb-0", "rb-5", "rb-5-r", "rb-late")) {
            trails.add(http.get("auditor", "/api/v1/audit-trail/" + id).body());
        }
        reports.put("audit", LedgerHttp.JSON.valueToTree(trails));
        return reports;
    }
}
