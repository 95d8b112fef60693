package dev.tokenledger.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo company is one an accountant would believe (README "The demo company"), checked on its books after a full
 * demo import on PostgreSQL: the year's fully loaded margin is positive and paid tiers are healthy, the free tier
 * costs money, breakage is under 10% of credit revenue, receivables mostly get collected, and importing it twice gives
 * the same trial balance.
 */
class DemoCompanyTest {

    @Test
    void theDemoYearIsBelievableAndTheSameEveryTime() throws Exception {
        List<String> balances = new java.util.ArrayList<>();
        for (String schema : List.of("it_demo_a", "it_demo_b")) {
            try (ConfigurableApplicationContext app = PostgresSchema.startLedger(schema, "--ledger.demo.enabled=true",
                    "--ledger.demo.customers=400", "--ledger.demo.usage-records=12000")) {
                LedgerHttp http = http(app);
                JsonNode tb = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2026-10-31").body();
                assertThat(tb.at("/balanced").asBoolean()).as(tb.toString()).isTrue();
                balances.add(String.join(",", JournalApiTest.rowsOf(tb, "USD")));
                if (schema.equals("it_demo_a")) {
                    checkBooks(http, tb);
                    // the independent engines accept the demo's exports in strict mode and agree to the cent
                    if (PlainTextExports.installed("ledger") && PlainTextExports.installed("hledger")
                            && PlainTextExports.installed("bean-check")) {
                        PlainTextExportsProperties.check(http, List.of("USD"));
                    }
                    // the demo's journal verifies clean, every close sealed
                    JsonNode verified = http.get("auditor", "/api/v1/audit/verify").body();
                    assertThat(verified.at("/status").asText()).as(verified.toString()).isEqualTo("CLEAN");
                    assertThat(verified.at("/seals").size()).isEqualTo(11);
                    AuditPackageCheck.check(http, tb);
                    if (DashboardCheck.browserInstalled()) {
                        DashboardCheck.check(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")), http);
                    }
                }
            }
        }
        assertThat(balances.get(1)).as("the same demo, the same books").isEqualTo(balances.get(0));
    }

    private static void checkBooks(LedgerHttp http, JsonNode tb) {
        // positive fully loaded margin over the year; the paid tiers healthy, the free tier below zero
        JsonNode margin = http.get("auditor", "/api/v1/reports/usage-margin?from=2025-11&to=2026-10&groupBy=customer").body();
        JsonNode total = margin.at("/totals/0");
        assertThat(new BigDecimal(total.get("margin").asText())).isPositive();
        assertThat(new BigDecimal(total.get("marginPercent").asText())).isGreaterThan(new BigDecimal("40"));
        boolean freeBelowZero = false;
        for (JsonNode row : margin.get("rows")) {
            if (row.get("customer").asText().equals("initech") || row.get("customer").asText().equals("hooli")) {
                assertThat(new BigDecimal(row.get("marginPercent").asText())).as(row.toString()).isGreaterThan(new BigDecimal("30"));
            }
            if (new BigDecimal(row.get("revenue").asText()).signum() == 0 && new BigDecimal(row.get("margin").asText()).signum() < 0) {
                freeBelowZero = true; // a free-tier customer living on promotional credits: cost, no revenue
            }
        }
        assertThat(freeBelowZero).as("the free tier is negative margin").isTrue();

        // breakage under 10% of the revenue recognised from credits
        JsonNode rollforward = http.get("auditor", "/api/v1/reports/deferred-revenue-rollforward?from=2025-11&to=2026-12").body();
        BigDecimal creditRevenue = BigDecimal.ZERO;
        BigDecimal breakage = BigDecimal.ZERO;
        for (JsonNode period : rollforward.get("periods")) {
            creditRevenue = creditRevenue.add(new BigDecimal(period.at("/total/usageRevenue").asText()));
            breakage = breakage.add(new BigDecimal(period.at("/total/breakage").asText()));
            assertThat(period.get("identityHolds").asBoolean()).isTrue();
            assertThat(period.get("tiesToGeneralLedger").asBoolean()).isTrue();
        }
        assertThat(creditRevenue).isPositive();
        assertThat(breakage.divide(creditRevenue, 4, RoundingMode.HALF_UP)).as("breakage / credit revenue")
                .isLessThan(new BigDecimal("0.10"));

        // receivables mostly collected: what is still open is under 10% of everything invoiced
        JsonNode receivables = null;
        for (JsonNode row : tb.get("rows")) {
            if (row.get("accountCode").asText().equals("1100")) {
                receivables = row;
            }
        }
        assertThat(receivables).isNotNull();
        BigDecimal invoiced = new BigDecimal(receivables.get("debits").asText());
        BigDecimal open = new BigDecimal(receivables.get("debitBalance").asText());
        assertThat(invoiced).isPositive();
        assertThat(open.divide(invoiced, 4, RoundingMode.HALF_UP)).as("open / invoiced").isLessThan(new BigDecimal("0.10"));

        // the usage ledger ties to the GL; months are closed; the books as they stood at March's close are there
        assertThat(http.get("auditor", "/api/v1/reports/usage-ties?from=2025-11&to=2026-10").body()
                .get("tiesToGeneralLedger").asBoolean()).isTrue();
        JsonNode march = http.get("auditor", "/api/v1/reports/trial-balance?asOf=2026-10-31&knownAtClose=2026-03").body();
        assertThat(march.get("rows")).isNotEmpty();
        assertThat(march.toString()).isNotEqualTo(tb.toString());
        var late = http.get("auditor", "/api/v1/audit-trail/orbitai-credit-2026-03").body();
        assertThat(late.at("/lines/0/priorPeriod").asBoolean()).as("a credit note for a closed month posts later").isTrue();
        assertThat(late.at("/lines/0/postingDate").asText()).isEqualTo("2026-04-01");
    }

    static LedgerHttp http(ConfigurableApplicationContext app) {
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        return new LedgerHttp(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)),
                app.getBean(ProjectionMonitor.class));
    }
}
