package dev.tokenledger.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A customer's credit lifecycle over HTTP on PostgreSQL, through every report, surviving a rebuild. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CreditLifecycleTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, "it_credits");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProjectionMonitor monitor;
    @Autowired
    dev.tokenledger.adapters.credits.CreditExpiryJob expiryJob;

    @Test
    void purchaseDrawsRefundAndExpiryShowUpEverywhereAndSurviveARebuild() throws Exception {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        var program = http.post("accountant", "/api/v1/credit-programs", """
                {"programId":"standard","requestId":"prog-1","effectiveFrom":"2026-01-01","currency":"USD",
                 "valuePerCredit":"0.01","expiry":{"kind":"DAYS_AFTER_PURCHASE","days":90},"breakagePolicy":"REMOTE",
                 "escheatShare":"0.10","refundsAllowed":true}""");
        assertThat(program.status()).isEqualTo(201);
        assertThat(http.post("ingest", "/api/v1/credit-programs", "{}").status()).isEqualTo(403);

        // $100 buys 10,000 credits + 2,000 bonus: each credit carries 100/12,000 of a dollar
        var purchase = http.post("ingest", "/api/v1/customers/acme/credit-purchases", """
                {"purchaseId":"p1","programId":"standard","effectiveDate":"2026-01-10","price":"100.00","currency":"USD",
                 "credits":"10000","bonusCredits":"2000","settlement":"CASH"}""");
        assertThat(purchase.status()).isEqualTo(201);
        assertThat(purchase.text("/entryId")).isEqualTo("wallet:acme:p1");
        // 3,000 credits in January = 25.00; a value draw of $4.00 = 400 credits in February:
        // cumulative round(10000 x 3400 / 12000) = 2833 cents, so 3.33 more
        assertThat(http.post("ingest", "/api/v1/customers/acme/usage-draws",
                "{\"drawId\":\"d1\",\"occurredAt\":\"2026-01-20T23:30:00Z\",\"credits\":\"3000\",\"usageReference\":\"batch-1\"}").status())
                .isEqualTo(201);
        assertThat(http.post("ingest", "/api/v1/customers/acme/usage-draws",
                "{\"drawId\":\"d2\",\"occurredAt\":\"2026-02-03T10:00:00Z\",\"value\":\"4.00\"}").status()).isEqualTo(201);
        var unknown = http.post("ingest", "/api/v1/customers/nobody/usage-draws",
                "{\"drawId\":\"d1\",\"occurredAt\":\"2026-02-03T10:00:00Z\",\"credits\":\"1\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("/code")).isEqualTo("UNKNOWN_CUSTOMER");
        var tooMuch = http.post("ingest", "/api/v1/customers/acme/refunds",
                "{\"refundId\":\"r1\",\"poolId\":\"p1\",\"effectiveDate\":\"2026-02-10\",\"amount\":\"80.00\"}");
        assertThat(tooMuch.text("/code")).isEqualTo("REFUND_EXCEEDS_REMAINING");
        // refund 20.00 of the unused value
        assertThat(http.post("ingest", "/api/v1/customers/acme/refunds",
                "{\"refundId\":\"r1\",\"poolId\":\"p1\",\"effectiveDate\":\"2026-02-10\",\"amount\":\"20.00\"}").status()).isEqualTo(201);

        var wallet = http.getConsistent("auditor", "/api/v1/customers/acme/wallet");
        assertThat(wallet.text("/liability")).isEqualTo("51.67"); // 100 - 25.00 - 3.33 - 20.00
        assertThat(wallet.text("/pools/0/redeemed")).isEqualTo("3400");
        assertThat(wallet.text("/pools/0/expiresOn")).isEqualTo("2026-04-10");

        // explicit expiry in April: 51.67 remains; escheat X = 10.00, breakage 41.67
        assertThat(http.post("accountant", "/api/v1/credit-pools/p1/expiry",
                "{\"customerId\":\"acme\",\"requestId\":\"x1\",\"effectiveDate\":\"2026-04-10\"}").status()).isEqualTo(201);

        var tb = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2026-04-30");
        assertThat(JournalApiTest.rowsOf(tb.body(), "USD")).containsExactly(
                "1000:100.00:20.00", "2300:100.00:100.00", "2500:0.00:10.00", "4000:0.00:28.33", "4200:0.00:41.67");

        var rollforward = http.get("auditor", "/api/v1/reports/deferred-revenue-rollforward?from=2026-01&to=2026-04");
        JsonNode periods = rollforward.body().at("/periods");
        assertThat(periods).hasSize(4);
        for (JsonNode period : periods) {
            assertThat(period.at("/identityHolds").asBoolean()).isTrue();
            assertThat(period.at("/tiesToGeneralLedger").asBoolean()).isTrue();
        }
        assertThat(periods.get(0).at("/total/additions").asText()).isEqualTo("100.00");
        assertThat(periods.get(0).at("/rows/0/program").asText()).isEqualTo("standard");
        assertThat(periods.get(0).at("/rows/0/pool").asText()).isEqualTo("p1");
        assertThat(periods.get(0).at("/total/usageRevenue").asText()).isEqualTo("25.00");
        assertThat(periods.get(0).at("/total/closing").asText()).isEqualTo("75.00");
        assertThat(periods.get(1).at("/total/opening").asText()).isEqualTo("75.00");
        assertThat(periods.get(1).at("/total/usageRevenue").asText()).isEqualTo("3.33");
        assertThat(periods.get(1).at("/total/refunds").asText()).isEqualTo("20.00");
        assertThat(periods.get(1).at("/total/revenueFromOpeningBalance").asText()).isEqualTo("3.33");
        assertThat(periods.get(3).at("/total/breakage").asText()).isEqualTo("41.67");
        assertThat(periods.get(3).at("/total/escheat").asText()).isEqualTo("10.00");
        assertThat(periods.get(3).at("/total/closing").asText()).isEqualTo("0.00");
        assertThat(periods.get(3).at("/closingPerGeneralLedger").asText()).isEqualTo("0.00");

        var policies = rest.withBasicAuth("auditor", "auditor-secret")
                .getForEntity("/api/v1/accounting-policies?format=md", String.class);
        assertThat(policies.getStatusCode().value()).isEqualTo(200);
        assertThat(policies.getBody()).contains("| standard | 1 | 2026-01-01 | USD | 0.01 | 90 days after purchase | REMOTE | - | - | 0.1 | allowed | accountant |");
        var html = rest.withBasicAuth("auditor", "auditor-secret")
                .getForEntity("/api/v1/accounting-policies?download=true", String.class);
        assertThat(html.getHeaders().getContentType().toString()).startsWith("text/html");
        assertThat(html.getHeaders().getFirst("Content-Disposition")).contains("accounting-policies.html");
        assertThat(html.getBody()).contains("<td>standard</td>");

        var openApi = http.get("auditor", "/v3/api-docs").body();
        assertThat(openApi.at("/paths/~1api~1v1~1customers~1{customerId}~1credit-purchases/post/requestBody/content")
                .toString()).contains("order-1001");
        assertThat(openApi.at("/paths").has("/api/v1/reports/deferred-revenue-rollforward")).isTrue();

        assertThat(http.post("accountant", "/api/v1/journal-entries/wallet:acme:d2/reversal",
                "{\"reversalEntryId\":\"r-d2\",\"effectiveDate\":\"2026-04-30\",\"reason\":\"x\"}").text("/code"))
                .isEqualTo("POSTED_BY_BUSINESS_EVENT");

        var trail = http.get("auditor", "/api/v1/audit-trail/wallet:acme:d2");
        assertThat(trail.text("/steps/0/eventType")).isEqualTo("UsageDrawn");
        assertThat(trail.text("/steps/0/principal")).isEqualTo("ingest");
        assertThat(trail.text("/steps/0/policyVersion")).isEqualTo("credits/standard/v1");

        Map<String, JsonNode> before = snapshot(http);
        var accepted = http.post("admin", "/api/v1/admin/projections/rebuild", "{}");
        assertThat(accepted.status()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!http.get("admin", "/api/v1/admin/projections").text("/lastRebuild/state").equals("DONE")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(snapshot(http)).isEqualTo(before);
    }

    @Test
    void concurrentHoldsNeverTogetherExceedTheAvailableBalance() throws Exception {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        http.post("accountant", "/api/v1/credit-programs", """
                {"programId":"holds","requestId":"prog-h","effectiveFrom":"2020-01-01","currency":"USD",
                 "valuePerCredit":"0.01","breakagePolicy":"REMOTE"}""");
        assertThat(http.post("ingest", "/api/v1/customers/globex/credit-purchases", """
                {"purchaseId":"p1","programId":"holds","effectiveDate":"2020-01-01","price":"30.00","currency":"USD",
                 "credits":"3000"}""").status()).isEqualTo(201);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        Map<String, java.util.concurrent.Future<Integer>> replies = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            String body = "{\"holdId\":\"h" + i + "\",\"credits\":\"100\",\"ttlSeconds\":600}";
            replies.put("h" + i, pool.submit(() -> http.post("ingest", "/api/v1/customers/globex/holds", body).status()));
        }
        Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
        List<String> granted = new java.util.ArrayList<>();
        for (var reply : replies.entrySet()) {
            int status = reply.getValue().get();
            byStatus.merge(status, 1, Integer::sum);
            if (status == 201) {
                granted.add(reply.getKey());
            }
        }
        pool.shutdown();
        assertThat(byStatus).isEqualTo(Map.of(201, 30, 409, 10));
        var wallet = http.getConsistent("auditor", "/api/v1/customers/globex/wallet");
        assertThat(wallet.text("/availableCredits")).isEqualTo("3000");
        assertThat(wallet.text("/heldCredits")).isEqualTo("3000");
        assertThat(wallet.text("/availableAfterHolds")).isEqualTo("0");
        // capture one hold for 40 of its 100 credits and release another: 3000 - 40 drawn - 28 x 100 held = 160 free
        assertThat(http.post("ingest", "/api/v1/customers/globex/holds/" + granted.get(0) + "/capture",
                "{\"drawId\":\"d0\",\"credits\":\"40\"}").status()).isEqualTo(201);
        assertThat(http.post("ingest", "/api/v1/customers/globex/holds/" + granted.get(1) + "/release", "{}").status())
                .isEqualTo(200);
        assertThat(http.post("ingest", "/api/v1/customers/globex/holds", "{\"holdId\":\"h-161\",\"credits\":\"161\"}").text("/code"))
                .isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(http.post("ingest", "/api/v1/customers/globex/holds", "{\"holdId\":\"h-160\",\"credits\":\"160\"}").status())
                .isEqualTo(201);
        var tb = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2099-12-31");
        assertThat(tb.body().at("/balanced").asBoolean()).isTrue();
    }

    @Test
    void poolsExpireAutomaticallyOnceAfterTheGracePeriodDatedTheirExpiryDate() throws Exception {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        http.post("accountant", "/api/v1/credit-programs", """
                {"programId":"short","requestId":"prog-s","effectiveFrom":"2026-01-01","currency":"USD",
                 "valuePerCredit":"0.01","expiry":{"kind":"DAYS_AFTER_PURCHASE","days":30}}""");
        http.post("ingest", "/api/v1/customers/initech/credit-purchases", """
                {"purchaseId":"p1","programId":"short","effectiveDate":"2026-05-01","price":"12.00","currency":"USD","credits":"1200"}""");
        http.post("ingest", "/api/v1/customers/initech/usage-draws",
                "{\"drawId\":\"d1\",\"occurredAt\":\"2026-05-10T10:00:00Z\",\"credits\":\"200\"}");
        http.awaitProjections();
        // expires on 2026-05-31; with 3 grace days it is due from 2026-06-04
        assertThat(expiryJob.expireDuePools(java.time.LocalDate.of(2026, 6, 3))).isZero();
        assertThat(expiryJob.expireDuePools(java.time.LocalDate.of(2026, 6, 4))).isEqualTo(1);
        var gl = http.getConsistent("auditor", "/api/v1/reports/general-ledger?customer=initech&account=4200");
        assertThat(gl.body().at("/total").asLong()).isEqualTo(1);
        assertThat(gl.text("/lines/0/postingDate")).isEqualTo("2026-05-31");
        assertThat(gl.text("/lines/0/amount")).isEqualTo("10.00");
        assertThat(http.get("auditor", "/api/v1/audit-trail/" + "wallet:initech:auto-expiry-p1").text("/steps/0/principal"))
                .isEqualTo("system:auto-expiry");
        // a later run (or a restart) expires nothing twice
        assertThat(expiryJob.expireDuePools(java.time.LocalDate.of(2026, 7, 1))).isZero();
        assertThat(http.getConsistent("auditor", "/api/v1/reports/general-ledger?customer=initech&account=4200")
                .body().at("/total").asLong()).isEqualTo(1);
    }

    @Test
    void dormancyIsAppliedAutomaticallyAndGivenBackWhenUsageResumes() throws Exception {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        assertThat(http.post("accountant", "/api/v1/credit-programs", """
                {"programId":"sleepy","requestId":"prog-z","effectiveFrom":"2026-01-01","currency":"GBP",
                 "valuePerCredit":"0.01","expiry":{"kind":"DAYS_AFTER_PURCHASE","days":720},"dormancyDays":60}""").status())
                .isEqualTo(201);
        http.post("ingest", "/api/v1/customers/stark/credit-purchases", """
                {"purchaseId":"p1","programId":"sleepy","effectiveDate":"2026-01-01","price":"30.00","currency":"GBP","credits":"3000"}""");
        http.post("ingest", "/api/v1/customers/stark/usage-draws",
                "{\"drawId\":\"d1\",\"occurredAt\":\"2026-01-20T10:00:00Z\",\"credits\":\"1000\"}");
        http.awaitProjections();
        assertThat(expiryJob.applyDormancyRules(java.time.LocalDate.of(2026, 3, 20))).isZero(); // dormant from 2026-03-21
        assertThat(expiryJob.applyDormancyRules(java.time.LocalDate.of(2026, 3, 21))).isEqualTo(1);
        var wallet = http.getConsistent("auditor", "/api/v1/customers/stark/wallet");
        assertThat(wallet.text("/pools/0/breakage")).isEqualTo("20.00");
        assertThat(wallet.text("/liability")).isEqualTo("0.00");
        assertThat(expiryJob.applyDormancyRules(java.time.LocalDate.of(2026, 4, 1))).isZero();
        // usage resumes: breakage given back, 5.00 of usage
        http.post("ingest", "/api/v1/customers/stark/usage-draws",
                "{\"drawId\":\"d2\",\"occurredAt\":\"2026-04-02T10:00:00Z\",\"credits\":\"500\"}");
        var after = http.getConsistent("auditor", "/api/v1/customers/stark/wallet");
        assertThat(after.text("/pools/0/breakage")).isEqualTo("0.00");
        assertThat(after.text("/liability")).isEqualTo("15.00");
        var rollforward = http.get("auditor", "/api/v1/reports/deferred-revenue-rollforward?from=2026-03&to=2026-04&customer=stark&currency=GBP");
        assertThat(rollforward.text("/periods/0/total/breakage")).isEqualTo("20.00");
        assertThat(rollforward.text("/periods/1/total/breakage")).isEqualTo("-20.00");
        assertThat(rollforward.body().at("/periods/1/tiesToGeneralLedger").asBoolean()).isTrue();
    }

    @Test
    void overageIsInvoicedAndPaid() {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        http.post("accountant", "/api/v1/credit-programs", """
                {"programId":"payg","requestId":"prog-p","effectiveFrom":"2026-01-01","currency":"EUR","valuePerCredit":"0.001"}""");
        assertThat(http.post("ingest", "/api/v1/customers/umbrella/credit-grants",
                "{\"grantId\":\"g1\",\"programId\":\"payg\",\"effectiveDate\":\"2026-06-01\",\"credits\":\"1000\"}").status())
                .isEqualTo(201);
        // 1,000 free credits then 12,345 credits of overage at 0.001 = 12.345, rounded half-up to 12.35
        assertThat(http.post("ingest", "/api/v1/customers/umbrella/usage-draws",
                "{\"drawId\":\"d1\",\"occurredAt\":\"2026-06-05T00:00:00Z\",\"credits\":\"13345\"}").status()).isEqualTo(201);
        assertThat(http.post("ingest", "/api/v1/customers/umbrella/invoices",
                "{\"invoiceId\":\"inv-6\",\"effectiveDate\":\"2026-06-30\"}").status()).isEqualTo(201);
        assertThat(http.post("ingest", "/api/v1/customers/umbrella/payments",
                "{\"paymentId\":\"pay-6\",\"invoiceId\":\"inv-6\",\"effectiveDate\":\"2026-07-15\",\"amount\":\"20.00\"}").text("/code"))
                .isEqualTo("PAYMENT_EXCEEDS_INVOICE");
        assertThat(http.post("ingest", "/api/v1/customers/umbrella/payments",
                "{\"paymentId\":\"pay-6\",\"invoiceId\":\"inv-6\",\"effectiveDate\":\"2026-07-15\"}").status()).isEqualTo(201);
        var tb = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2026-07-31");
        assertThat(JournalApiTest.rowsOf(tb.body(), "EUR")).containsExactly(
                "1000:12.35:0.00", "1100:12.35:12.35", "1150:12.35:12.35", "4000:0.00:12.35");
    }

    private static Map<String, JsonNode> snapshot(LedgerHttp http) {
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        reports.put("wallet", http.get("auditor", "/api/v1/customers/acme/wallet").body());
        reports.put("tb", http.get("auditor", "/api/v1/reports/trial-balance?asOf=2026-12-31").body());
        reports.put("rollforward", http.get("auditor", "/api/v1/reports/deferred-revenue-rollforward?from=2026-01&to=2026-04").body());
        reports.put("audit", http.get("auditor", "/api/v1/audit-trail/wallet:acme:d1").body());
        return reports;
    }
}
