package dev.tokenledger.adapters;

import dev.tokenledger.adapters.projections.ProjectionMonitor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Generated ledgers (README "Exports"): random balanced entries in three currencies (JPY without decimals), over
 * awkward customer names, on accounts of every type. ledger-cli (--pedantic), hledger (-s check) and beancount
 * (bean-check) accept the exports, and their balances equal the ledger's, account by account and by account and
 * customer, to the cent.
 */
class PlainTextExportsProperties {

    static ConfigurableApplicationContext app;
    static LedgerHttp http;
    static final List<String> CUSTOMERS = List.of("acme", "ACME, Inc.", "o'brien", "semi;colon", "quote\\\"d",
            "ümlaut GmbH", "colon:name", "spaces  twice", "x".repeat(128));
    static final List<String> ACCOUNTS = List.of("1000", "1100", "1150", "1160", "2000", "2100", "2300", "2310", "2400",
            "2500", "3000", "4000", "4100", "4110", "4200", "4300", "4400", "4500", "5000", "5100", "5200", "5300");
    static final List<String> CURRENCIES = List.of("USD", "EUR", "JPY");
    static int entries;

    @BeforeContainer
    static void start() {
        app = PostgresSchema.startLedger("it_plaintext");
        http = new LedgerHttp(new TestRestTemplate(new RestTemplateBuilder()
                .rootUri("http://localhost:" + app.getEnvironment().getProperty("local.server.port"))), app.getBean(ProjectionMonitor.class));
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Property(tries = 3)
    void theEnginesAgreeWithTheLedgerToTheCent(@ForAll long seed) throws Exception {
        assumeTrue(PlainTextExports.installed("ledger") && PlainTextExports.installed("hledger")
                && PlainTextExports.installed("bean-check"), "ledger, hledger and beancount are needed (.ci/run installs them)");
        Random random = new Random(seed);
        int count = 10 + random.nextInt(30);
        for (int i = 0; i < count; i++) {
            String currency = CURRENCIES.get(random.nextInt(3));
            int scale = currency.equals("JPY") ? 0 : 2;
            String amount = BigDecimal.valueOf(1 + random.nextInt(9_999_999), scale).toPlainString();
            String debit = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
            String credit = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
            String customer = random.nextInt(4) == 0 ? null : CUSTOMERS.get(random.nextInt(CUSTOMERS.size()));
            String dims = customer == null ? "{}" : "{\"customer\":\"" + customer + "\",\"model\":\"m:1\"}";
            String date = "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
            var posted = http.post("accountant", "/api/v1/journal-entries", ("{\"entryId\":\"gen-%d\",\"effectiveDate\":\"%s\","
                    + "\"memo\":\"generated; with \\\"quotes\\\", commas | pipes\",\"reason\":\"test, reason\",\"lines\":["
                    + "{\"account\":\"%s\",\"side\":\"DEBIT\",\"amount\":\"%s\",\"currency\":\"%s\",\"dimensions\":%s},"
                    + "{\"account\":\"%s\",\"side\":\"CREDIT\",\"amount\":\"%s\",\"currency\":\"%s\",\"dimensions\":%s}]}")
                    .formatted(++entries, date, debit, amount, currency, dims, credit, amount, currency, dims));
            assertThat(posted.status()).as(posted.body().toString()).isEqualTo(201);
        }
        http.awaitProjections();
        if (entries % 2 == 0) {
            var reversal = http.post("accountant", "/api/v1/journal-entries/gen-1/reversal",
                    "{\"reversalEntryId\":\"gen-1-r\",\"effectiveDate\":\"2026-10-01\",\"reason\":\"reversed\"}");
            assertThat(reversal.status()).isIn(201, 200, 409);
            http.awaitProjections();
        }
        check(http, CURRENCIES);
    }

    /** Every balance equal by value; a difference names only the balances that differ. */
    static void same(String tool, Map<String, BigDecimal> theirs, Map<String, BigDecimal> ours) {
        Map<String, BigDecimal> a = PlainTextExports.byValue(theirs);
        Map<String, BigDecimal> b = PlainTextExports.byValue(ours);
        java.util.List<String> differences = new java.util.ArrayList<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            if (!java.util.Objects.equals(a.get(key), b.get(key))) {
                differences.add(key + ": " + tool + " " + a.get(key) + ", ledger " + b.get(key));
            }
        }
        assertThat(differences).as(tool + " against the ledger (" + keys.size() + " balances)").isEmpty();
    }

    /** Exports through the API, runs every engine in strict mode, and compares every balance. */
    static void check(LedgerHttp http, List<String> currencies) throws Exception {
        com.fasterxml.jackson.databind.node.ArrayNode balances = LedgerHttp.JSON.createArrayNode();
        for (int offset = 0; ; offset += 5_000) {
            var page = http.getConsistent("auditor", "/api/v1/reports/account-balances?limit=5000&offset=" + offset).body();
            balances.addAll((com.fasterxml.jackson.databind.node.ArrayNode) page);
            if (page.size() < 5_000) {
                break;
            }
        }
        Map<String, BigDecimal> ours = PlainTextExports.ours(balances);
        Map<String, BigDecimal> oursForLedger = PlainTextExports.ours(balances, "commas");
        Path journal = PlainTextExports.save(http.text("auditor", "/api/v1/exports/ledger-journal?asOf=2199-12-31"), ".journal");
        Path beancount = PlainTextExports.save(http.text("auditor", "/api/v1/exports/beancount?asOf=2199-12-31"), ".beancount");
        try {
            same("ledger", PlainTextExports.ledger(journal, currencies), oursForLedger);
            same("hledger", PlainTextExports.hledger(journal, currencies), PlainTextExports.totals(ours));
            same("beancount", PlainTextExports.beancount(beancount), ours);
            // the entry ids are kept: the code of every transaction opens its audit trail
            String first = Files.readAllLines(journal).stream().filter(l -> l.matches("\\d{4}-\\d{2}-\\d{2} \\* \\(.*"))
                    .findFirst().orElseThrow();
            String code = first.substring(first.indexOf('(') + 1, first.indexOf(')'));
            assertThat(http.get("auditor", "/api/v1/audit-trail/" + code).status()).isEqualTo(200);
        } finally {
            Files.deleteIfExists(journal);
            Files.deleteIfExists(beancount);
        }
    }
}
