package dev.tokenledger.adapters;

import dev.tokenledger.adapters.projections.ProjectionMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage ledger over HTTP on PostgreSQL: pricing, idempotency, partial rejection, CloudEvents, late records in
 * a closed period, tracing a GL entry to its records, costs, and the ties between the usage ledger and the GL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UsageLedgerTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, "it_usage");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProjectionMonitor monitor;

    static final String CARDS_LIST = """
            {"cardId":"list","version":1,"effectiveFrom":"2026-01-01","currency":"USD","prices":[
              {"model":"atlas","unit":"input_tokens","mode":"GRADUATED","tiers":[{"upTo":1000000,"unitPrice":"0.000003"},{"unitPrice":"0.000002"}]},
              {"model":"atlas","unit":"output_tokens","tiers":[{"unitPrice":"0.000015"}]},
              {"model":"orbit","unit":"input_tokens","tiers":[{"unitPrice":"0.000004"}]}]}""";
    static final String COSTS_OWN = """
            {"cardId":"own-gpus","version":1,"effectiveFrom":"2026-01-01","currency":"USD","provider":"own","role":"COMPUTE",
             "costs":[{"model":"atlas","unit":"input_tokens","unitCost":"0.000001"},{"model":"atlas","unit":"output_tokens","unitCost":"0.000005"}]}""";
    static final String COSTS_VENDOR = """
            {"cardId":"orbit-vendor","version":1,"effectiveFrom":"2026-01-01","currency":"USD","provider":"orbitai","role":"THIRD_PARTY",
             "costs":[{"model":"orbit","unit":"input_tokens","unitCost":"0.000002"}]}""";

    static String usage(String id, String customer, String at, String model, String feature, Object input, Object output) {
        return "{\"id\":\"" + id + "\",\"customerId\":\"" + customer + "\",\"timestamp\":\"" + at + "\",\"model\":\"" + model
                + "\"" + (feature == null ? "" : ",\"feature\":\"" + feature + "\"") + ",\"inputTokens\":" + input
                + ",\"outputTokens\":" + output + ",\"metadata\":{\"region\":\"eu\"}}";
    }

    @Test
    void usageIsPricedPostedOnceTracedAndTiesToTheGeneralLedger() throws Exception {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        assertThat(http.post("accountant", "/api/v1/rate-cards", CARDS_LIST).status()).isEqualTo(201);
        assertThat(http.post("accountant", "/api/v1/rate-cards", CARDS_LIST).status()).isEqualTo(200);
        assertThat(http.post("ingest", "/api/v1/rate-cards", CARDS_LIST).status()).isEqualTo(403);
        assertThat(http.post("accountant", "/api/v1/cost-cards", COSTS_OWN).status()).isEqualTo(201);
        assertThat(http.post("accountant", "/api/v1/cost-cards", COSTS_VENDOR).status()).isEqualTo(201);
        var badCard = http.post("accountant", "/api/v1/rate-cards", CARDS_LIST.replace("\"version\":1", "\"version\":3"));
        assertThat(badCard.status()).isEqualTo(409);
        assertThat(badCard.text("/code")).isEqualTo("CARD_VERSION_CONFLICT");

        // initech: $1.95 (600k in + 10k out of atlas), then a malformed record and one for an unpriced model
        String batch = "{\"records\":[" + String.join(",",
                usage("u1", "initech", "2026-02-02T10:00:00Z", "atlas", "chat", 600000, 10000),
                usage("u2", "initech", "2026-02-02T11:00:00Z", "orbit", "search", 100000, 0),
                usage("u3", "initech", "2026-02-02T12:00:00Z", "atlas", "chat", -5, 0),
                usage("u4", "initech", "2026-02-02T13:00:00Z", "zeta", "chat", 5, 0)) + "]}";
        var first = http.post("ingest", "/api/v1/usage", batch);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("accepted").asInt()).isEqualTo(2);
        assertThat(first.body().get("rejected")).hasSize(2);
        assertThat(first.text("/rejected/0/field")).isEqualTo("records[2].inputTokens");
        assertThat(first.text("/rejected/0/code")).isEqualTo("USAGE_QUANTITY_INVALID");
        assertThat(first.text("/rejected/1/field")).isEqualTo("records[3].model");
        assertThat(first.text("/rejected/1/code")).isEqualTo("NO_RATE_IN_FORCE");

        // the same batch again: duplicates change nothing
        var again = http.post("ingest", "/api/v1/usage", batch);
        assertThat(again.body().get("accepted").asInt()).isZero();
        assertThat(again.body().get("duplicates").asInt()).isEqualTo(2);
        // the same id with other content is rejected and reported
        var conflict = http.post("ingest", "/api/v1/usage", "{\"records\":[" + usage("u1", "initech", "2026-02-02T10:00:00Z", "atlas", "chat", 600001, 10000) + "]}");
        assertThat(conflict.text("/rejected/0/code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(conflict.text("/rejected/0/field")).isEqualTo("records[0].id");
        var notJson = http.post("ingest", "/api/v1/usage", "{\"records\":[");
        assertThat(notJson.status()).isEqualTo(400);

        // CloudEvents batch: id and time from the event, customer from subject
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/cloudevents-batch+json"));
        headers.setBasicAuth("ingest", "ingest-secret");
        var ce = rest.exchange("/api/v1/usage", HttpMethod.POST, new HttpEntity<>("""
                [{"specversion":"1.0","id":"ce-1","source":"/gateway","type":"ai.usage.v1","time":"2026-02-03T09:00:00Z",
                  "subject":"initech","data":{"model":"atlas","feature":"chat","inputTokens":400000,"outputTokens":0}}]""", headers),
                String.class);
        assertThat(ce.getStatusCode().value()).isEqualTo(200);
        assertThat(LedgerHttp.JSON.readTree(ce.getBody()).get("accepted").asInt()).isEqualTo(1);

        // February closes; a late February record posts in March, flagged prior-period, priced as of February
        assertThat(http.post("accountant", "/api/v1/periods/2026-02/close", "{\"requestId\":\"close-2026-02\"}").status()).isEqualTo(200);
        var late = http.post("ingest", "/api/v1/usage", "{\"records\":[" + usage("u5", "initech", "2026-02-27T10:00:00Z", "atlas", null, 100000, 0) + "]}");
        assertThat(late.body().get("accepted").asInt()).isEqualTo(1);
        String lateEntry = late.text("/postings/0/entryId");

        http.awaitProjections();
        var lateRecord = http.get("auditor", "/api/v1/usage/records/u5");
        assertThat(lateRecord.text("/usageDate")).isEqualTo("2026-02-27");
        assertThat(lateRecord.text("/entryId")).isEqualTo(lateEntry);
        var latePosting = http.get("auditor", "/api/v1/usage/postings?entryId=" + lateEntry);
        assertThat(latePosting.text("/0/postingDate")).isEqualTo("2026-03-01");
        assertThat(latePosting.body().get(0).get("priorPeriod").asBoolean()).isTrue();

        var missing = http.get("auditor", "/api/v1/usage/records/never-sent");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("/code")).isEqualTo("UNKNOWN_USAGE_RECORD");
        assertThat(missing.text("/field")).isEqualTo("recordId");

        // trace: record -> posting -> journal entry -> its records
        var u1 = http.get("auditor", "/api/v1/usage/records/u1");
        assertThat(u1.text("/exactValue")).isEqualTo("1.95");
        assertThat(u1.text("/rateCards")).isEqualTo("list@v1");
        var postings = http.get("auditor", "/api/v1/usage/postings?entryId=" + u1.text("/entryId"));
        assertThat(postings.body()).hasSize(2); // atlas/chat and orbit/search
        var records = http.get("auditor", "/api/v1/usage/postings/" + u1.text("/postingId") + "/records");
        assertThat(records.body()).hasSize(2);
        var ownRecords = http.get("auditor", "/api/v1/usage/postings/" + u1.text("/postingId") + "/records?customerId="
                + u1.text("/customerId"));
        assertThat(ownRecords.body()).hasSize(2);
        assertThat(ownRecords.body().get(0).get("recordId").asText()).isEqualTo("u1");
        var othersRecords = http.get("auditor", "/api/v1/usage/postings/" + u1.text("/postingId") + "/records?customerId=nobody");
        assertThat(othersRecords.body()).isEmpty();
        var entry = http.get("auditor", "/api/v1/audit-trail/" + u1.text("/entryId"));
        assertThat(entry.status()).isEqualTo(200);

        // costs: a vendor invoice and February's infrastructure allocated by tokens
        assertThat(http.post("accountant", "/api/v1/vendor-invoices",
                "{\"invoiceId\":\"inv-1\",\"vendor\":\"orbitai\",\"effectiveDate\":\"2026-03-05\",\"amount\":\"0.20\",\"currency\":\"USD\"}").status())
                .isEqualTo(201);
        assertThat(http.post("accountant", "/api/v1/infrastructure-costs",
                "{\"allocationId\":\"infra-2026-02\",\"vendor\":\"colo\",\"period\":\"2026-02\",\"amount\":\"10.00\",\"currency\":\"USD\"}").status())
                .isEqualTo(201);

        // February: u1 1.95 + u2 0.40 + ce-1 400k more atlas input (month to date 1.0M: 1.20) = 3.55 revenue
        var margin = http.getConsistent("auditor", "/api/v1/reports/usage-margin?from=2026-02&to=2026-03&groupBy=period");
        assertThat(margin.text("/rows/0/period")).isEqualTo("2026-02");
        assertThat(margin.text("/rows/0/revenue")).isEqualTo("3.55");
        // cost: atlas 1.0M in 1.00 + 10k out 0.05, orbit 0.20
        assertThat(margin.text("/rows/0/directCost")).isEqualTo("1.25");
        // March holds the late record: 100k at the second tier (month to date above 1M) = 0.20, and infrastructure
        assertThat(margin.text("/rows/1/revenue")).isEqualTo("0.20");
        var ties = http.getConsistent("auditor", "/api/v1/reports/usage-ties?from=2026-01&to=2026-12");
        assertThat(ties.body().get("tiesToGeneralLedger").asBoolean()).as(ties.body().toPrettyString()).isTrue();
        assertThat(ties.text("/recordsSummedFrom")).isEqualTo("monthlyTotals");
        // the monthly totals written with the blocks say what every block says, record for record and to the unit
        var fromBlocks = http.getConsistent("auditor", "/api/v1/reports/usage-ties?from=2026-01&to=2026-12&verifyBlocks=true");
        assertThat(fromBlocks.text("/recordsSummedFrom")).isEqualTo("blocks");
        assertThat(fromBlocks.body().get("records")).isEqualTo(ties.body().get("records"));
        assertThat(fromBlocks.body().get("tiesToGeneralLedger").asBoolean()).isTrue();
        var badFlag = http.get("auditor", "/api/v1/reports/usage-ties?from=2026-01&to=2026-12&verifyBlocks=maybe");
        assertThat(badFlag.status()).isEqualTo(400);
        assertThat(badFlag.body().toString()).contains("verifyBlocks");
        var tb = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2026-03-31");
        assertThat(JournalApiTest.rowsOf(tb.body(), "USD")).contains("4000:0.00:3.75", "5100:10.00:0.00");

        // active end users where records name them: eu-a twice in the last 7 days, eu-b 9 days before; u1-u5 name none
        String endUsers = "{\"records\":[" + String.join(",",
                usage("e1", "initech", "2026-03-10T10:00:00Z", "atlas", "chat", 1000, 0).replace("\"customerId\":\"initech\"", "\"customerId\":\"initech\",\"endUserId\":\"eu-a\""),
                usage("e2", "initech", "2026-03-11T10:00:00Z", "atlas", "chat", 1000, 0).replace("\"customerId\":\"initech\"", "\"customerId\":\"initech\",\"endUserId\":\"eu-a\""),
                usage("e3", "initech", "2026-03-02T10:00:00Z", "atlas", "chat", 1000, 0).replace("\"customerId\":\"initech\"", "\"customerId\":\"initech\",\"endUserId\":\"eu-b\"")) + "]}";
        assertThat(http.post("ingest", "/api/v1/usage", endUsers).body().get("accepted").asInt()).isEqualTo(3);
        var active = http.getConsistent("auditor", "/api/v1/metrics/active-customers?endUsers=true&asOf=2026-03-11");
        assertThat(active.body().at("/endUsers/active7Days").asLong()).isEqualTo(1);
        assertThat(active.body().at("/endUsers/active30Days").asLong()).isEqualTo(2);
        assertThat(active.body().at("/active30Days").asInt()).isEqualTo(1);
    }
}
