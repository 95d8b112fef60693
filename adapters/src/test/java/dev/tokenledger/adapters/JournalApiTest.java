package dev.tokenledger.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.tokenledger.adapters.LedgerHttp.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal over HTTP against PostgreSQL. Each test books in its own currency, so its trial-balance rows are
 * its own even though the tests share one database schema.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JournalApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, "it_journal_api");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProjectionMonitor monitor;
    LedgerHttp http;

    @BeforeEach
    void setUp() {
        http = new LedgerHttp(rest, monitor);
    }

    @Test
    void postReverseAndReadTrialBalanceGeneralLedgerAndAuditTrail() {
        var posted = http.post("accountant", "/api/v1/journal-entries", entry("usd-1", "2026-03-05", "USD", "5300", "1000", "12.30"));
        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.text("/postingDate")).isEqualTo("2026-03-05");

        var tb = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2026-03-31");
        assertThat(rowsOf(tb.body(), "USD")).containsExactly("1000:0.00:12.30", "5300:12.30:0.00");
        assertThat(tb.body().at("/balanced").asBoolean()).isTrue();

        var reversal = http.post("accountant", "/api/v1/journal-entries/usd-1/reversal",
                "{\"reversalEntryId\":\"usd-1-r\",\"effectiveDate\":\"2026-03-20\",\"reason\":\"booked twice\"}");
        assertThat(reversal.status()).isEqualTo(201);
        var after = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2026-03-31");
        assertThat(rowsOf(after.body(), "USD")).containsExactly("1000:12.30:12.30", "5300:12.30:12.30");
        var beforeReversalDate = http.get("auditor", "/api/v1/reports/trial-balance?asOf=2026-03-19");
        assertThat(rowsOf(beforeReversalDate.body(), "USD")).containsExactly("1000:0.00:12.30", "5300:12.30:0.00");

        var gl = http.get("auditor", "/api/v1/reports/general-ledger?account=5300&currency=USD&period=2026-03");
        assertThat(gl.body().at("/total").asLong()).isEqualTo(2);
        assertThat(gl.body().at("/lines/0/entryId").asText()).isEqualTo("usd-1");
        assertThat(gl.body().at("/lines/0/reversedByEntryId").asText()).isEqualTo("usd-1-r");
        assertThat(gl.body().at("/lines/1/reversesEntryId").asText()).isEqualTo("usd-1");
        assertThat(gl.body().at("/lines/1/side").asText()).isEqualTo("CREDIT");
        assertThat(http.get("auditor", "/api/v1/reports/general-ledger?customer=cust-1&currency=USD").body().at("/total").asLong())
                .isEqualTo(4);

        var trail = http.get("auditor", "/api/v1/audit-trail/usd-1");
        assertThat(trail.status()).isEqualTo(200);
        JsonNode steps = trail.body().at("/steps");
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).at("/eventType").asText()).isEqualTo("ManualEntryPosted");
        assertThat(steps.get(0).at("/commandName").asText()).isEqualTo("PostJournalEntry");
        assertThat(steps.get(0).at("/commandId").asText()).isEqualTo("usd-1");
        assertThat(steps.get(0).at("/principal").asText()).isEqualTo("accountant");
        assertThat(steps.get(0).at("/correlationId").asText()).isNotBlank();
        assertThat(steps.get(0).at("/policyVersion").asText()).isEqualTo("ledger-core/2026-11");
        assertThat(steps.get(0).at("/event/payload/journalEntry/entryId").asText()).isEqualTo("usd-1");
        assertThat(steps.get(0).at("/event/payloadRevision").asText()).isEqualTo("2");
        assertThat(steps.get(0).at("/event/metaData/principal").asText()).isEqualTo("accountant");
        assertThat(steps.get(0).at("/event/payload").toString()).doesNotContain("\"zero\"").doesNotContain("\"positive\"");
        assertThat(steps.get(1).at("/eventType").asText()).isEqualTo("JournalEntryReversed");
        var reversalTrail = http.get("auditor", "/api/v1/audit-trail/usd-1-r");
        assertThat(reversalTrail.body().at("/steps/0/eventType").asText()).isEqualTo("ReversalEntryPosted");
        assertThat(reversalTrail.body().at("/steps/0/commandName").asText()).isEqualTo("ReverseJournalEntry");
    }

    @Test
    void correlationIdFromTheClientReachesTheAuditTrail() {
        var headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        headers.set("X-Correlation-Id", "batch-42");
        var response = rest.withBasicAuth("accountant", "accountant-secret").postForEntity("/api/v1/journal-entries",
                new org.springframework.http.HttpEntity<>(entry("nok-1", "2026-03-05", "NOK", "1000", "3000", "5.00"), headers),
                String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(201);
        var trail = http.getConsistent("auditor", "/api/v1/audit-trail/nok-1");
        assertThat(trail.text("/steps/0/clientCorrelationId")).isEqualTo("batch-42");
        assertThat(trail.text("/steps/0/correlationId")).isNotBlank();
    }

    @Test
    void retriesAreIdempotentAndReusedIdsAreRefused() {
        String body = entry("eur-1", "2026-04-02", "EUR", "1000", "3000", "100.00");
        assertThat(http.post("accountant", "/api/v1/journal-entries", body).status()).isEqualTo(201);
        var retry = http.post("accountant", "/api/v1/journal-entries", body.replace("\"100.00\"", "\"100\""));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().at("/alreadyApplied").asBoolean()).isTrue();
        var reused = http.post("accountant", "/api/v1/journal-entries", entry("eur-1", "2026-04-02", "EUR", "1000", "3000", "101.00"));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.text("/code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(reused.headers().getContentType().toString()).isEqualTo("application/problem+json");

        var tb = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2026-04-30");
        assertThat(rowsOf(tb.body(), "EUR")).containsExactly("1000:100.00:0.00", "3000:0.00:100.00");
    }

    @Test
    void everyRejectionIsProblemJsonNamingTheFieldAndStoresNothing() {
        record Case(String body, int status, String code, String field) {
        }
        List<Case> cases = List.of(
                new Case(entry("gbp-1", "2026-04-02", "GBP", "1000", "3000", "1.001"), 422, "PRECISION_BEYOND_MINOR_UNIT", "lines[0].amount"),
                new Case(entry("gbp-2", "2026-04-02", "GBP", "1000", "3000", "-1.00"), 422, "NON_POSITIVE_AMOUNT", "lines[0].amount"),
                new Case(entry("gbp-3", "2026-04-02", "GBP", "1000", "3000", "0"), 422, "NON_POSITIVE_AMOUNT", "lines[0].amount"),
                new Case(entry("gbp-4", "2026-04-02", "GBP", "1000", "9999", "1.00"), 422, "UNKNOWN_ACCOUNT", "lines[1].account"),
                new Case(entry("gbp-5", "2026-04-02", "GBX", "1000", "3000", "1.00"), 422, "UNKNOWN_CURRENCY", "lines[0].currency"),
                new Case(entry("gbp-6", "2026-04-02", "GBP", "1000", "3000", "1.00").replace("\"test entry\"", "\"\""), 422, "REASON_REQUIRED", "reason"),
                new Case(entry("gbp-7", "2026-04-02", "GBP", "1000", "3000", "1.00").replace("\"CREDIT\",\"amount\":\"1.00\"", "\"CREDIT\",\"amount\":\"0.99\""), 422, "UNBALANCED", "lines"),
                new Case(entry("bad id!", "2026-04-02", "GBP", "1000", "3000", "1.00"), 422, "REQUEST_ID_INVALID", "entryId"),
                new Case(entry("gbp-8", "2026-04-02", "GBP", "1000", "3000", "1.00").replace("\"DEBIT\"", "\"DEBT\""), 400, "MALFORMED_REQUEST", "lines[0].side"),
                new Case(entry("gbp-9", "2026-02-30", "GBP", "1000", "3000", "1.00"), 400, "MALFORMED_REQUEST", "effectiveDate"),
                new Case(entry("gbp-10", "2026-04-02", "GBP", "1000", "3000", "1.00").replace("\"memo\"", "\"colour\""), 400, "MALFORMED_REQUEST", "colour"),
                new Case("{\"entryId\":", 400, "MALFORMED_REQUEST", null),
                new Case(entry("gbp-11", "2026-04-02", "GBP", "1000", "3000", "1.00").replace("\"amount\":\"1.00\"", "\"amount\":\"ten\""), 400, "MALFORMED_REQUEST", "lines[0].amount"));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            var reply = http.post("accountant", "/api/v1/journal-entries", c.body());
            String got = reply.status() + " " + reply.text("/code") + " " + (reply.body().has("field") ? reply.text("/field") : null);
            String want = c.status() + " " + c.code() + " " + c.field();
            if (!got.equals(want)) {
                failures.add("want " + want + " got " + got + " " + reply.body());
            }
        }
        assertThat(failures).isEmpty();
        var tb = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2099-12-31");
        assertThat(rowsOf(tb.body(), "GBP")).isEmpty();
    }

    @Test
    void oversizedRequestsGet413() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            lines.append("{\"account\":\"1000\",\"side\":\"DEBIT\",\"amount\":\"1.00\",\"currency\":\"USD\"},");
        }
        String body = "{\"entryId\":\"big\",\"effectiveDate\":\"2026-01-01\",\"reason\":\"x\",\"lines\":[" + lines + "{}]}";
        var reply = http.post("accountant", "/api/v1/journal-entries", body);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.text("/code")).isEqualTo("REQUEST_TOO_LARGE");
    }

    @Test
    void closedPeriodEntriesPostToTheFirstOpenPeriodFlaggedPriorPeriod() {
        assertThat(http.post("accountant", "/api/v1/periods/2025-01/close", "{\"requestId\":\"close-2025-01\"}").status()).isEqualTo(200);
        assertThat(http.post("accountant", "/api/v1/periods/2025-02/close", "{\"requestId\":\"close-2025-02\"}").status()).isEqualTo(200);
        var again = http.post("accountant", "/api/v1/periods/2025-02/close", "{\"requestId\":\"close-2025-02-b\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("/code")).isEqualTo("PERIOD_ALREADY_CLOSED");

        var late = http.post("accountant", "/api/v1/journal-entries", entry("chf-1", "2025-01-15", "CHF", "5300", "1000", "9.95"));
        assertThat(late.status()).isEqualTo(201);
        assertThat(late.text("/postingDate")).isEqualTo("2025-03-01");
        assertThat(late.body().at("/priorPeriod").asBoolean()).isTrue();

        var janTb = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2025-01-31");
        assertThat(rowsOf(janTb.body(), "CHF")).isEmpty();
        var gl = http.get("auditor", "/api/v1/reports/general-ledger?entryId=chf-1");
        assertThat(gl.body().at("/lines/0/effectiveDate").asText()).isEqualTo("2025-01-15");
        assertThat(gl.body().at("/lines/0/postingDate").asText()).isEqualTo("2025-03-01");
        assertThat(gl.body().at("/lines/0/priorPeriod").asBoolean()).isTrue();

        var noReason = http.post("accountant", "/api/v1/periods/2025-02/reopen", "{\"requestId\":\"reopen-2025-02\",\"reason\":\"\"}");
        assertThat(noReason.text("/code")).isEqualTo("REASON_REQUIRED");
        var reopened = http.post("accountant", "/api/v1/periods/2025-02/reopen",
                "{\"requestId\":\"reopen-2025-02\",\"reason\":\"late vendor invoice\"}");
        assertThat(reopened.status()).isEqualTo(200);
        var intoFeb = http.post("accountant", "/api/v1/journal-entries", entry("chf-2", "2025-01-20", "CHF", "5300", "1000", "1.00"));
        assertThat(intoFeb.text("/postingDate")).isEqualTo("2025-02-01");

        var periods = http.getConsistent("auditor", "/api/v1/periods");
        assertThat(periods.body().toString()).contains("\"period\":\"2025-02\",\"status\":\"OPEN\",\"lastReason\":\"late vendor invoice\"");
        assertThat(http.post("accountant", "/api/v1/periods/2025-13/close", "{\"requestId\":\"x\"}").text("/code"))
                .isEqualTo("INVALID_PERIOD");
    }

    @Test
    void trialBalanceAsKnownAtAnEarlierInstant() throws InterruptedException {
        http.post("accountant", "/api/v1/journal-entries", entry("sek-1", "2026-05-01", "SEK", "1000", "3000", "500.00"));
        http.awaitProjections();
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        http.post("accountant", "/api/v1/journal-entries", entry("sek-2", "2026-05-02", "SEK", "1000", "3000", "250.00"));

        var now = http.getConsistent("auditor", "/api/v1/reports/trial-balance?asOf=2026-05-31");
        assertThat(rowsOf(now.body(), "SEK")).containsExactly("1000:750.00:0.00", "3000:0.00:750.00");
        var then = http.get("auditor", "/api/v1/reports/trial-balance?asOf=2026-05-31&knownAt=" + between);
        assertThat(rowsOf(then.body(), "SEK")).containsExactly("1000:500.00:0.00", "3000:0.00:500.00");
        assertThat(then.body().at("/balanced").asBoolean()).isTrue();
        assertThat(http.get("auditor", "/api/v1/reports/trial-balance?asOf=2026-13-01").status()).isEqualTo(400);
    }

    /**
     * As known at an instant, the trial balance reads hours before the instant's hour, seconds of that hour before its
     * second, and the lines of its own second (V22, V26): entries spread over several seconds, each instant exactly at
     * and just before every entry's recorded time and at every second boundary, counts each entry exactly once.
     */
    @Test
    void trialBalanceAsKnownAtEveryInstantCountsEachEntryOnce() throws InterruptedException {
        int entries = 7;
        List<Instant> recorded = new ArrayList<>();
        for (int i = 1; i <= entries; i++) {
            http.post("accountant", "/api/v1/journal-entries", entry("czk-" + i, "2026-07-0" + i, "CZK", "1000", "3000", i + ".00"));
            recorded.add(Instant.parse(http.getConsistent("auditor", "/api/v1/audit-trail/czk-" + i).text("/steps/0/recordedAt")));
            Thread.sleep(350); // several entries to a second, several seconds in all
        }
        java.util.function.Function<Instant, Long> expectedCents = at -> {
            long cents = 0;
            for (int i = 0; i < entries; i++) {
                cents += recorded.get(i).isAfter(at) ? 0 : (i + 1) * 100L;
            }
            return cents;
        };
        java.util.Set<Instant> instants = new java.util.TreeSet<>();
        for (Instant r : recorded) {
            instants.add(r);
            instants.add(r.minusNanos(1_000));
            instants.add(java.time.Instant.ofEpochSecond(r.getEpochSecond()));
            instants.add(java.time.Instant.ofEpochSecond(r.getEpochSecond()).minusNanos(1_000));
            instants.add(java.time.Instant.ofEpochSecond(r.getEpochSecond() + 1));
        }
        for (Instant at : instants) {
            var tb = http.get("auditor", "/api/v1/reports/trial-balance?asOf=2026-07-31&knownAt=" + at);
            long cents = expectedCents.apply(at);
            String amount = java.math.BigDecimal.valueOf(cents, 2).toPlainString();
            assertThat(rowsOf(tb.body(), "CZK")).as("known at %s", at)
                    .isEqualTo(cents == 0 ? List.of() : List.of("1000:" + amount + ":0.00", "3000:0.00:" + amount));
        }
        assertThat(recorded.get(entries - 1).getEpochSecond()).isGreaterThan(recorded.get(0).getEpochSecond());

        // an instant an ISO string can name but the ledger's time types cannot hold is refused on its parameter
        for (String far : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2200-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z")) {
            for (String path : List.of("/api/v1/reports/trial-balance?asOf=2026-07-31&knownAt=",
                    "/api/v1/reports/income-statement?from=2026-01-01&to=2026-07-31&knownAt=",
                    "/api/v1/metrics/run-rate?asOf=2026-07-31&knownAt=")) {
                var refused = http.get("auditor", path + far);
                assertThat(refused.status()).as(path + far).isEqualTo(400);
                assertThat(refused.text("/field")).as(path + far).isEqualTo("knownAt");
            }
        }
        assertThat(http.get("auditor", "/api/v1/reports/trial-balance?asOf=2026-07-31&knownAt=2199-12-31T23:59:59.999Z")
                .status()).isEqualTo(200);
    }

    @Test
    void rolesDecideWhoMayWrite() {
        String body = entry("dkk-1", "2026-05-01", "DKK", "1000", "3000", "1.00");
        var auditor = http.post("auditor", "/api/v1/journal-entries", body);
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(auditor.text("/code")).isEqualTo("FORBIDDEN");
        assertThat(http.post("auditor", "/api/v1/periods/2024-01/close", "{\"requestId\":\"a\"}").status()).isEqualTo(403);
        assertThat(http.post("auditor", "/api/v1/admin/projections/rebuild", "{}").status()).isEqualTo(403);
        assertThat(http.post("ingest", "/api/v1/journal-entries", body).status()).isEqualTo(403);
        assertThat(http.get("ingest", "/api/v1/reports/trial-balance?asOf=2026-01-01").status()).isEqualTo(403);
        assertThat(http.post("accountant", "/api/v1/admin/projections/rebuild", "{}").status()).isEqualTo(403);
        assertThat(http.get(null, "/api/v1/accounts").status()).isEqualTo(401);
        assertThat(rest.withBasicAuth("auditor", "wrong").getForEntity("/api/v1/accounts", String.class).getStatusCode().value())
                .isEqualTo(401);
        assertThat(http.get(null, "/actuator/health").status()).isEqualTo(200);
        assertThat(http.get("auditor", "/api/v1/accounts").body().at("/accounts").size()).isEqualTo(dev.tokenledger.chart.ChartLoader.defaultChart().accounts().size());
        assertThat(http.get("auditor", "/v3/api-docs").body().at("/paths").has("/api/v1/journal-entries")).isTrue();
        assertThat(http.post("admin", "/api/v1/journal-entries", body).status()).isEqualTo(201);
        var trail = http.getConsistent("auditor", "/api/v1/audit-trail/dkk-1");
        assertThat(trail.text("/steps/0/principal")).isEqualTo("admin");
        assertThat(http.get("auditor", "/api/v1/audit-trail/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void reversalRejections() {
        http.post("accountant", "/api/v1/journal-entries", entry("pln-1", "2026-06-01", "PLN", "1000", "3000", "3.00"));
        String reverse = "{\"reversalEntryId\":\"pln-1-r\",\"effectiveDate\":\"2026-06-02\",\"reason\":\"typo\"}";
        assertThat(http.post("accountant", "/api/v1/journal-entries/pln-1/reversal", reverse).status()).isEqualTo(201);
        assertThat(http.post("accountant", "/api/v1/journal-entries/pln-1/reversal", reverse).status()).isEqualTo(200);
        assertThat(http.post("accountant", "/api/v1/journal-entries/pln-1/reversal", reverse.replace("pln-1-r", "pln-1-r2")).text("/code"))
                .isEqualTo("ALREADY_REVERSED");
        assertThat(http.post("accountant", "/api/v1/journal-entries/pln-1-r/reversal", reverse.replace("pln-1-r", "pln-1-rr")).text("/code"))
                .isEqualTo("REVERSAL_CANNOT_BE_REVERSED");
        assertThat(http.post("accountant", "/api/v1/journal-entries/missing/reversal", reverse).status()).isEqualTo(404);
        http.post("accountant", "/api/v1/journal-entries", entry("pln-2", "2026-06-01", "PLN", "1000", "3000", "3.00"));
        assertThat(http.post("accountant", "/api/v1/journal-entries/pln-2/reversal", reverse.replace("pln-1-r", "pln-1")).text("/code"))
                .isEqualTo("ENTRY_ID_IN_USE");
    }

    @Test
    void entriesRacingAPeriodCloseEitherCommitBeforeItOrAreRoutedPastIt() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        List<java.util.concurrent.Future<LedgerHttp.Reply>> posts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String body = entry("race-" + i, "2024-06-15", "AUD", "1000", "3000", "1.00");
            posts.add(pool.submit(() -> http.post("accountant", "/api/v1/journal-entries", body)));
            if (i == 25) {
                posts.add(pool.submit(() -> http.post("accountant", "/api/v1/periods/2024-06/close", "{\"requestId\":\"close-race\"}")));
            }
        }
        int routed = 0;
        for (var post : posts) {
            var reply = post.get();
            assertThat(reply.status()).as(reply.body().toString()).isIn(200, 201);
            if (reply.body().at("/priorPeriod").asBoolean()) {
                routed++;
            }
        }
        pool.shutdown();
        // the close is an event with a position; every entry booked in June was stored before it, every later one moved
        http.awaitProjections();
        long closedAt = http.get("auditor", "/api/v1/audit-trail/period:2024-06").body().at("/steps/0/globalIndex").asLong();
        var gl = http.get("auditor", "/api/v1/reports/general-ledger?currency=AUD&account=1000&limit=5000").body();
        int inJune = 0;
        for (JsonNode line : gl.at("/lines")) {
            if (!line.at("/entryId").asText().startsWith("race-")) {
                continue;
            }
            var trail = http.get("auditor", "/api/v1/audit-trail/" + line.at("/entryId").asText()).body();
            long position = trail.at("/steps/0/globalIndex").asLong();
            if (line.at("/postingDate").asText().startsWith("2024-06")) {
                inJune++;
                assertThat(position).as("entry booked in June after the close").isLessThan(closedAt);
            } else {
                assertThat(line.at("/postingDate").asText()).isEqualTo("2024-07-01");
                assertThat(position).isGreaterThan(closedAt);
            }
        }
        assertThat(inJune + routed).isEqualTo(60);
        assertThat(inJune).as("some entries committed before the close").isPositive();
        assertThat(routed).as("some entries arrived after the close").isPositive();
    }

    @Test
    void anIndependentEngineRecomputesTheSameTrialBalanceFromTheExport() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(LedgerCli.installed(), "ledger-cli is not installed (apt-get install ledger)");
        http.post("accountant", "/api/v1/journal-entries", """
                {"entryId":"multi-1","effectiveDate":"2026-07-01","memo":"split: three lines; two currencies","reason":"x","lines":[
                 {"account":"1100","side":"DEBIT","amount":"100.00","currency":"CAD","dimensions":{"customer":"a","model":"m:1"}},
                 {"account":"2300","side":"CREDIT","amount":"60.00","currency":"CAD"},
                 {"account":"2310","side":"CREDIT","amount":"40.00","currency":"CAD"},
                 {"account":"1000","side":"DEBIT","amount":"700","currency":"JPY"},
                 {"account":"4000","side":"CREDIT","amount":"700","currency":"JPY"}]}""");
        http.awaitProjections();
        var export = rest.withBasicAuth("auditor", "auditor-secret")
                .getForEntity("/api/v1/exports/ledger-journal?asOf=2099-12-31", String.class);
        assertThat(export.getStatusCode().value()).isEqualTo(200);
        var tb = http.get("auditor", "/api/v1/reports/trial-balance?asOf=2099-12-31").body();
        java.util.Map<String, java.math.BigDecimal> ours = new java.util.TreeMap<>();
        for (JsonNode row : tb.at("/rows")) {
            var net = new java.math.BigDecimal(row.at("/debits").asText()).subtract(new java.math.BigDecimal(row.at("/credits").asText()));
            if (net.signum() != 0) {
                ours.put(row.at("/accountCode").asText() + " " + row.at("/currency").asText(), net);
            }
        }
        var theirs = LedgerCli.balances(export.getBody());
        assertThat(theirs.keySet()).isEqualTo(ours.keySet());
        theirs.forEach((key, value) -> assertThat(value).as(key).isEqualByComparingTo(ours.get(key)));
        assertThat(ours).containsKey("1100 CAD");
    }

    /** "account:debits:credits" for each trial-balance row in one currency. */
    static List<String> rowsOf(JsonNode trialBalance, String currency) {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : trialBalance.at("/rows")) {
            if (row.at("/currency").asText().equals(currency)) {
                rows.add(row.at("/accountCode").asText() + ":" + row.at("/debits").asText() + ":" + row.at("/credits").asText());
            }
        }
        return rows;
    }
}
