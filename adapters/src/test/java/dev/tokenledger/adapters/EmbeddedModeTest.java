package dev.tokenledger.adapters;

import dev.tokenledger.adapters.projections.ProjectionMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With no database configured the ledger runs on an embedded H2 file, seeds its demo data and posts entries. */
class EmbeddedModeTest {

    @TempDir
    Path dataDir;

    @Test
    void startsOnAnEmbeddedDatabaseWithDemoDataAndPostsAnEntry() {
        LedgerApplication.disableAxonUpdateChecker();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--spring.datasource.url=jdbc:h2:file:" + dataDir + "/ledger;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                        "--spring.datasource.username=sa", "--spring.datasource.password=", "--ledger.demo.enabled=true",
                        "--ledger.demo.customers=200", "--ledger.demo.usage-records=3000")) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            TestRestTemplate rest = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port));
            LedgerHttp http = new LedgerHttp(rest, app.getBean(ProjectionMonitor.class));
            var posted = http.post("accountant", "/api/v1/journal-entries",
                    LedgerHttp.entry("h2-1", "2026-03-01", "EUR", "1000", "3000", "42.00"));
            assertThat(posted.status()).isEqualTo(201);
            var tb = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2026-12-31");
            assertThat(tb.body().at("/balanced").asBoolean()).isTrue();
            assertThat(JournalApiTest.rowsOf(tb.body(), "EUR")).containsExactly("1000:42.00:0.00", "3000:0.00:42.00");
            assertThat(JournalApiTest.rowsOf(tb.body(), "USD")).contains("3000:0.00:3000000.00");
            assertThat(http.get("auditor", "/api/v1/audit-trail/demo-capital").text("/steps/0/principal")).isEqualTo("demo-company");
            // the demo company's usage went through the H2 path of the usage ledger and ties to the GL
            var ties = http.getConsistent("auditor", "/api/v1/reports/usage-ties?from=2025-11&to=2026-10");
            assertThat(ties.body().get("tiesToGeneralLedger").asBoolean()).as(ties.body().toString()).isTrue();
            assertThat(ties.body().get("records")).hasSizeGreaterThan(6);
            var margin = http.get("auditor", "/api/v1/reports/usage-margin?from=2025-11&to=2026-10&groupBy=model");
            assertThat(margin.body().get("rows")).hasSizeGreaterThanOrEqualTo(4);
            var wallet = http.get("auditor", "/api/v1/customers/initech/wallet");
            assertThat(wallet.status()).isEqualTo(200);
            assertThat(wallet.body().get("pools")).isNotEmpty();
            assertThat(http.get("auditor", "/api/v1/periods").body().get(0).get("status").asText()).isEqualTo("CLOSED");
            assertThat(http.get(null, "/actuator/health/readiness").body().at("/status").asText()).isEqualTo("UP");
            // the demo closed March: an entry dated in it posts in the first open month, flagged prior-period
            assertThat(http.post("accountant", "/api/v1/journal-entries",
                    LedgerHttp.entry("h2-2", "2026-03-02", "EUR", "1000", "3000", "1.00")).text("/postingDate")).isEqualTo("2026-10-01");
        }
    }

    @Test
    void anInvalidChartStopsTheStartNamingTheLine() throws Exception {
        LedgerApplication.disableAxonUpdateChecker();
        Path chart = dataDir.resolve("chart.csv");
        Files.writeString(chart, "code,name,type,role,postable,erp_code\n1000,Cash,ASSET,CASH,true,1000\n1000,Again,ASSET,,true,1001\n");
        assertThatThrownBy(() -> SpringApplication.run(LedgerApplication.class, "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:chart;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "--ledger.chart-file=" + chart, "--ledger.demo.enabled=false"))
                .rootCause()
                .hasMessageContaining(chart + " line 3")
                .hasMessageContaining("already defined on line 2");
    }
}
