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

/**
 * The ASC 606 patterns beyond prepaid credits over HTTP on PostgreSQL (README "Material rights"): each books what
 * the domain's worked examples compute, shows in the trial balance, the rollforward and the audit trail, and survives a
 * projection rebuild unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Asc606PatternsTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, "it_asc606");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProjectionMonitor monitor;

    @Test
    void materialRightsBookTheWorkedExamplesAndSurviveARebuild() throws Exception {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        ssp(http, "goods", "100000");
        ssp(http, "point", "1");
        ssp(http, "product", "100");
        ssp(http, "voucher", "15");

        // ASC 606-10-55-353 (Example 52): 10,000 points on 100,000 of goods, 95% expected to be redeemed
        var refused = http.post("accountant", "/api/v1/contracts", LOYALTY.replace("\"exerciseLikelihood\":\"0.95\",", ""));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("/code")).isEqualTo("CONTRACT_TERMS_INVALID");
        assertThat(refused.text("/field")).isEqualTo("obligations[1].exerciseLikelihood");
        assertThat(http.post("accountant", "/api/v1/contracts", LOYALTY).status()).isEqualTo(201);
        post(http, "/api/v1/contracts/loyalty-2026/invoices", "{\"invoiceId\":\"inv\",\"invoiceDate\":\"2026-01-01\"}");
        post(http, "/api/v1/contracts/loyalty-2026/obligations/goods/delivery", "{\"requestId\":\"shipped\",\"deliveredOn\":\"2026-01-01\"}");
        post(http, "/api/v1/contracts/loyalty-2026/obligations/points/exercises",
                "{\"requestId\":\"y1\",\"effectiveDate\":\"2026-12-31\",\"units\":\"4500\"}");
        var tooMany = http.post("accountant", "/api/v1/contracts/loyalty-2026/obligations/points/exercises",
                "{\"requestId\":\"x\",\"effectiveDate\":\"2026-12-31\",\"units\":\"6000\"}");
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.text("/code")).isEqualTo("OPTION_UNITS_EXCEEDED");
        assertThat(tooMany.text("/field")).isEqualTo("units");
        post(http, "/api/v1/contracts/loyalty-2026/obligations/points/estimate", """
                {"requestId":"y2-estimate","effectiveDate":"2027-12-31","expectedUnits":"9700","reason":"redemption history"}""");
        post(http, "/api/v1/contracts/loyalty-2026/obligations/points/exercises",
                "{\"requestId\":\"y2\",\"effectiveDate\":\"2027-12-31\",\"units\":\"4000\"}");
        // a retry answers 200 and posts nothing more
        assertThat(http.post("accountant", "/api/v1/contracts/loyalty-2026/obligations/points/exercises",
                "{\"requestId\":\"y2\",\"effectiveDate\":\"2027-12-31\",\"units\":\"4000\"}").status()).isEqualTo(200);

        // Example 49: a voucher, SSP 15 x 80% = 12, that expires unused on 2026-01-31
        assertThat(http.post("accountant", "/api/v1/contracts", VOUCHER).status()).isEqualTo(201);
        var early = http.post("accountant", "/api/v1/contracts/voucher-2026/obligations/voucher/lapse",
                "{\"requestId\":\"lapse\",\"effectiveDate\":\"2026-01-30\"}");
        assertThat(early.text("/code")).isEqualTo("OPTION_NOT_YET_EXPIRED");
        post(http, "/api/v1/contracts/voucher-2026/obligations/voucher/lapse",
                "{\"requestId\":\"lapse\",\"effectiveDate\":\"2026-01-31\",\"reason\":\"not used by its expiry\"}");

        // 2320 material-right liability, 4600 material-right revenue (MaterialRightTest has the arithmetic)
        var tb = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2027-12-31");
        assertThat(tb.body().at("/balanced").asBoolean()).isTrue();
        assertThat(JournalApiTest.rowsOf(tb.body(), "USD")).contains("2320:7697.95:8771.24", "4600:84.73:7697.95");
        var rights = http.getConsistent("auditor", "/api/v1/reports/material-rights");
        assertThat(rights.body().findValuesAsText("obligationId")).containsExactly("points", "voucher");
        assertThat(rights.text("/0/allocated")).isEqualTo("8675.80");
        assertThat(rights.text("/0/recognized")).isEqualTo("7602.51");
        assertThat(rights.text("/0/liability")).isEqualTo("1073.29");
        assertThat(rights.text("/0/option/expectedUnits")).isEqualTo("9700");
        assertThat(rights.text("/0/option/exercisedUnits")).isEqualTo("8500");
        assertThat(rights.text("/1/liability")).isEqualTo("0.00");
        assertThat(rights.body().findValuesAsText("ties")).containsOnly("true");

        var rollforward = http.get("auditor", "/api/v1/reports/deferred-revenue-rollforward?from=2026-01&to=2027-12&liability=material-rights");
        for (JsonNode period : rollforward.body().at("/periods")) {
            assertThat(period.at("/identityHolds").asBoolean()).as(period.at("/period").asText()).isTrue();
            assertThat(period.at("/tiesToGeneralLedger").asBoolean()).as(period.at("/period").asText()).isTrue();
        }
        JsonNode december2027 = rollforward.body().at("/periods/23");
        assertThat(december2027.at("/total/contractRevenue").asText()).isEqualTo("3492.92");
        assertThat(december2027.at("/total/closing").asText()).isEqualTo("1073.29");
        assertThat(december2027.at("/rows").findValuesAsText("obligation")).contains("points");
        var all = http.get("auditor", "/api/v1/reports/deferred-revenue-rollforward?from=2026-01&to=2027-12");
        assertThat(all.body().at("/periods/23/tiesToGeneralLedger").asBoolean()).isTrue();

        var trail = http.get("auditor", "/api/v1/audit-trail/contract:loyalty-2026:y2");
        assertThat(trail.text("/steps/0/eventType")).isEqualTo("MaterialRightExercised");

        Map<String, JsonNode> snapshot = snapshot(http);
        assertThat(http.post("admin", "/api/v1/admin/projections/rebuild", "{}").status()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!http.get("admin", "/api/v1/admin/projections").text("/lastRebuild/state").equals("DONE")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(snapshot(http)).isEqualTo(snapshot);
    }

    @Test
    void aLicenceWithRoyaltiesAndAMinimumGuaranteeBooksTheWorkedExample() throws Exception {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        var service = http.post("accountant", "/api/v1/licences", LICENCE.replace("FUNCTIONAL_IP_LICENCE", "SERVICE_ACCESS"));
        assertThat(service.status()).isEqualTo(422);
        assertThat(service.text("/code")).isEqualTo("NOT_A_LICENCE");
        assertThat(service.text("/field")).isEqualTo("contractType");
        var minor = http.post("accountant", "/api/v1/licences", LICENCE.replace("\"licencePredominant\":true", "\"licencePredominant\":false"));
        assertThat(minor.text("/code")).isEqualTo("ROYALTY_EXCEPTION_NOT_APPLICABLE");
        assertThat(minor.text("/field")).isEqualTo("licencePredominant");
        assertThat(http.get("auditor", "/api/v1/licences/weights-1").status()).isEqualTo(404);

        // LicenceTest has the arithmetic: fee 100,000, guarantee 50,000, 5% of sales reported 200,000 (before the
        // transfer), 700,000 and 300,000
        assertThat(http.post("accountant", "/api/v1/licences", LICENCE).status()).isEqualTo(201);
        assertThat(http.post("accountant", "/api/v1/licences", LICENCE).status()).isEqualTo(200);
        post(http, "/api/v1/licences/weights-1/royalty-reports", "{\"reportId\":\"early\",\"usageThrough\":\"2026-02-10\",\"salesOrUsage\":\"200000\"}");
        post(http, "/api/v1/licences/weights-1/transfer", "{\"requestId\":\"delivered\",\"transferredOn\":\"2026-02-15\"}");
        post(http, "/api/v1/licences/weights-1/royalty-reports", "{\"reportId\":\"q1\",\"usageThrough\":\"2026-03-31\",\"salesOrUsage\":\"700000\"}");
        post(http, "/api/v1/licences/weights-1/royalty-reports", "{\"reportId\":\"q2\",\"usageThrough\":\"2026-06-30\",\"salesOrUsage\":\"300000\"}");
        var early = http.post("accountant", "/api/v1/licences/weights-1/guarantee/settlement", "{\"requestId\":\"s\",\"effectiveDate\":\"2026-06-30\"}");
        assertThat(early.text("/code")).isEqualTo("LICENCE_TERM_NOT_ENDED");
        post(http, "/api/v1/licences/weights-1/guarantee/settlement", "{\"requestId\":\"s\",\"effectiveDate\":\"2026-12-31\"}");
        post(http, "/api/v1/licences/weights-1/payments", "{\"paymentId\":\"p1\",\"paidOn\":\"2026-07-15\"}");

        var tb = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2026-12-31");
        assertThat(tb.body().at("/balanced").asBoolean()).isTrue();
        assertThat(JournalApiTest.rowsOf(tb.body(), "USD")).contains("2330:110000.00:110000.00", "4700:0.00:150000.00",
                "4710:0.00:10000.00");
        var licence = http.getConsistent("auditor", "/api/v1/licences/weights-1");
        assertThat(licence.text("/licenceRevenue")).as(licence.body().toString()).isEqualTo("150000.00");
        assertThat(licence.text("/royaltyRevenue")).isEqualTo("10000.00");
        assertThat(licence.text("/royaltiesReported")).isEqualTo("60000.00");
        assertThat(licence.text("/guaranteeNotYetBilled")).isEqualTo("0.00");
        assertThat(licence.text("/guaranteeShortfall")).isEqualTo("0.00");
        assertThat(licence.text("/billed")).isEqualTo("160000.00");
        assertThat(licence.text("/paid")).isEqualTo("160000.00");
        assertThat(licence.body().at("/reports").findValuesAsText("heldUntilTransfer")).containsExactly("true", "false", "false");
        var rollforward = http.get("auditor", "/api/v1/reports/deferred-revenue-rollforward?from=2026-01&to=2026-12&liability=licences");
        for (JsonNode period : rollforward.body().at("/periods")) {
            assertThat(period.at("/identityHolds").asBoolean()).as(period.at("/period").asText()).isTrue();
            assertThat(period.at("/tiesToGeneralLedger").asBoolean()).as(period.at("/period").asText()).isTrue();
        }
        assertThat(rollforward.body().at("/periods/1/total/contractRevenue").asText()).isEqualTo("110000.00");
        var trail = http.get("auditor", "/api/v1/audit-trail/licence:weights-1:q2");
        assertThat(trail.text("/steps/0/eventType")).isEqualTo("RoyaltiesReported");

        JsonNode before = http.getConsistent("auditor", "/api/v1/licences").body();
        assertThat(http.post("admin", "/api/v1/admin/projections/rebuild", "{}").status()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!http.get("admin", "/api/v1/admin/projections").text("/lastRebuild/state").equals("DONE")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(http.getConsistent("auditor", "/api/v1/licences").body()).isEqualTo(before);
    }

    static final String LICENCE = """
            {"licenceId":"weights-1","customerId":"initech","currency":"USD","contractType":"FUNCTIONAL_IP_LICENCE",
             "signedOn":"2026-01-10","licenceStart":"2026-02-01","licenceEnd":"2026-12-31","fixedFee":"100000.00",
             "minimumGuarantee":"50000.00","royaltyRate":"0.05","licencePredominant":true,
             "description":"Licence of model weights, on-premises"}""";

    @Test
    void aRetrospectiveVolumeDiscountAndContractYearTiersOverHttp() throws Exception {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        var rising = http.post("accountant", "/api/v1/volume-discounts", VOLUME.replace("\"unitPrice\":\"8\"", "\"unitPrice\":\"11\""));
        assertThat(rising.status()).isEqualTo(422);
        assertThat(rising.text("/code")).isEqualTo("VOLUME_TERMS_INVALID");
        assertThat(rising.text("/field")).isEqualTo("tiers[2].unitPrice");
        assertThat(http.post("ingest", "/api/v1/volume-discounts", VOLUME).status()).isEqualTo(403);
        // VolumeRebateTest has the arithmetic: $10 / $9 from 1,000 / $8 from 2,000 units, expected 1,500 then 2,200
        assertThat(http.post("accountant", "/api/v1/volume-discounts", VOLUME).status()).isEqualTo(201);
        post(http, "/api/v1/volume-discounts/acme-2026/usage", "{\"usageId\":\"q1\",\"usageThrough\":\"2026-03-31\",\"units\":\"400\"}");
        post(http, "/api/v1/volume-discounts/acme-2026/usage", "{\"usageId\":\"q2\",\"usageThrough\":\"2026-06-30\",\"units\":\"500\"}");
        post(http, "/api/v1/volume-discounts/acme-2026/expected-volume",
                "{\"requestId\":\"h2\",\"effectiveDate\":\"2026-07-01\",\"expectedVolume\":\"2200\",\"reason\":\"two new workloads\"}");
        post(http, "/api/v1/volume-discounts/acme-2026/usage", "{\"usageId\":\"q3\",\"usageThrough\":\"2026-09-30\",\"units\":\"700\"}");
        var midYear = http.getConsistent("auditor", "/api/v1/volume-discounts/acme-2026");
        assertThat(midYear.text("/invoiced")).isEqualTo("15300.00");
        assertThat(midYear.text("/revenue")).isEqualTo("12800.00");
        assertThat(midYear.text("/refundLiability")).isEqualTo("2500.00");
        assertThat(midYear.text("/expectedPrice")).isEqualTo("8");
        assertThat(midYear.body().at("/ties").asBoolean()).isTrue();
        post(http, "/api/v1/volume-discounts/acme-2026/usage", "{\"usageId\":\"q4\",\"usageThrough\":\"2026-12-31\",\"units\":\"500\"}");
        var early = http.post("accountant", "/api/v1/volume-discounts/acme-2026/settlement", "{\"requestId\":\"s\",\"effectiveDate\":\"2026-12-30\"}");
        assertThat(early.text("/code")).isEqualTo("VOLUME_YEAR_NOT_ENDED");
        post(http, "/api/v1/volume-discounts/acme-2026/settlement", "{\"requestId\":\"s\",\"effectiveDate\":\"2026-12-31\"}");
        var settled = http.getConsistent("auditor", "/api/v1/volume-discounts/acme-2026");
        assertThat(settled.text("/revenue")).isEqualTo("16800.00");
        assertThat(settled.text("/rebateCredited")).isEqualTo("2500.00");
        assertThat(settled.text("/refundLiability")).isEqualTo("0.00");
        assertThat(settled.body().at("/ties").asBoolean()).isTrue();
        var tbVolume = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2026-12-31");
        assertThat(JournalApiTest.rowsOf(tbVolume.body(), "USD")).contains("2400:2500.00:2500.00");
        var trail = http.get("auditor", "/api/v1/audit-trail/volume:acme-2026:h2");
        assertThat(trail.text("/steps/0/eventType")).isEqualTo("ExpectedVolumeRevised");

        // contract-year tiers on a rate card: the year from February 2026 reads the year to date, not the month
        assertThat(http.post("accountant", "/api/v1/rate-cards", """
                {"cardId":"yearly-deal","version":1,"effectiveFrom":"2026-01-01","currency":"USD","customerId":"yearly",
                 "prices":[{"model":"atlas","unit":"input_tokens","mode":"GRADUATED","tiersAccumulateFrom":"2026-02",
                            "tiers":[{"upTo":1000000,"unitPrice":"0.000003"},{"unitPrice":"0.000002"}]}]}""").status()).isEqualTo(201);
        assertThat(http.post("accountant", "/api/v1/cost-cards", """
                {"cardId":"own-gpus","version":1,"effectiveFrom":"2026-01-01","currency":"USD","provider":"own","role":"COMPUTE",
                 "costs":[{"model":"atlas","unit":"input_tokens","unitCost":"0.000001"}]}""").status()).isEqualTo(201);
        String batch = "{\"records\":[" + String.join(",",
                UsageLedgerTest.usage("y-feb", "yearly", "2026-02-10T10:00:00Z", "atlas", null, 700000, 0),
                UsageLedgerTest.usage("y-mar", "yearly", "2026-03-20T10:00:00Z", "atlas", null, 600000, 0),
                UsageLedgerTest.usage("y-apr", "yearly", "2026-04-02T10:00:00Z", "atlas", null, 500000, 0)) + "]}";
        assertThat(http.post("ingest", "/api/v1/usage", batch).body().get("accepted").asInt()).isEqualTo(3);
        http.awaitProjections();
        assertThat(http.get("auditor", "/api/v1/usage/records/y-mar").text("/exactValue")).isEqualTo("1.5");
        assertThat(http.get("auditor", "/api/v1/usage/records/y-apr").text("/exactValue")).isEqualTo("1");

        // a model resold as agent: revenue net of the provider's fee, and the usage sub-ledger still ties to the GL
        assertThat(http.post("accountant", "/api/v1/rate-cards", """
                {"cardId":"agent-list","version":1,"effectiveFrom":"2026-01-01","currency":"USD","customerId":"yearly",
                 "prices":[{"model":"orbit","unit":"input_tokens","tiers":[{"unitPrice":"0.000004"}]}]}""").status()).isEqualTo(201);
        assertThat(http.post("accountant", "/api/v1/cost-cards", """
                {"cardId":"orbit-agent","version":1,"effectiveFrom":"2026-01-01","currency":"USD","provider":"orbitai",
                 "role":"AGENT","costs":[{"model":"orbit","unit":"input_tokens","unitCost":"0.000002"}]}""").status()).isEqualTo(201);
        var resold = http.post("ingest", "/api/v1/usage", "{\"records\":[" + UsageLedgerTest.usage("o-1", "yearly",
                "2026-05-02T10:00:00Z", "orbit", null, 1000000, 0).replace("\"model\"", "\"provider\":\"orbitai\",\"model\"") + "]}");
        assertThat(resold.body().get("accepted").asInt()).as(resold.body().toString()).isEqualTo(1);
        var revenue = http.getConsistent("auditor", "/api/v1/reports/general-ledger?account=4000&customer=yearly&from=2026-05-01&to=2026-05-31");
        List<String> lines = new java.util.ArrayList<>();
        revenue.body().at("/lines").forEach(l -> lines.add(l.at("/side").asText() + " " + l.at("/amount").asText()));
        assertThat(lines).containsExactlyInAnyOrder("CREDIT 4.00", "DEBIT 2.00");
        var ties = http.getConsistent("auditor", "/api/v1/reports/usage-ties?from=2026-05&to=2026-05");
        assertThat(ties.body().at("/tiesToGeneralLedger").asBoolean()).as(ties.body().toString()).isTrue();

        JsonNode before = http.getConsistent("auditor", "/api/v1/volume-discounts").body();
        assertThat(http.post("admin", "/api/v1/admin/projections/rebuild", "{}").status()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!http.get("admin", "/api/v1/admin/projections").text("/lastRebuild/state").equals("DONE")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(http.getConsistent("auditor", "/api/v1/volume-discounts").body()).isEqualTo(before);
    }

    static final String VOLUME = """
            {"agreementId":"acme-2026","customerId":"acme","currency":"USD","yearStart":"2026-01-01","yearEnd":"2026-12-31",
             "unit":"million_tokens","tiers":[{"fromUnits":"0","unitPrice":"10"},{"fromUnits":"1000","unitPrice":"9"},
             {"fromUnits":"2000","unitPrice":"8"}],"expectedVolume":"1500"}""";

    @Test
    void unclaimedPropertyIsReportedRemittedAndTiedAndDrawsMayNameTheirPool() throws Exception {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        // UnclaimedPropertyTest has the arithmetic: X = 1,000 x (1 - 0.80) x 0.50 = 100.00
        assertThat(http.post("accountant", "/api/v1/credit-programs", """
                {"programId":"unredeemed","requestId":"unredeemed-v1","effectiveFrom":"2026-01-01","currency":"USD",
                 "valuePerCredit":"0.01","expiry":{"kind":"DAYS_AFTER_PURCHASE","days":365},"breakagePolicy":"PROPORTIONAL",
                 "expectedRedemptionRate":"0.80","escheatShare":"0.50","escheatBasis":"EXPECTED_UNREDEEMED"}""").status())
                .isEqualTo(201);
        assertThat(http.post("accountant", "/api/v1/customers/holder/credit-purchases", """
                {"purchaseId":"p1","programId":"unredeemed","effectiveDate":"2026-01-01","price":"1000.00","currency":"USD",
                 "credits":"100000","settlement":"CASH"}""").status()).isEqualTo(201);
        assertThat(http.post("accountant", "/api/v1/customers/holder/credit-purchases", """
                {"purchaseId":"p2","programId":"unredeemed","effectiveDate":"2026-02-01","price":"10.00","currency":"USD",
                 "credits":"1000","settlement":"CASH"}""").status()).isEqualTo(201);
        // a draw naming p2 takes it first although p1 expires earlier; an unknown pool is refused naming the field
        var named = http.post("ingest", "/api/v1/customers/holder/usage-draws",
                "{\"drawId\":\"n1\",\"occurredAt\":\"2026-02-10T10:00:00Z\",\"credits\":\"1000\",\"poolId\":\"p2\"}");
        assertThat(named.status()).isEqualTo(201);
        var empty = http.post("ingest", "/api/v1/customers/holder/usage-draws",
                "{\"drawId\":\"n2\",\"occurredAt\":\"2026-02-11T10:00:00Z\",\"credits\":\"1\",\"poolId\":\"p2\"}");
        assertThat(empty.text("/code")).isEqualTo("POOL_EMPTY");
        var foreign = http.post("ingest", "/api/v1/customers/holder/usage-draws",
                "{\"drawId\":\"n3\",\"occurredAt\":\"2026-02-11T10:00:00Z\",\"credits\":\"1\",\"poolId\":\"loyalty-2026\"}");
        assertThat(foreign.text("/code")).isEqualTo("UNKNOWN_POOL");
        assertThat(foreign.text("/field")).isEqualTo("poolId");
        assertThat(http.post("ingest", "/api/v1/customers/holder/usage-draws",
                "{\"drawId\":\"d1\",\"occurredAt\":\"2026-03-01T10:00:00Z\",\"credits\":\"40000\"}").status()).isEqualTo(201);

        var notReported = http.post("accountant", "/api/v1/credit-pools/p1/unclaimed-property/remittances",
                "{\"customerId\":\"holder\",\"remittanceId\":\"r0\",\"remittedOn\":\"2026-10-01\"}");
        assertThat(notReported.text("/code")).isEqualTo("UNCLAIMED_PROPERTY_NOT_REPORTED");
        assertThat(http.post("ingest", "/api/v1/credit-pools/p1/unclaimed-property", REPORT).status()).isEqualTo(403);
        post(http, "/api/v1/credit-pools/p1/unclaimed-property", REPORT);
        var before = http.getConsistent("auditor", "/api/v1/reports/unclaimed-property?asOf=2027-03-15");
        assertThat(before.text("/rows/0/jurisdiction")).isEqualTo("US-DE");
        assertThat(before.text("/rows/0/owed")).isEqualTo("100.00");
        assertThat(before.body().at("/rows/0/overdue").asBoolean()).isTrue();
        assertThat(before.text("/byJurisdiction/0/earliestDue")).isEqualTo("2027-03-01");
        assertThat(before.body().at("/ties").asBoolean()).isTrue();
        post(http, "/api/v1/credit-pools/p1/unclaimed-property/remittances",
                "{\"customerId\":\"holder\",\"remittanceId\":\"r1\",\"remittedOn\":\"2027-02-20\"}");
        var after = http.getConsistent("auditor", "/api/v1/reports/unclaimed-property?asOf=2027-03-15");
        assertThat(after.text("/rows/0/remitted")).isEqualTo("100.00");
        assertThat(after.text("/rows/0/owed")).isEqualTo("0.00");
        assertThat(after.text("/owedPerGeneralLedger/USD")).isEqualTo("0.00");
        assertThat(after.body().at("/ties").asBoolean()).isTrue();
        var wallet = http.getConsistent("auditor", "/api/v1/customers/holder/wallet");
        assertThat(wallet.body().at("/pools").findValuesAsText("poolId")).contains("p1");
        var trail = http.get("auditor", "/api/v1/audit-trail/wallet:holder:r1");
        assertThat(trail.status()).as(trail.body().toString()).isEqualTo(200);
        var rollforward = http.get("auditor", "/api/v1/reports/deferred-revenue-rollforward?from=2026-01&to=2026-12&liability=credits&customer=holder");
        assertThat(rollforward.body().at("/periods/8/total/escheat").asText()).isEqualTo("100.00");
        assertThat(rollforward.body().at("/periods/8/tiesToGeneralLedger").asBoolean()).isTrue();
        assertThat(http.text("auditor", "/api/v1/accounting-policies?format=md"))
                .contains("0.5 of the expected unredeemed amount").contains("Material rights (ASC 606-10-55-41 to 55-45)")
                .contains("Licences of IP and royalties").contains("Volume discounts");

        JsonNode report = http.getConsistent("auditor", "/api/v1/reports/unclaimed-property?asOf=2027-03-15").body();
        assertThat(http.post("admin", "/api/v1/admin/projections/rebuild", "{}").status()).isEqualTo(202);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!http.get("admin", "/api/v1/admin/projections").text("/lastRebuild/state").equals("DONE")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(http.getConsistent("auditor", "/api/v1/reports/unclaimed-property?asOf=2027-03-15").body()).isEqualTo(report);
    }

    static final String REPORT = """
            {"customerId":"holder","reportId":"de-2026","effectiveDate":"2026-09-30","jurisdiction":"US-DE","dueOn":"2027-03-01"}""";

    static final String LOYALTY = """
            {"contractId":"loyalty-2026","customerId":"shopper","currency":"USD","signedOn":"2026-01-01",
             "termStart":"2026-01-01","termEnd":"2026-12-31","transactionPrice":"100000.00",
             "obligations":[{"obligationId":"goods","kind":"PRODUCT","sspId":"goods","quantity":"1"},
                            {"obligationId":"points","kind":"MATERIAL_RIGHT","sspId":"point","quantity":"10000",
                             "pattern":"PORTFOLIO_REDEMPTION","exerciseLikelihood":"0.95","description":"loyalty points"}],
             "billing":{"schedule":"UPFRONT","settlement":"CASH"}}""";

    static final String VOUCHER = """
            {"contractId":"voucher-2026","customerId":"buyer","currency":"USD","signedOn":"2026-01-01",
             "termStart":"2026-01-01","termEnd":"2026-01-31","transactionPrice":"100.00",
             "obligations":[{"obligationId":"product","kind":"PRODUCT","sspId":"product","quantity":"1"},
                            {"obligationId":"voucher","kind":"MATERIAL_RIGHT","sspId":"voucher","quantity":"1",
                             "exerciseLikelihood":"0.8","expiresOn":"2026-01-31"}],
             "billing":{"schedule":"UPFRONT","settlement":"CASH"}}""";

    private static void ssp(LedgerHttp http, String id, String price) {
        var reply = http.post("accountant", "/api/v1/ssp", "{\"sspId\":\"" + id + "\",\"requestId\":\"" + id + "-v1\","
                + "\"effectiveFrom\":\"2025-01-01\",\"currency\":\"USD\",\"method\":\"OBSERVABLE_PRICE\",\"unit\":\"each\","
                + "\"unitPrice\":\"" + price + "\",\"evidence\":\"price list\",\"evidenceAsOf\":\"2024-12-01\"}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    }

    private static void post(LedgerHttp http, String path, String json) {
        var reply = http.post("accountant", path, json);
        assertThat(reply.status()).as(path + " " + reply.body()).isEqualTo(201);
    }

    private static Map<String, JsonNode> snapshot(LedgerHttp http) {
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        for (String path : new String[]{"/api/v1/contracts/loyalty-2026", "/api/v1/contracts/voucher-2026/allocation",
                "/api/v1/reports/trial-balance?asOf=2027-12-31", "/api/v1/reports/material-rights",
                "/api/v1/reports/deferred-revenue-rollforward?from=2026-01&to=2027-12",
                "/api/v1/reports/contract-balances?asOf=2027-12-31",
                "/api/v1/audit-trail/contract:loyalty-2026:y2"}) {
            JsonNode body = http.getConsistent("auditor", path).body().deepCopy();
            if (body.isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("readPosition");
            }
            reports.put(path, body);
        }
        return reports;
    }
}
