package dev.tokenledger.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The door and the read side agree about what is valid (issue "never stuck"): every write endpoint gets thousands of
 * generated requests whose fields sit at and beyond every bound (huge and tiny numbers, exponents that would take
 * the heap, control characters, unpaired surrogates, far dates, numbers for dates, integers for enums, wrong types,
 * nulls, oversized lists). Each answer is either accepted, or refused with a 4xx problem+json that names the field
 * and no Java type; never a 5xx. After each endpoint's run the projections have stored everything that was
 * accepted: they caught up, nothing failed, the read side is complete and balanced.
 */
class HostileInputProperties {

    private static ConfigurableApplicationContext app;
    private static HttpClient http;
    private static String base;
    private static final AtomicInteger ids = new AtomicInteger();
    private static final Map<String, long[]> tally = new LinkedHashMap<>();
    private static final AtomicLong requests = new AtomicLong();
    private static final Pattern JAVA_NAMES = Pattern.compile(
            "java\\.|javax\\.|\\.java\\b|Exception|dev\\.tokenledger|com\\.fasterxml|org\\.spring|BigDecimal|LocalDate|Instant\\b|SQL");

    // --- values: JSON texts, valid and hostile ----------------------------------------------------------------

    static final List<String> HOSTILE_ID = List.of("\"\"", "\"" + "a".repeat(81) + "\"", "\"a:b\"", "\"x\\u0000\"",
            "\"\\u0000\"", "\"tab\\there\"", "\"ü-umlaut\"", "\"\\ud83d\\ude00\"", "\"" + "b".repeat(5000) + "\"", "123",
            "null", "{}", "[]", "true", "\"-leading\"", "\" spaced \"");
    static final List<String> HOSTILE_TEXT = List.of("\"\"", "\"" + "m".repeat(1000) + "\"", "\"" + "m".repeat(1001) + "\"",
            "\"nul\\u0000inside\"", "\"line\\nbreak\"", "\"\\ud800 lone surrogate\"", "\"\\udc00\"", "\"emoji \\ud83d\\ude00 ok\"",
            "123", "null", "[\"a\"]", "{\"a\":1}", "\"" + "z".repeat(20000) + "\"");
    static final List<String> HOSTILE_DATE = List.of("\"0000-01-01\"", "\"-0001-01-01\"", "\"+99999-01-01\"",
            "\"99999-01-01\"", "\"10000-01-01\"", "\"1969-12-31\"", "\"1970-01-01\"", "\"2199-12-31\"", "\"2200-01-01\"",
            "20000", "0", "-1", "\"2026-02-30\"", "\"2026-13-01\"", "\"\"", "null", "[2026,1,1]", "\"2026-03-05T10:00:00Z\"",
            "\"05/03/2026\"", "1e999999999");
    static final List<String> HOSTILE_AMOUNT = List.of("\"0\"", "\"-1\"", "\"0.001\"", "\"1e999999999\"", "1e999999999",
            "\"1e-400\"", "1e-400", "1E+2147483647", "-1e999999999", "\"999999999999.99\"", "\"1000000000000\"",
            "\"92233720368547758.07\"", "92233720368547758.07", "\"abc\"", "\"\"", "null", "true", "{}", "[1]",
            "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"" + "9".repeat(101) + "\"", "9".repeat(120), "0.1",
            "\"1,000.00\"", "\" 12.30 \"", "\"0x10\"", "1.0000000000000000000000000000000000000000001");
    static final List<String> HOSTILE_CREDITS = List.of("\"0\"", "\"-5\"", "\"1e-400\"", "1e-400", "\"0.000000000000000001\"",
            "\"0.0000000000000000001\"", "\"1e308\"", "1e308", "1e999999999", "\"1000000000000000\"",
            "\"1000000000000001\"", "\"1e15\"", "null", "\"x\"", "[]", "1.5e-7");
    static final List<String> HOSTILE_RATE = List.of("\"0\"", "\"1\"", "\"1.0000001\"", "\"-0.1\"", "\"0.123456789\"",
            "\"0.12345678\"", "1e999999999", "null", "\"x\"", "2");
    static final List<String> HOSTILE_INT = List.of("0", "-1", "1", "86400", "86401", "2147483647", "2147483648",
            "9223372036854775808", "1.5", "\"5\"", "null", "1e3", "[]", "36500", "36501");
    static final List<String> HOSTILE_CURRENCY = List.of("\"usd\"", "\"XXX\"", "\"XAU\"", "\"\"", "\"US\"", "\"USDD\"",
            "null", "1", "\"EUR\"", "\"JPY\"", "\"KWD\"", "\"\\u0000SD\"");
    static final List<String> HOSTILE_ENUM = List.of("0", "1", "\"debit\"", "\"XYZ\"", "null", "\"\"", "[]", "true");
    static final List<String> HOSTILE_INSTANT = List.of("\"2026-03-05T10:00:00\"", "\"+10000-01-01T00:00:00Z\"",
            "\"0000-01-01T00:00:00Z\"", "1700000000", "\"2026-03-05\"", "\"\"", "null", "\"2026-03-05T10:00:00+25:00\"");
    static final List<String> HOSTILE_PATH = List.of("", "a".repeat(81), "a:b", "%00", "a%00b", "%C3%BC", "a%2Fb",
            "x".repeat(3000), "%E2%80%8B", "..", "a%0Ab");

    static String str(String s) {
        return "\"" + s + "\"";
    }

    static String freshId(String prefix) {
        return prefix + "-" + ids.incrementAndGet();
    }

    // --- set-up -------------------------------------------------------------------------------------------

