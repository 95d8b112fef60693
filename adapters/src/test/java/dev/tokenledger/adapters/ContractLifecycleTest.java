package dev.tokenledger.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contract's whole life over HTTP on PostgreSQL (README "Contracts"): signed with platform access, prepaid credits,
 * support and onboarding under a committed minimum; billed quarterly; recognised month by month; credits drawn from
 * the pool it funded; extended by a modification; the pool expiring; the shortfall settled at the end of the term.
 * Every report agrees with the general ledger, and a rebuild gives the same answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContractLifecycleTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, "it_contracts");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProjectionMonitor monitor;

    static final String CONTRACT = """
            {"contractId":"acme-2026","customerId":"acme","currency":"USD","signedOn":"2025-12-20",
             "termStart":"2026-01-01","termEnd":"2026-12-31","transactionPrice":"150000.00",
             "obligations":[
               {"obligationId":"platform","kind":"PLATFORM_ACCESS","sspId":"platform","quantity":"12"},
               {"obligationId":"credits","kind":"CREDIT_POOL","sspId":"credit","programId":"enterprise","credits":"10000000"},
               {"obligationId":"support","kind":"SUPPORT","sspId":"support","quantity":"12"},
               {"obligationId":"onboarding","kind":"SERVICE","sspId":"onboarding","quantity":"1","pattern":"ON_DELIVERY",
                "expectedOn":"2026-02-15"}],
             "discounts":[{"discountId":"support-bundle","amount":"3000.00","appliesTo":["support"],
                           "evidence":"support sold with platform renewals at 25% off (price list 2026)"}],
             "commitment":{"amount":"200000.00","policy":"END_OF_TERM"},
             "billing":{"schedule":"QUARTERLY","settlement":"INVOICED","paymentTermsDays":30},
             "memo":"Order form OF-2025-311"}""";

    @Test
    void aContractsLifeShowsInEveryReportAndSurvivesARebuild() throws Exception {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        assertThat(http.post("accountant", "/api/v1/credit-programs", """
                {"programId":"enterprise","requestId":"ent-v1","effectiveFrom":"2025-01-01","currency":"USD",
                 "valuePerCredit":"0.01","expiry":{"kind":"DAYS_AFTER_PURCHASE","days":365},"breakagePolicy":"REMOTE"}""")
                .status()).isEqualTo(201);
        ssp(http, "platform", "OBSERVABLE_PRICE", "month", "\"unitPrice\":\"5000\"");
        ssp(http, "credit", "OBSERVABLE_PRICE", "credit", "\"unitPrice\":\"0.01\"");
        ssp(http, "support", "ADJUSTED_MARKET_ASSESSMENT", "month", "\"unitPrice\":\"1000\",\"rangeLow\":\"900\",\"rangeHigh\":\"1100\"");
        ssp(http, "onboarding", "EXPECTED_COST_PLUS_MARGIN", "each", "\"unitPrice\":\"12000\"");
        ssp(http, "advisory", "RESIDUAL", "each", "\"rangeLow\":\"5000\",\"rangeHigh\":\"15000\"");

        // refused as a whole, naming the field, writing nothing
        assertThat(http.post("ingest", "/api/v1/contracts", CONTRACT).status()).isEqualTo(403);
        var unknownSsp = http.post("accountant", "/api/v1/contracts", CONTRACT.replace("\"sspId\":\"support\"", "\"sspId\":\"nope\""));
        assertThat(unknownSsp.status()).isEqualTo(422);
        assertThat(unknownSsp.text("/code")).isEqualTo("UNKNOWN_SSP");
        assertThat(unknownSsp.text("/field")).isEqualTo("obligations[2].sspId");
        var residual = http.post("accountant", "/api/v1/contracts", """
                {"contractId":"r1","customerId":"acme","currency":"USD","signedOn":"2026-01-01","termStart":"2026-01-01",
                 "termEnd":"2026-12-31","transactionPrice":"62000.00",
                 "obligations":[{"obligationId":"platform","kind":"PLATFORM_ACCESS","sspId":"platform","quantity":"12"},
                                {"obligationId":"advice","kind":"SERVICE","sspId":"advisory","quantity":"1"}],
                 "billing":{"schedule":"UPFRONT"}}""");
        assertThat(residual.text("/code")).isEqualTo("RESIDUAL_OUT_OF_RANGE");
        assertThat(residual.text("/detail")).contains("2000.00").contains("5000 to 15000");
        assertThat(http.get("auditor", "/api/v1/contracts/r1").status()).isEqualTo(404);

        // signed: 150,000 allocated; the support discount of 3,000 stays with support (9,000); the rest, 141,000,
        // by relative SSP over platform 60,000, credits 100,000 and onboarding 12,000
        var signed = http.post("accountant", "/api/v1/contracts", CONTRACT);
        assertThat(signed.status()).isEqualTo(201);
        assertThat(signed.body().at("/poolsFunded/0").asText()).isEqualTo("acme-2026-credits");
        assertThat(http.post("accountant", "/api/v1/contracts", CONTRACT).status()).isEqualTo(200);
        var allocation = http.getConsistent("auditor", "/api/v1/contracts/acme-2026/allocation");
        assertThat(allocation.body().at("/decisions/0/lines").findValuesAsText("allocated"))
                .containsExactly("49186.05", "81976.74", "9000.00", "9837.21");
        assertThat(allocation.text("/decisions/0/lines/2/group")).isEqualTo("support-bundle");
        assertThat(allocation.text("/decisions/0/lines/2/evidence")).isEqualTo("evidence for support");

        // the wallet holds the pool with P = 81,976.74
        var wallet = http.getConsistent("auditor", "/api/v1/customers/acme/wallet");
        assertThat(wallet.text("/pools/0/poolId")).isEqualTo("acme-2026-credits");
        assertThat(wallet.text("/pools/0/price")).isEqualTo("81976.74");

        invoice(http, "q1", "2026-01-01");
        pay(http, "pay-q1", "q1", "2026-01-20", "37500.00");
        draw(http, "jan", "2026-01-25T12:00:00Z", "3000000");
        recognize(http, "2026-01-31");
        assertThat(http.post("accountant", "/api/v1/contracts/acme-2026/obligations/onboarding/delivery",
                "{\"requestId\":\"onboarded\",\"deliveredOn\":\"2026-02-12\"}").status()).isEqualTo(201);
        recognize(http, "2026-02-28");
        draw(http, "mar", "2026-03-15T12:00:00Z", "2000000");
        recognize(http, "2026-03-31");
        invoice(http, "q2", "2026-04-01");
        for (String month : new String[]{"2026-04-30", "2026-05-31"}) {
            recognize(http, month);
        }
        var nothingDue = http.post("accountant", "/api/v1/contracts/acme-2026/invoices",
                "{\"invoiceId\":\"early\",\"invoiceDate\":\"2026-05-15\"}");
        assertThat(nothingDue.text("/code")).isEqualTo("NOTHING_TO_INVOICE");

        http.awaitProjections();
        Thread.sleep(20); // the modification is recorded strictly after this instant
        Instant beforeModification = Instant.now();
        Thread.sleep(20);
        var before = http.get("auditor", "/api/v1/reports/revenue-waterfall?asOf=2026-06-30&groupBy=contract");
        // renewed early on 1 July for six more months at 60,000: prospective (the term changes)
        var modified = http.post("accountant", "/api/v1/contracts/acme-2026/modifications", """
                {"modificationId":"renewal","effectiveDate":"2026-07-01","additionalPrice":"60000.00",
                 "newTermEnd":"2027-06-30","reason":"renewed early for six months (OF-2026-118)"}""");
        assertThat(modified.status()).isEqualTo(201);
        assertThat(modified.text("/treatment")).isEqualTo("PROSPECTIVE");
        var after = http.getConsistent("auditor", "/api/v1/reports/revenue-waterfall?asOf=2026-06-30&groupBy=contract");
        var asKnownBefore = http.get("auditor", "/api/v1/reports/revenue-waterfall?asOf=2026-06-30&groupBy=contract&knownAt="
                + beforeModification);
        assertThat(asKnownBefore.body().at("/totals/USD/total").asText()).isEqualTo(before.body().at("/totals/USD/total").asText());
        assertThat(new BigDecimal(after.body().at("/totals/USD/total").asText())
                .subtract(new BigDecimal(before.body().at("/totals/USD/total").asText()))).isEqualByComparingTo("60000.00");

        invoice(http, "q3", "2026-07-01");
        recognize(http, "2026-12-31");
        invoice(http, "q4", "2026-10-01");
        assertThat(http.post("accountant", "/api/v1/credit-pools/acme-2026-credits/expiry",
                "{\"customerId\":\"acme\",\"requestId\":\"expire-credits\",\"effectiveDate\":\"2027-01-01\"}").status()).isEqualTo(201);
        invoice(http, "q5", "2027-04-01");
        recognize(http, "2027-06-30");

        // the commitment: 200,000 against the greater of usage (5,000,000 credits = 50,000.00) and the prepaid
        // credits' consideration (81,976.74): shortfall 118,023.26, invoiced
        var settled = http.post("accountant", "/api/v1/contracts/acme-2026/commitment/settlement",
                "{\"requestId\":\"commitment\",\"effectiveDate\":\"2027-06-30\"}");
        assertThat(settled.status()).isEqualTo(201);
        var contract = http.getConsistent("auditor", "/api/v1/contracts/acme-2026");
        assertThat(contract.text("/commitment/shortfall")).isEqualTo("118023.26");
        assertThat(contract.text("/commitment/usageCounted")).isEqualTo("50000");
        // everything allocated is recognised: 150,000 + 60,000 over the obligations
        BigDecimal recognized = BigDecimal.ZERO;
        for (JsonNode o : contract.body().at("/obligations")) {
            recognized = recognized.add(new BigDecimal(o.at("/recognized").asText()));
        }
        assertThat(recognized).isEqualByComparingTo("210000.00");

        var tb = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2027-06-30");
        assertThat(tb.body().at("/balanced").asBoolean()).isTrue();
        // revenue: platform + support + onboarding 128,023.26 (all but the credits' 81,976.74 of 210,000),
        // usage 40,988.37 and breakage 40,988.37 from the pool, shortfall 118,023.26
        assertThat(JournalApiTest.rowsOf(tb.body(), "USD")).contains("4000:0.00:40988.37", "4200:0.00:40988.37",
                "4300:0.00:118023.26", "2300:81976.74:81976.74");
        var disaggregated = http.get("auditor", "/api/v1/reports/revenue-disaggregation?from=2026-01&to=2027-06&groupBy=type");
        assertThat(disaggregated.text("/totals/USD")).isEqualTo("328023.26");

        var balances = http.get("auditor", "/api/v1/reports/contract-balances?asOf=2027-06-30");
        assertThat(balances.body().at("/ties").findValuesAsText("ties")).containsOnly("true");
        // billed 210,000 + 118,023.26; paid 37,500
        assertThat(balances.text("/rows/0/receivable")).isEqualTo("290523.26");
        assertThat(balances.text("/rows/0/presentedAs")).isEqualTo("nil");
        var midYear = http.get("auditor", "/api/v1/reports/contract-balances?asOf=2026-03-31");
        assertThat(midYear.body().at("/ties").findValuesAsText("ties")).containsOnly("true");

        var rollforward = http.get("auditor", "/api/v1/reports/deferred-revenue-rollforward?from=2026-01&to=2027-06");
        for (JsonNode period : rollforward.body().at("/periods")) {
            assertThat(period.at("/identityHolds").asBoolean()).as(period.at("/period").asText()).isTrue();
            assertThat(period.at("/tiesToGeneralLedger").asBoolean()).as(period.at("/period").asText()).isTrue();
        }
        JsonNode january = rollforward.body().at("/periods/0/rows");
        assertThat(january.findValuesAsText("contract")).contains("acme-2026");
        assertThat(january.findValuesAsText("obligation")).contains("credits");

        var rpo = http.get("auditor", "/api/v1/reports/remaining-performance-obligations?asOf=2026-06-30");
        var waterfallNow = http.get("auditor", "/api/v1/reports/revenue-waterfall?asOf=2026-06-30&groupBy=contract&months=36");
        // RPO at 30 June 2026 = what the waterfall still shows, plus the commitment neither consumed nor prepaid
        // then: 200,000 - max(usage revenue 40,988.37, prepaid 81,976.74) = 118,023.26 (the term then ran to 2027)
        assertThat(rpo.text("/totals/USD/prepaidCredits")).isEqualTo("40988.37");
        assertThat(rpo.text("/totals/USD/commitmentNotYetConsumed")).isEqualTo("118023.26");
        assertThat(new BigDecimal(rpo.text("/totals/USD/total"))).isEqualByComparingTo(
                new BigDecimal(waterfallNow.text("/totals/USD/total")).add(new BigDecimal("118023.26")));

        var trail = http.get("auditor", "/api/v1/audit-trail/contract:acme-2026:fund-credits");
        assertThat(trail.text("/steps/0/eventType")).isEqualTo("ContractCreditsFunded");
        assertThat(trail.text("/steps/0/principal")).isEqualTo("accountant");

        Map<String, JsonNode> snapshot = snapshot(http);
        assertThat(http.post("admin", "/api/v1/admin/projections/rebuild", "{}").status()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!http.get("admin", "/api/v1/admin/projections").text("/lastRebuild/state").equals("DONE")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(snapshot(http)).isEqualTo(snapshot);
    }

    private static void ssp(LedgerHttp http, String id, String method, String unit, String price) {
        var reply = http.post("accountant", "/api/v1/ssp", "{\"sspId\":\"" + id + "\",\"requestId\":\"" + id + "-v1\","
                + "\"effectiveFrom\":\"2025-01-01\",\"currency\":\"USD\",\"method\":\"" + method + "\",\"unit\":\"" + unit
                + "\"," + price + ",\"evidence\":\"evidence for " + id + "\",\"evidenceAsOf\":\"2024-12-01\"}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    }

    private static void invoice(LedgerHttp http, String id, String date) {
        var reply = http.post("accountant", "/api/v1/contracts/acme-2026/invoices",
                "{\"invoiceId\":\"" + id + "\",\"invoiceDate\":\"" + date + "\"}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    }

    private static void pay(LedgerHttp http, String id, String invoice, String date, String amount) {
        var reply = http.post("accountant", "/api/v1/contracts/acme-2026/payments", "{\"paymentId\":\"" + id
                + "\",\"invoiceId\":\"" + invoice + "\",\"paidOn\":\"" + date + "\",\"amount\":\"" + amount + "\"}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    }

    private static void draw(LedgerHttp http, String id, String at, String credits) {
        var reply = http.post("ingest", "/api/v1/customers/acme/usage-draws",
                "{\"drawId\":\"" + id + "\",\"occurredAt\":\"" + at + "\",\"credits\":\"" + credits + "\"}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    }

    private static void recognize(LedgerHttp http, String through) {
        var reply = http.post("accountant", "/api/v1/contracts/acme-2026/recognition",
                "{\"requestId\":\"r-" + through + "\",\"through\":\"" + through + "\"}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    }

    private static Map<String, JsonNode> snapshot(LedgerHttp http) {
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        for (String path : new String[]{"/api/v1/contracts/acme-2026", "/api/v1/contracts/acme-2026/allocation",
                "/api/v1/contracts/acme-2026/schedule", "/api/v1/customers/acme/wallet",
                "/api/v1/reports/trial-balance?asOf=2027-06-30",
                "/api/v1/reports/deferred-revenue-rollforward?from=2026-01&to=2027-06",
                "/api/v1/reports/revenue-waterfall?asOf=2026-03-31",
                "/api/v1/reports/contract-balances?asOf=2026-09-30",
                "/api/v1/reports/remaining-performance-obligations?asOf=2026-09-30",
                "/api/v1/reports/revenue-disaggregation?from=2026-01&to=2027-06&groupBy=period,type,contract",
                "/api/v1/audit-trail/contract:acme-2026:renewal"}) {
            JsonNode body = http.getConsistent("auditor", path).body().deepCopy();
            if (body.isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("readPosition");
            }
            reports.put(path, body);
        }
        return reports;
    }
}
