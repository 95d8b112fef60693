package dev.tokenledger.adapters;

import dev.tokenledger.adapters.projections.ProjectionMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Financial statements, receivables aging and CSV on every report (README "Reports"), worked by hand: capital 1,000;
 * an invoice of 300 in January paid 100 in February; 50 of costs; 30 of revenue in February.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatementsAndCsvTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, "it_statements");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProjectionMonitor monitor;

    @Test
    void statementsTieAndEveryReportSpeaksCsv() {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        post(http, "capital", "2026-01-02", "1000", "3000", "1000.00", null);
        post(http, "invoice", "2026-01-10", "1100", "4000", "300.00", "acme");
        post(http, "payment", "2026-02-05", "1000", "1100", "100.00", "acme");
        post(http, "hosting", "2026-02-10", "5100", "2000", "50.00", null);
        post(http, "usage", "2026-02-20", "1150", "4000", "30.00", "bolt");

        var income = http.getConsistent("auditor", "/api/v1/reports/income-statement?from=2026-02-01&to=2026-02-28");
        // February: revenue 30, expenses 50, net income -20; the comparative (the 28 days before): revenue 300
        assertThat(income.body().at("/totals").findValuesAsText("label")).containsExactly("Total revenue", "Net income", "Total expenses");
        assertThat(income.body().at("/totals/0/amount").asText()).isEqualTo("30.00");
        assertThat(income.body().at("/totals/0/comparative").asText()).isEqualTo("300.00");
        assertThat(income.body().at("/totals/1/amount").asText()).isEqualTo("-20.00");
        assertThat(income.body().at("/comparativeFrom").asText()).isEqualTo("2026-01-04");

        var balance = http.get("auditor", "/api/v1/reports/balance-sheet?asOf=2026-02-28&compareAsOf=2026-01-31");
        assertThat(balance.body().at("/balances/USD").asBoolean()).isTrue();
        // assets: cash 1,100, receivables 200, unbilled 30 = 1,330; liabilities: payables 50; equity 1,000 + 280
        assertThat(balance.body().at("/totals").toString()).contains("\"label\":\"Total assets\",\"currency\":\"USD\",\"amount\":\"1330.00\",\"comparative\":\"1300.00\"");
        assertThat(balance.body().at("/totals").toString()).contains("\"label\":\"Total equity\",\"currency\":\"USD\",\"amount\":\"1280.00\"");

        var aging = http.get("auditor", "/api/v1/reports/receivables-aging?asOf=2026-03-31");
        // acme's 300 invoiced on 10 January, due 9 February; 100 paid: 200 is 50 days overdue on 31 March
        assertThat(aging.body().at("/rows/0/customer").asText()).isEqualTo("acme");
        assertThat(aging.body().at("/rows/0/days31to60").asText()).isEqualTo("200.00");
        assertThat(aging.body().at("/totals/0/total").asText()).isEqualTo("200.00");

        // CSV: with format=csv, or with Accept: text/csv
        var csv = rest.withBasicAuth("auditor", "auditor-secret")
                .getForEntity("/api/v1/reports/trial-balance?asOf=2026-02-28&format=csv", String.class);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        List<String> lines = csv.getBody().lines().toList();
        assertThat(lines.get(0)).startsWith("accountCode,accountName,accountType,erpCode,currency,debits,credits");
        assertThat(lines).contains("1100,Accounts receivable,ASSET,1100-00,USD,300.00,100.00,200.00,0.00");
        HttpHeaders accept = new HttpHeaders();
        accept.set(HttpHeaders.ACCEPT, "text/csv");
        var gl = rest.withBasicAuth("auditor", "auditor-secret").exchange("/api/v1/reports/general-ledger?account=4000",
                HttpMethod.GET, new HttpEntity<>(accept), String.class);
        assertThat(gl.getBody().lines().findFirst().orElseThrow()).startsWith("entryId,lineNo,postingDate");
        assertThat(gl.getBody().lines().count()).isEqualTo(3);
        var statement = rest.withBasicAuth("auditor", "auditor-secret")
                .getForEntity("/api/v1/reports/income-statement?from=2026-02-01&to=2026-02-28&format=csv", String.class);
        assertThat(statement.getBody()).contains("REVENUE,4000,Usage revenue,USD,30.00,300.00");
        // errors stay problem+json
        var bad = rest.withBasicAuth("auditor", "auditor-secret")
                .getForEntity("/api/v1/reports/trial-balance?asOf=2026-13-01&format=csv", String.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    }

    private static void post(LedgerHttp http, String id, String date, String debit, String credit, String amount, String customer) {
        String entry = LedgerHttp.entry(id, date, "USD", debit, credit, amount);
        if (customer == null) {
            entry = entry.replace("\"dimensions\":{\"customer\":\"cust-1\"}", "\"dimensions\":{}");
        } else {
            entry = entry.replace("cust-1", customer);
        }
        var reply = http.post("accountant", "/api/v1/journal-entries", entry);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    }
}