    @BeforeContainer
    static void start() throws Exception {
        app = PostgresSchema.startLedger("it_hostile", "--ledger.rate-limit.ingest-requests-per-second=0");
        base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        // a program, a wallet with a pool, cards, so that valid requests of every kind can succeed
        must(post("admin", "/api/v1/credit-programs", "{\"programId\":\"std\",\"requestId\":\"std-v1\",\"effectiveFrom\":"
                + "\"1970-01-01\",\"currency\":\"USD\",\"valuePerCredit\":\"0.01\",\"expiry\":{\"kind\":\"NEVER\"},"
                + "\"breakagePolicy\":\"PROPORTIONAL\",\"expectedRedemptionRate\":\"0.9\",\"refundsAllowed\":true}"));
        must(post("admin", "/api/v1/customers/acme/credit-purchases", "{\"purchaseId\":\"seed\",\"programId\":\"std\","
                + "\"effectiveDate\":\"2026-01-01\",\"price\":\"900000000000\",\"currency\":\"USD\",\"credits\":\"1000000000000000\"}"));
        must(post("admin", "/api/v1/customers/acme/credit-purchases", "{\"purchaseId\":\"invoiced\",\"programId\":\"std\","
                + "\"effectiveDate\":\"2026-01-01\",\"price\":\"900000000000\",\"currency\":\"USD\",\"credits\":\"1000\","
                + "\"settlement\":\"INVOICED\"}"));
        must(post("admin", "/api/v1/rate-cards", "{\"cardId\":\"list\",\"version\":1,\"effectiveFrom\":\"1970-01-01\","
                + "\"currency\":\"USD\",\"prices\":[{\"model\":\"m1\",\"unit\":\"input_tokens\",\"tiers\":[{\"unitPrice\":\"0.000002\"}]},"
                + "{\"model\":\"m1\",\"unit\":\"output_tokens\",\"tiers\":[{\"unitPrice\":\"1000000\"}]}]}"));
        for (String ssp : List.of("{\"sspId\":\"plat\",\"unitPrice\":\"1000\",\"method\":\"OBSERVABLE_PRICE\"",
                "{\"sspId\":\"cred\",\"unitPrice\":\"0.01\",\"method\":\"OBSERVABLE_PRICE\"",
                "{\"sspId\":\"resid\",\"rangeLow\":\"0\",\"rangeHigh\":\"999999999999\",\"method\":\"RESIDUAL\"")) {
            must(post("admin", "/api/v1/ssp", ssp + ",\"requestId\":\"v1\",\"effectiveFrom\":\"1970-01-01\","
                    + "\"currency\":\"USD\",\"unit\":\"month\",\"evidence\":\"seed\",\"evidenceAsOf\":\"1970-01-01\"}"));
        }
        must(post("admin", "/api/v1/cost-cards", "{\"cardId\":\"gpu\",\"version\":1,\"effectiveFrom\":\"1970-01-01\","
                + "\"currency\":\"USD\",\"provider\":\"own\",\"role\":\"COMPUTE\",\"costs\":[{\"model\":\"m1\",\"unit\":"
                + "\"input_tokens\",\"unitCost\":\"0.000001\"},{\"model\":\"m1\",\"unit\":\"output_tokens\",\"unitCost\":\"1\"}]}"));
    }

    @AfterContainer
    static void stop() {
        System.out.println("[hostile] " + requests.get() + " requests; per endpoint {accepted, refused 4xx, 503}: "
                + tally.entrySet().stream().map(e -> e.getKey() + "=" + java.util.Arrays.toString(e.getValue())).toList());
        if (app != null) {
            app.close();
        }
    }

    /** Everything accepted so far is in the read models: caught up, nothing failing, complete and balanced. */
    @AfterProperty
    void everythingAcceptedWasProjected() throws Exception {
        app.getBean(ProjectionMonitor.class).awaitCaughtUp(Duration.ofSeconds(120));
        Reply health = get("admin", "/actuator/health");
        assertThat(health.json().at("/status").asText()).as(health.body()).isEqualTo("UP");
        Reply tb = get("auditor", "/api/v1/reports/trial-balance?asOf=2199-12-31");
        assertThat(tb.status()).isEqualTo(200);
        assertThat(tb.json().at("/readPosition/complete").asBoolean()).as(tb.body()).isTrue();
        assertThat(tb.json().at("/balanced").asBoolean()).as(tb.body()).isTrue();
    }

    // --- one property per write endpoint ------------------------------------------------------------------

    /** A generated request: which fields get which JSON value (the rest stay valid). */
    record Pick(Map<String, String> values) {
        String get(String field, String valid) {
            return values.getOrDefault(field, valid);
        }
    }

    static Arbitrary<Pick> picks(Map<String, List<String>> hostile) {
        List<String> fields = new ArrayList<>(hostile.keySet());
        Arbitrary<Map.Entry<String, String>> one = Arbitraries.of(fields)
                .flatMap(f -> Arbitraries.of(hostile.get(f)).map(v -> Map.entry(f, v)));
        return one.list().ofMinSize(0).ofMaxSize(3).map(list -> {
            Map<String, String> values = new LinkedHashMap<>();
            list.forEach(e -> values.put(e.getKey(), e.getValue()));
            return new Pick(values);
        });
    }

    @Provide
    Arbitrary<Pick> journalEntries() {
        return picks(Map.of("entryId", HOSTILE_ID, "effectiveDate", HOSTILE_DATE, "memo", HOSTILE_TEXT,
                "reason", HOSTILE_TEXT, "amount", HOSTILE_AMOUNT, "currency", HOSTILE_CURRENCY, "side", HOSTILE_ENUM,
                "account", List.of("\"9999\"", "\"\"", "null", "1000", "\"1000\\u0000\""),
                "customer", List.of("\"" + "c".repeat(128) + "\"", "\"" + "c".repeat(129) + "\"", "\"\\u0000\"", "\"\\ud800\"", "\"\"", "12"),
                "lines", List.of("[]", "null", "[null]", "[null, null]", "{}", "\"lines\"", manyLines(501), manyLines(500))));
    }

    @Property(tries = 400)
    void journalEntries(@ForAll("journalEntries") Pick p) throws Exception {
        String amount = p.get("amount", "\"12.30\"");
        String line = "{\"account\":%s,\"side\":%s,\"amount\":%s,\"currency\":%s,\"dimensions\":{\"customer\":%s}}";
        String lines = p.values().containsKey("lines") ? p.get("lines", null) : "[" + line.formatted(p.get("account", "\"5300\""),
                p.get("side", "\"DEBIT\""), amount, p.get("currency", "\"USD\""), p.get("customer", "\"acme\"")) + ","
                + line.formatted("\"1000\"", "\"CREDIT\"", amount, p.get("currency", "\"USD\""), "\"acme\"") + "]";
        String body = "{\"entryId\":%s,\"effectiveDate\":%s,\"memo\":%s,\"reason\":%s,\"lines\":%s}".formatted(
                p.get("entryId", str(freshId("je"))), p.get("effectiveDate", "\"2026-03-05\""), p.get("memo", "\"Bank charges\""),
                p.get("reason", "\"statement\""), lines);
        check("journal-entries", post("accountant", "/api/v1/journal-entries", body));
    }

    static String manyLines(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"account\":\"").append(i % 2 == 0 ? "5300" : "1000")
                    .append("\",\"side\":\"").append(i % 2 == 0 ? "DEBIT" : "CREDIT").append("\",\"amount\":\"999999999999.99\",\"currency\":\"USD\"}");
        }
        return b.append("]").toString();
    }

    @Provide
    Arbitrary<Pick> reversals() {
        return picks(Map.of("path", HOSTILE_PATH, "reversalEntryId", HOSTILE_ID, "effectiveDate", HOSTILE_DATE, "reason", HOSTILE_TEXT));
    }

    @Property(tries = 200)
    void reversals(@ForAll("reversals") Pick p) throws Exception {
        String original = freshId("rev-src");
        must(post("accountant", "/api/v1/journal-entries", ("{\"entryId\":\"%s\",\"effectiveDate\":\"2026-03-01\",\"reason\":\"r\","
                + "\"lines\":[{\"account\":\"5300\",\"side\":\"DEBIT\",\"amount\":\"1\",\"currency\":\"USD\"},"
                + "{\"account\":\"1000\",\"side\":\"CREDIT\",\"amount\":\"1\",\"currency\":\"USD\"}]}").formatted(original)));
        String target = p.values().containsKey("path") ? p.get("path", null) : (ids.get() % 7 == 0 ? "wallet:acme:seed" : original);
        String body = "{\"reversalEntryId\":%s,\"effectiveDate\":%s,\"reason\":%s}".formatted(
                p.get("reversalEntryId", str(freshId("rev"))), p.get("effectiveDate", "\"2026-03-02\""), p.get("reason", "\"twice\""));
        check("reversal", post("accountant", "/api/v1/journal-entries/" + path(target) + "/reversal", body));
    }

    @Provide
    Arbitrary<Pick> periods() {
        return picks(Map.of("period", List.of("2026-13", "0000-01", "99999-01", "1969-12", "2200-01", "2026-1", "x", "%00"),
                "requestId", HOSTILE_ID, "reason", HOSTILE_TEXT, "action", List.of("close", "reopen")));
    }

    @Property(tries = 150)
    void periods(@ForAll("periods") Pick p) throws Exception {
        String period = p.get("period", "2030-0" + (1 + ids.get() % 9));
        String action = p.get("action", ids.get() % 2 == 0 ? "close" : "reopen");
        String body = action.equals("close") && !p.values().containsKey("reason")
                ? "{\"requestId\":%s}".formatted(p.get("requestId", str(freshId("per"))))
                : "{\"requestId\":%s,\"reason\":%s}".formatted(p.get("requestId", str(freshId("per"))), p.get("reason", "\"late invoice\""));
        check("periods", post("accountant", "/api/v1/periods/" + period + "/" + action, body));
    }

    @Provide
    Arbitrary<Pick> programs() {
        return picks(Map.of("programId", HOSTILE_ID, "effectiveFrom", HOSTILE_DATE, "currency", HOSTILE_CURRENCY,
                "valuePerCredit", HOSTILE_AMOUNT, "days", HOSTILE_INT, "breakagePolicy", HOSTILE_ENUM,
                "expectedRedemptionRate", HOSTILE_RATE, "escheatShare", HOSTILE_RATE, "dormancyDays", HOSTILE_INT,
                "kind", List.of("\"FIXED_DATE\"", "\"NEVER\"", "3", "\"never\"", "null")));
    }

    @Property(tries = 300)
    void creditPrograms(@ForAll("programs") Pick p) throws Exception {
        String body = ("{\"programId\":%s,\"requestId\":\"%s\",\"effectiveFrom\":%s,\"currency\":%s,\"valuePerCredit\":%s,"
                + "\"expiry\":{\"kind\":%s,\"days\":%s},\"breakagePolicy\":%s,\"expectedRedemptionRate\":%s,\"escheatShare\":%s,"
                + "\"refundsAllowed\":true,\"dormancyDays\":%s}").formatted(p.get("programId", str(freshId("prog"))),
                freshId("prog-req"), p.get("effectiveFrom", "\"2026-01-01\""), p.get("currency", "\"USD\""),
                p.get("valuePerCredit", "\"0.01\""), p.get("kind", "\"DAYS_AFTER_PURCHASE\""), p.get("days", "365"),
                p.get("breakagePolicy", "\"REMOTE\""), p.get("expectedRedemptionRate", "null"), p.get("escheatShare", "\"0.05\""),
                p.get("dormancyDays", "null"));
        check("credit-programs", post("admin", "/api/v1/credit-programs", body));
    }

    @Provide
    Arbitrary<Pick> purchases() {
        return picks(Map.of("customer", HOSTILE_PATH, "purchaseId", HOSTILE_ID, "effectiveDate", HOSTILE_DATE,
                "price", HOSTILE_AMOUNT, "currency", HOSTILE_CURRENCY, "credits", HOSTILE_CREDITS,
                "bonusCredits", HOSTILE_CREDITS, "settlement", HOSTILE_ENUM, "expiresOn", HOSTILE_DATE,
                "programId", HOSTILE_ID));
    }

    @Property(tries = 400)
    void creditPurchases(@ForAll("purchases") Pick p) throws Exception {
        String customer = p.values().containsKey("customer") ? p.get("customer", null) : "cust-" + (ids.get() % 50);
        String body = ("{\"purchaseId\":%s,\"programId\":%s,\"effectiveDate\":%s,\"price\":%s,\"currency\":%s,\"credits\":%s,"
                + "\"bonusCredits\":%s,\"settlement\":%s,\"expiresOn\":%s}").formatted(p.get("purchaseId", str(freshId("pur"))),
                p.get("programId", "\"std\""), p.get("effectiveDate", "\"2026-02-01\""), p.get("price", "\"100.00\""),
                p.get("currency", "\"USD\""), p.get("credits", "\"10000\""), p.get("bonusCredits", "\"500\""),
                p.get("settlement", "\"INVOICED\""), p.get("expiresOn", "null"));
        check("credit-purchases", post("ingest", "/api/v1/customers/" + path(customer) + "/credit-purchases", body));
    }

    @Provide
    Arbitrary<Pick> walletRequests() {
        return picks(Map.of("requestId", HOSTILE_ID, "effectiveDate", HOSTILE_DATE, "credits", HOSTILE_CREDITS,
                "value", HOSTILE_AMOUNT, "amount", HOSTILE_AMOUNT, "occurredAt", HOSTILE_INSTANT,
                "usageReference", HOSTILE_TEXT, "ttlSeconds", HOSTILE_INT, "payout", HOSTILE_ENUM,
                "kind", List.of("\"draw\"", "\"grant\"", "\"hold\"", "\"refund\"", "\"invoice\"", "\"payment\"", "\"estimate\"",
                        "\"expiry\"", "\"dormancy\"", "\"capture\"")));
    }

    @Property(tries = 800)
    void walletRequests(@ForAll("walletRequests") Pick p) throws Exception {
        String kind = p.get("kind", List.of("\"draw\"", "\"grant\"", "\"hold\"", "\"refund\"", "\"invoice\"", "\"payment\"",
                "\"estimate\"").get(ids.get() % 7)).replace("\"", "");
        String id = p.get("requestId", str(freshId(kind)));
        String date = p.get("effectiveDate", "\"2026-03-01\"");
        String customer = "acme";
        Reply reply = switch (kind) {
            case "draw" -> post("ingest", "/api/v1/customers/" + customer + "/usage-draws", ("{\"drawId\":%s,\"effectiveDate\":%s,"
                    + "\"occurredAt\":%s,\"credits\":%s,\"value\":%s,\"usageReference\":%s}").formatted(id, date,
                    p.get("occurredAt", "null"), p.get("credits", "\"100\""), p.get("value", "null"), p.get("usageReference", "\"req-1\"")));
            case "grant" -> post("ingest", "/api/v1/customers/" + customer + "/credit-grants", ("{\"grantId\":%s,\"programId\":\"std\","
                    + "\"effectiveDate\":%s,\"credits\":%s}").formatted(id, date, p.get("credits", "\"100\"")));
            case "hold" -> post("ingest", "/api/v1/customers/" + customer + "/holds", "{\"holdId\":%s,\"credits\":%s,\"value\":%s,\"ttlSeconds\":%s}"
                    .formatted(id, p.get("credits", "\"10\""), p.get("value", "null"), p.get("ttlSeconds", "60")));
            case "refund" -> post("ingest", "/api/v1/customers/" + customer + "/refunds", ("{\"refundId\":%s,\"poolId\":\"seed\","
                    + "\"effectiveDate\":%s,\"amount\":%s,\"payout\":%s}").formatted(id, date, p.get("amount", "\"0.01\""), p.get("payout", "\"CASH\"")));
            case "invoice" -> post("ingest", "/api/v1/customers/" + customer + "/invoices", "{\"invoiceId\":%s,\"effectiveDate\":%s,\"amount\":%s}"
                    .formatted(id, date, p.get("amount", "null")));
            case "payment" -> post("ingest", "/api/v1/customers/" + customer + "/payments", ("{\"paymentId\":%s,\"invoiceId\":\"invoiced\","
                    + "\"effectiveDate\":%s,\"amount\":%s}").formatted(id, date, p.get("amount", "\"0.01\"")));
            case "estimate" -> post("accountant", "/api/v1/credit-pools/seed/breakage-estimate", ("{\"customerId\":\"acme\","
                    + "\"revisionId\":%s,\"effectiveDate\":%s,\"expectedRedeemedCredits\":%s}").formatted(id, date,
                    p.get("credits", "\"950000000000000\"")));
            case "expiry" -> post("accountant", "/api/v1/credit-pools/" + path(freshId("nopool")) + "/expiry",
                    "{\"customerId\":\"acme\",\"requestId\":%s,\"effectiveDate\":%s}".formatted(id, date));
            case "dormancy" -> post("accountant", "/api/v1/credit-pools/seed/dormancy",
                    "{\"customerId\":\"acme\",\"requestId\":%s,\"effectiveDate\":%s}".formatted(id, date));
            default -> post("ingest", "/api/v1/customers/" + customer + "/holds/" + path(freshId("h")) + "/capture",
                    "{\"drawId\":%s,\"effectiveDate\":%s,\"credits\":%s}".formatted(id, date, p.get("credits", "\"1\"")));
        };
        check("wallet-" + kind, reply);
    }

    @Provide
    Arbitrary<Pick> usage() {
        return picks(Map.of("id", HOSTILE_ID, "customerId", HOSTILE_ID, "timestamp", List.of("\"+10000-01-01T00:00:00Z\"",
                        "\"9999-12-31T23:59:59Z\"", "\"1970-01-01T00:00:00Z\"", "\"0001-01-01T00:00:00Z\"", "\"2026-03-05\"", "17000000",
                        "null", "\"2026-03-05T10:00:00+18:00\"", "\"2199-12-31T00:00:00Z\""),
                "model", HOSTILE_ID, "feature", HOSTILE_TEXT, "endUserId", HOSTILE_TEXT,
                "inputTokens", List.of("0", "-1", "1000000000000", "1000000000001", "1.5", "\"12\"", "9223372036854775808", "1e999999999", "null"),
                "outputTokens", List.of("999999999999", "1000000000000", "\"x\"", "[]"),
                "metadata", List.of("{\"k\":\"\\u0000\"}", "\"text\"", "[1]", "{\"big\":\"" + "m".repeat(5000) + "\"}", "null", "{}"),
                "units", List.of("{\"images\":2}", "{\"Bad Unit\":1}", "{\"input_tokens\":5}", "{\"u1\":1,\"u2\":1,\"u3\":1,\"u4\":1,"
                        + "\"u5\":1,\"u6\":1,\"u7\":1,\"u8\":1,\"u9\":1,\"u10\":1,\"u11\":1,\"u12\":1,\"u13\":1,\"u14\":1}", "[]", "7")));
    }

    @Property(tries = 400)
    void usageBatches(@ForAll("usage") Pick bad, @ForAll("usage") Pick other) throws Exception {
        // a batch of three: a valid record, a generated one, and another generated one; bad records are refused alone
        String valid = record(new Pick(Map.of()));
        String body = "{\"records\":[" + valid + "," + record(bad) + "," + record(other) + "]}";
        Reply reply = post("ingest", "/api/v1/usage", body);
        check("usage", reply);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().at("/accepted").asInt() + reply.json().at("/duplicates").asInt()).as(reply.body())
                .isGreaterThanOrEqualTo(1);
        for (JsonNode rejected : reply.json().get("rejected")) {
            assertThat(rejected.get("field").asText()).as(rejected.toString()).startsWith("records[");
            assertThat(rejected.get("code").asText()).isNotBlank();
        }
    }

    static String record(Pick p) {
        return ("{\"id\":%s,\"customerId\":%s,\"timestamp\":%s,\"model\":%s,\"feature\":%s,\"endUserId\":%s,"
                + "\"inputTokens\":%s,\"outputTokens\":%s,\"metadata\":%s%s}").formatted(p.get("id", str(freshId("u"))),
                p.get("customerId", "\"cust-u" + (ids.get() % 5) + "\""), p.get("timestamp", "\"2026-03-05T10:00:00Z\""),
                p.get("model", "\"m1\""), p.get("feature", "\"chat\""), p.get("endUserId", "\"eu-1\""),
                p.get("inputTokens", "1200"), p.get("outputTokens", "0"), p.get("metadata", "{\"region\":\"eu\"}"),
                p.values().containsKey("units") ? ",\"units\":" + p.get("units", null) : "");
    }

    @Provide
    Arbitrary<Pick> cards() {
        return picks(Map.of("cardId", HOSTILE_ID, "effectiveFrom", HOSTILE_DATE, "currency", HOSTILE_CURRENCY,
                "customerId", HOSTILE_ID, "model", HOSTILE_ID, "unit", List.of("\"Input\"", "\"\"", "\"a b\"", "null", "\"" + "u".repeat(41) + "\""),
                "unitPrice", HOSTILE_AMOUNT, "upTo", List.of("0", "-5", "1000000000000000", "1000000000000001", "1.5", "\"10\"", "null"),
                "version", HOSTILE_INT, "role", HOSTILE_ENUM));
    }

    @Property(tries = 300)
    void rateAndCostCards(@ForAll("cards") Pick p) throws Exception {
        boolean rate = ids.incrementAndGet() % 2 == 0;
        String card = p.get("cardId", str(freshId("card")));
        String version = p.get("version", "1");
        Reply reply = rate
                ? post("accountant", "/api/v1/rate-cards", ("{\"cardId\":%s,\"version\":%s,\"effectiveFrom\":%s,\"currency\":%s,"
                + "\"customerId\":%s,\"prices\":[{\"model\":%s,\"unit\":%s,\"mode\":\"GRADUATED\",\"tiers\":[{\"upTo\":%s,"
                + "\"unitPrice\":%s},{\"unitPrice\":\"0.000001\"}]}]}").formatted(card, version, p.get("effectiveFrom", "\"2026-01-01\""),
                p.get("currency", "\"USD\""), p.get("customerId", "null"), p.get("model", "\"m2\""), p.get("unit", "\"input_tokens\""),
                p.get("upTo", "1000000"), p.get("unitPrice", "\"0.000002\"")))
                : post("accountant", "/api/v1/cost-cards", ("{\"cardId\":%s,\"version\":%s,\"effectiveFrom\":%s,\"currency\":%s,"
                + "\"provider\":\"own\",\"role\":%s,\"costs\":[{\"model\":%s,\"unit\":%s,\"unitCost\":%s}]}").formatted(card, version,
                p.get("effectiveFrom", "\"2026-01-01\""), p.get("currency", "\"USD\""), p.get("role", "\"COMPUTE\""),
                p.get("model", "\"m2\""), p.get("unit", "\"input_tokens\""), p.get("unitPrice", "\"0.000001\"")));
        check(rate ? "rate-cards" : "cost-cards", reply);
    }

    @Provide
    Arbitrary<Pick> ssps() {
        return picks(Map.of("sspId", HOSTILE_ID, "requestId", HOSTILE_ID, "effectiveFrom", HOSTILE_DATE,
                "description", HOSTILE_TEXT, "currency", HOSTILE_CURRENCY, "method", HOSTILE_ENUM,
                "unit", List.of("\"\"", "\"Month\"", "\"" + "u".repeat(41) + "\"", "\"m\\u0000\"", "null", "1"),
                "unitPrice", HOSTILE_AMOUNT, "rangeLow", HOSTILE_AMOUNT, "evidence", HOSTILE_TEXT));
    }

    @Property(tries = 200)
    void standaloneSellingPrices(@ForAll("ssps") Pick p) throws Exception {
        String body = ("{\"sspId\":%s,\"requestId\":%s,\"effectiveFrom\":%s,\"description\":%s,\"currency\":%s,"
                + "\"method\":%s,\"unit\":%s,\"unitPrice\":%s,\"rangeLow\":%s,\"rangeHigh\":\"5000000\",\"evidence\":%s,"
                + "\"evidenceAsOf\":\"2025-12-01\"}").formatted(p.get("sspId", str(freshId("ssp"))),
                p.get("requestId", "\"v1\""), p.get("effectiveFrom", "\"2026-01-01\""), p.get("description", "\"d\""),
                p.get("currency", "\"USD\""), p.get("method", "\"OBSERVABLE_PRICE\""), p.get("unit", "\"month\""),
                p.get("unitPrice", "\"1000\""), p.get("rangeLow", "\"1\""), p.get("evidence", "\"study\""));
        check("ssp", post("accountant", "/api/v1/ssp", body));
    }

    @Provide
    Arbitrary<Pick> contracts() {
        return picks(Map.ofEntries(Map.entry("contractId", HOSTILE_ID), Map.entry("customerId", HOSTILE_ID),
                Map.entry("currency", HOSTILE_CURRENCY), Map.entry("signedOn", HOSTILE_DATE),
                Map.entry("termEnd", HOSTILE_DATE), Map.entry("transactionPrice", HOSTILE_AMOUNT),
                Map.entry("obligationId", HOSTILE_ID), Map.entry("kind", HOSTILE_ENUM),
                Map.entry("sspId", List.of("\"resid\"", "\"nope\"", "\"\"", "null", "\"cred\"")),
                Map.entry("quantity", HOSTILE_CREDITS), Map.entry("pattern", HOSTILE_ENUM), Map.entry("basis", HOSTILE_ENUM),
                Map.entry("start", HOSTILE_DATE), Map.entry("description", HOSTILE_TEXT),
                Map.entry("credits", HOSTILE_CREDITS), Map.entry("poolId", HOSTILE_ID),
                Map.entry("discount", HOSTILE_AMOUNT), Map.entry("appliesTo", List.of("[]", "null", "[\"zzz\"]",
                        "[\"platform\",\"platform\"]", "[null]", "\"platform\"", "[\"credits\"]")),
                Map.entry("evidence", HOSTILE_TEXT), Map.entry("commitment", HOSTILE_AMOUNT),
                Map.entry("expected", HOSTILE_AMOUNT), Map.entry("schedule", HOSTILE_ENUM),
                Map.entry("paymentTermsDays", HOSTILE_INT), Map.entry("memo", HOSTILE_TEXT),
                Map.entry("then", List.of("\"modify\"", "\"terminate\"", "\"recognize\"", "\"invoice\"", "\"pay\"",
                        "\"deliver\"", "\"settle\"", "\"estimate\"")),
                Map.entry("date", HOSTILE_DATE), Map.entry("amount", HOSTILE_AMOUNT), Map.entry("text", HOSTILE_TEXT),
                Map.entry("requestId", HOSTILE_ID)));
    }

    static final List<String> THEN = List.of("\"modify\"", "\"terminate\"", "\"recognize\"", "\"invoice\"",
            "\"pay\"", "\"deliver\"", "\"settle\"", "\"estimate\"");

    @Property(tries = 400)
    void contracts(@ForAll("contracts") Pick p) throws Exception {
        String contract = p.values().containsKey("contractId") ? p.get("contractId", null) : str(freshId("k"));
        String obligations = ("[{\"obligationId\":\"platform\",\"kind\":\"PLATFORM_ACCESS\",\"sspId\":\"plat\",\"quantity\":\"12\","
                + "\"basis\":%s},{\"obligationId\":%s,\"kind\":%s,\"sspId\":%s,\"quantity\":%s,\"pattern\":%s,\"start\":%s,"
                + "\"description\":%s,\"programId\":\"std\",\"credits\":%s,\"poolId\":%s}]").formatted(
                p.get("basis", "\"MONTHLY\""), p.get("obligationId", "\"credits\""), p.get("kind", "\"CREDIT_POOL\""),
                p.get("sspId", "\"cred\""), p.get("quantity", "null"), p.get("pattern", "null"), p.get("start", "null"),
                p.get("description", "\"pool\""), p.get("credits", "\"100000\""), p.get("poolId", "null"));
        String body = ("{\"contractId\":%s,\"customerId\":%s,\"currency\":%s,\"signedOn\":%s,\"termStart\":\"2026-01-01\","
                + "\"termEnd\":%s,\"transactionPrice\":%s,\"obligations\":%s,\"discounts\":[{\"amount\":%s,\"appliesTo\":%s,"
                + "\"evidence\":%s}],\"commitment\":{\"amount\":%s,\"policy\":\"PROPORTIONAL_EXPECTED_SHORTFALL\","
                + "\"expectedConsumption\":%s},\"billing\":{\"schedule\":%s,\"paymentTermsDays\":%s},\"memo\":%s}").formatted(
                contract, p.get("customerId", "\"acme\""), p.get("currency", "\"USD\""), p.get("signedOn", "\"2025-12-20\""),
                p.get("termEnd", "\"2026-12-31\""), p.get("transactionPrice", "\"12500.00\""), obligations,
                p.get("discount", "\"100.00\""), p.get("appliesTo", "[\"platform\"]"), p.get("evidence", "\"list\""),
                p.get("commitment", "\"20000\""), p.get("expected", "\"15000\""), p.get("schedule", "\"MONTHLY\""),
                p.get("paymentTermsDays", "30"), p.get("memo", "\"order\""));
        Reply signed = post("accountant", "/api/v1/contracts", body);
        check("contracts", signed);
        if (signed.status() != 201) {
            return;
        }
        String id = signed.json().at("/contractId").asText();
        String base = "/api/v1/contracts/" + path(id);
        String request = p.get("requestId", str(freshId("r")));
        String date = p.get("date", "\"2026-06-30\"");
        String text = p.get("text", "\"because\"");
        String amount = p.get("amount", "\"1000.00\"");
        String then = p.get("then", THEN.get((int) (ids.get() % THEN.size())));
        Reply reply = switch (then) {
            case "\"modify\"" -> post("accountant", base + "/modifications", ("{\"modificationId\":%s,\"effectiveDate\":%s,"
                    + "\"additionalPrice\":%s,\"addObligations\":[{\"obligationId\":\"extra\",\"kind\":\"SUPPORT\","
                    + "\"sspId\":\"plat\",\"quantity\":\"3\"}],\"newTermEnd\":\"2027-06-30\",\"reason\":%s}")
                    .formatted(request, date, amount, text));
            case "\"terminate\"" -> post("accountant", base + "/termination", ("{\"terminationId\":%s,\"effectiveDate\":%s,"
                    + "\"credits\":\"EXPIRE\",\"commitment\":\"SETTLE\",\"reason\":%s}").formatted(request, date, text));
            case "\"recognize\"" -> post("accountant", base + "/recognition",
                    "{\"requestId\":%s,\"through\":%s}".formatted(request, date));
            case "\"invoice\"" -> post("accountant", base + "/invoices",
                    "{\"invoiceId\":%s,\"invoiceDate\":%s}".formatted(request, date));
            case "\"pay\"" -> {
                post("accountant", base + "/invoices", "{\"invoiceId\":\"i1\",\"invoiceDate\":\"2026-03-01\"}");
                yield post("accountant", base + "/payments", "{\"paymentId\":%s,\"invoiceId\":\"i1\",\"paidOn\":%s,\"amount\":%s}"
                        .formatted(request, date, amount));
            }
            case "\"deliver\"" -> post("accountant", base + "/obligations/platform/delivery",
                    "{\"requestId\":%s,\"deliveredOn\":%s}".formatted(request, date));
            case "\"settle\"" -> post("accountant", base + "/commitment/settlement",
                    "{\"requestId\":%s,\"effectiveDate\":%s}".formatted(request, date));
            default -> post("accountant", base + "/commitment/estimate", ("{\"requestId\":%s,\"effectiveDate\":%s,"
                    + "\"expectedConsumption\":%s,\"reason\":%s}").formatted(request, date, amount, text));
        };
        check("contract " + then.replace("\"", ""), reply);
    }

    @Provide
    Arbitrary<Pick> costs() {
        return picks(Map.of("invoiceId", HOSTILE_ID, "vendor", HOSTILE_ID, "effectiveDate", HOSTILE_DATE,
                "amount", HOSTILE_AMOUNT, "currency", HOSTILE_CURRENCY, "memo", HOSTILE_TEXT,
                "period", List.of("\"2026-13\"", "\"0000-01\"", "\"99999-01\"", "\"2026-3\"", "null", "202603", "\"2200-01\"")));
    }

    @Property(tries = 300)
    void costDocuments(@ForAll("costs") Pick p) throws Exception {
        boolean invoice = ids.incrementAndGet() % 3 != 0;
        Reply reply = invoice
                ? post("accountant", "/api/v1/vendor-invoices", "{\"invoiceId\":%s,\"vendor\":%s,\"effectiveDate\":%s,\"amount\":%s,\"currency\":%s,\"memo\":%s}"
                .formatted(p.get("invoiceId", str(freshId("vi"))), p.get("vendor", "\"gpu-co\""), p.get("effectiveDate", "\"2026-03-05\""),
                        p.get("amount", "\"10.00\""), p.get("currency", "\"USD\""), p.get("memo", "\"March\"")))
                : post("accountant", "/api/v1/infrastructure-costs", "{\"allocationId\":%s,\"vendor\":%s,\"period\":%s,\"amount\":%s,\"currency\":%s}"
                .formatted(p.get("invoiceId", str(freshId("infra"))), p.get("vendor", "\"colo\""), p.get("period", "\"2026-03\""),
                        p.get("amount", "\"10.00\""), p.get("currency", "\"USD\"")));
        check(invoice ? "vendor-invoices" : "infrastructure-costs", reply);
    }

    // --- material rights, licences, volume discounts, unclaimed property ------------------------------------

    private static volatile boolean patternsSeeded;

    /** A licence, a volume agreement, a contract with a material right and an escheat pool to aim requests at. */
    private static synchronized void seedPatterns() throws Exception {
        if (patternsSeeded) {
            return;
        }
        must(post("admin", "/api/v1/licences", "{\"licenceId\":\"lic-seed\",\"customerId\":\"acme\",\"currency\":\"USD\","
                + "\"contractType\":\"FUNCTIONAL_IP_LICENCE\",\"signedOn\":\"2026-01-01\",\"licenceStart\":\"2026-01-01\","
                + "\"licenceEnd\":\"2026-12-31\",\"fixedFee\":\"1000\",\"minimumGuarantee\":\"5000\",\"royaltyRate\":\"0.05\","
                + "\"licencePredominant\":true}"));
        must(post("admin", "/api/v1/volume-discounts", "{\"agreementId\":\"vol-seed\",\"customerId\":\"acme\",\"currency\":\"USD\","
                + "\"yearStart\":\"2026-01-01\",\"yearEnd\":\"2026-12-31\",\"unit\":\"million_tokens\",\"tiers\":[{\"fromUnits\":\"0\","
                + "\"unitPrice\":\"10\"},{\"fromUnits\":\"1000\",\"unitPrice\":\"9\"}],\"expectedVolume\":\"1500\"}"));
        must(post("admin", "/api/v1/contracts", "{\"contractId\":\"mr-seed\",\"customerId\":\"acme\",\"currency\":\"USD\","
                + "\"signedOn\":\"2026-01-01\",\"termStart\":\"2026-01-01\",\"termEnd\":\"2026-12-31\",\"transactionPrice\":\"1000\","
                + "\"obligations\":[{\"obligationId\":\"goods\",\"kind\":\"PRODUCT\",\"sspId\":\"plat\",\"quantity\":\"1\"},"
                + "{\"obligationId\":\"opt\",\"kind\":\"MATERIAL_RIGHT\",\"sspId\":\"cred\",\"quantity\":\"1000000\","
                + "\"pattern\":\"PORTFOLIO_REDEMPTION\",\"exerciseLikelihood\":\"0.5\"}],\"billing\":{\"schedule\":\"UPFRONT\"}}"));
        must(post("admin", "/api/v1/credit-programs", "{\"programId\":\"esc\",\"requestId\":\"esc-v1\",\"effectiveFrom\":"
                + "\"1970-01-01\",\"currency\":\"USD\",\"valuePerCredit\":\"0.01\",\"expiry\":{\"kind\":\"NEVER\"},"
                + "\"escheatShare\":\"0.5\",\"escheatBasis\":\"EXPECTED_UNREDEEMED\",\"expectedRedemptionRate\":\"0.8\"}"));
        must(post("admin", "/api/v1/customers/acme/credit-purchases", "{\"purchaseId\":\"esc-pool\",\"programId\":\"esc\","
                + "\"effectiveDate\":\"2026-01-01\",\"price\":\"100\",\"currency\":\"USD\",\"credits\":\"10000\"}"));
        patternsSeeded = true;
    }

    static final List<String> PATTERNS = List.of("licence", "royalty", "volume", "volume-usage", "exercise", "unclaimed");
    /** Turns through the patterns evenly (ids also counts the fresh ids each request takes). */
    private static final AtomicInteger patternTurn = new AtomicInteger();

    @Provide
    Arbitrary<Pick> patterns() {
        return picks(Map.ofEntries(Map.entry("id", HOSTILE_ID), Map.entry("customerId", HOSTILE_ID),
                Map.entry("currency", HOSTILE_CURRENCY), Map.entry("type", HOSTILE_ENUM), Map.entry("date1", HOSTILE_DATE),
                Map.entry("date2", HOSTILE_DATE), Map.entry("date3", HOSTILE_DATE), Map.entry("amount", HOSTILE_AMOUNT),
                Map.entry("amount2", HOSTILE_AMOUNT), Map.entry("rate", HOSTILE_RATE), Map.entry("text", HOSTILE_TEXT),
                Map.entry("units", HOSTILE_CREDITS), Map.entry("units2", HOSTILE_CREDITS), Map.entry("flag",
                        List.of("null", "\"yes\"", "1", "false", "[]")), Map.entry("unit", HOSTILE_ID),
                Map.entry("kind", PATTERNS.stream().map(HostileInputProperties::str).toList())));
    }

    @Property(tries = 300)
    void asc606Patterns(@ForAll("patterns") Pick p) throws Exception {
        seedPatterns();
        String kind = p.get("kind", str(PATTERNS.get(patternTurn.getAndIncrement() % PATTERNS.size()))).replace("\"", "");
        String id = p.get("id", str(freshId(kind)));
        Reply reply = switch (kind) {
            case "licence" -> post("accountant", "/api/v1/licences", ("{\"licenceId\":%s,\"customerId\":%s,\"currency\":%s,"
                    + "\"contractType\":%s,\"signedOn\":%s,\"licenceStart\":%s,\"licenceEnd\":%s,\"fixedFee\":%s,"
                    + "\"minimumGuarantee\":%s,\"royaltyRate\":%s,\"licencePredominant\":%s,\"description\":%s}").formatted(id,
                    p.get("customerId", "\"acme\""), p.get("currency", "\"USD\""), p.get("type", "\"FUNCTIONAL_IP_LICENCE\""),
                    p.get("date1", "\"2026-01-01\""), p.get("date2", "\"2026-02-01\""), p.get("date3", "\"2026-12-31\""),
                    p.get("amount", "\"1000.00\""), p.get("amount2", "\"500.00\""), p.get("rate", "\"0.05\""),
                    p.get("flag", "true"), p.get("text", "\"weights\"")));
            case "royalty" -> post("accountant", "/api/v1/licences/lic-seed/royalty-reports",
                    "{\"reportId\":%s,\"usageThrough\":%s,\"salesOrUsage\":%s}".formatted(id, p.get("date1", "\"2026-03-31\""),
                            p.get("amount", "\"100.00\"")));
            case "volume" -> post("accountant", "/api/v1/volume-discounts", ("{\"agreementId\":%s,\"customerId\":%s,"
                    + "\"currency\":%s,\"yearStart\":%s,\"yearEnd\":%s,\"unit\":%s,\"tiers\":[{\"fromUnits\":\"0\",\"unitPrice\":%s},"
                    + "{\"fromUnits\":%s,\"unitPrice\":%s}],\"expectedVolume\":%s,\"description\":%s}").formatted(id,
                    p.get("customerId", "\"acme\""), p.get("currency", "\"USD\""), p.get("date1", "\"2026-01-01\""),
                    p.get("date2", "\"2026-12-31\""), p.get("unit", "\"units\""), p.get("amount", "\"10\""),
                    p.get("units", "\"1000\""), p.get("amount2", "\"9\""), p.get("units2", "\"1500\""), p.get("text", "\"deal\"")));
            case "volume-usage" -> post("accountant", "/api/v1/volume-discounts/vol-seed/usage",
                    "{\"usageId\":%s,\"usageThrough\":%s,\"units\":%s}".formatted(id, p.get("date1", "\"2026-03-31\""),
                            p.get("units", "\"1\"")));
            case "exercise" -> post("accountant", "/api/v1/contracts/mr-seed/obligations/opt/exercises",
                    "{\"requestId\":%s,\"effectiveDate\":%s,\"units\":%s}".formatted(id, p.get("date1", "\"2026-03-31\""),
                            p.get("units", "\"1\"")));
            default -> post("accountant", "/api/v1/credit-pools/esc-pool/unclaimed-property", ("{\"customerId\":%s,"
                    + "\"reportId\":%s,\"effectiveDate\":%s,\"jurisdiction\":%s,\"dueOn\":%s}").formatted(
                    p.get("customerId", "\"acme\""), id, p.get("date1", "\"2026-09-30\""), p.get("unit", "\"US-DE\""),
                    p.get("date2", "\"2027-03-01\"")));
        };
        check(kind, reply);
    }

    @Property(tries = 100)
    void malformedBodies(@ForAll("bodies") String body, @ForAll("writePaths") String path) throws Exception {
        check("malformed", post("admin", path, body));
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.of("", "{", "[]", "null", "\"text\"", "{\"a\":", "{\"entryId\":1e999999999}", "{}{}",
                "{\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}", "\u0000", "{\"holdId\":\"h\",\"credits\":1e999999999}",
                "{\"records\":[" + "1,".repeat(20000) + "1]}", "{\"records\":{}}", "{\"records\":null}");
    }

    @Provide
    Arbitrary<String> writePaths() {
        return Arbitraries.of("/api/v1/journal-entries", "/api/v1/credit-programs", "/api/v1/customers/acme/credit-purchases",
                "/api/v1/customers/acme/holds", "/api/v1/usage", "/api/v1/rate-cards", "/api/v1/vendor-invoices",
                "/api/v1/infrastructure-costs", "/api/v1/periods/2026-01/close", "/api/v1/admin/projections/exclusions",
                "/api/v1/ssp", "/api/v1/contracts", "/api/v1/contracts/k-1/modifications", "/api/v1/contracts/k-1/payments",
                "/api/v1/licences", "/api/v1/licences/lic-seed/royalty-reports", "/api/v1/volume-discounts",
                "/api/v1/volume-discounts/vol-seed/usage", "/api/v1/contracts/mr-seed/obligations/opt/exercises",
                "/api/v1/credit-pools/esc-pool/unclaimed-property");
    }

    // --- checks -------------------------------------------------------------------------------------------

    /** Accepted, or refused with a 4xx problem+json naming the field (for 400/422) and no Java type; never a 5xx. */
    static void check(String endpoint, Reply reply) {
        requests.incrementAndGet();
        long[] counts = tally.computeIfAbsent(endpoint, k -> new long[3]);
        int status = reply.status();
        if (status == 503) {
            assertThat(reply.response().headers().firstValue("Retry-After")).as("503 says when to retry").isPresent();
            counts[2]++;
            return;
        }
        assertThat(status).as(endpoint + " answered " + status + ": " + reply.body()).isLessThan(500);
        if (status >= 400) {
            counts[1]++;
            assertThat(reply.response().headers().firstValue("Content-Type").orElse("")).as(reply.body())
                    .startsWith("application/problem+json");
            JsonNode problem = reply.json();
            assertThat(problem.at("/code").asText()).as(reply.body()).isNotBlank();
            String detail = problem.at("/detail").asText();
            assertThat(JAVA_NAMES.matcher(detail).find()).as("no Java in: " + detail).isFalse();
            if ((status == 400 || status == 422) && !"MALFORMED_REQUEST".equals(problem.at("/code").asText())) {
                assertThat(problem.has("field")).as("names the field: " + reply.body()).isTrue();
            }
        } else {
            counts[0]++;
        }
    }

    record Reply(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return LedgerHttp.JSON.readTree(body.isEmpty() ? "null" : body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    static void must(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(200, 201);
    }

    static String path(String segment) {
        // hostile path values are already percent-encoded where they need to be; plain ones are encoded here
        return segment.contains("%") ? segment : URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Reply post(String user, String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Authorization", auth(user)).POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    static Reply get(String user, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth(user)).GET());
    }

    private static Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.body(), response);
    }

    private static String auth(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-secret").getBytes(StandardCharsets.UTF_8));
    }
}
