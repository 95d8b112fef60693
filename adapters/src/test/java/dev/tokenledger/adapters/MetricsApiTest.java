package dev.tokenledger.adapters;

import dev.tokenledger.adapters.projections.ProjectionMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumption metrics over HTTP (README "Metrics"), worked by hand: "steady" earns 10.00 of usage revenue every
 * day from 2025-06-01; "grower" starts on 2026-05-01 with 20.00 a day, then 30.00 a day in June. As of 2026-06-30.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricsApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresSchema.register(registry, "it_metrics");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProjectionMonitor monitor;

    @Test
    void metricsWorkedByHand() {
        LedgerHttp http = new LedgerHttp(rest, monitor);
        List<String> entries = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2025, 6, 1); !day.isAfter(LocalDate.of(2026, 6, 30)); day = day.plusDays(1)) {
            entries.add(entry("s-" + day, day, "steady", "10.00"));
            if (!day.isBefore(LocalDate.of(2026, 5, 1))) {
                entries.add(entry("g-" + day, day, "grower", day.getMonthValue() == 5 ? "20.00" : "30.00"));
            }
        }
        // June's costs, one per layer: compute of grower's atlas use, a third-party model fee for steady's orbit use,
        // infrastructure and payment fees with no customer or model
        entries.add(cost("c-compute", "5000", "300.00", "{\"customer\":\"grower\",\"model\":\"atlas\"}"));
        entries.add(cost("c-vendor", "5200", "100.00", "{\"customer\":\"steady\",\"model\":\"orbit\"}"));
        entries.add(cost("c-infra", "5100", "150.00", "{}"));
        entries.add(cost("c-fees", "5300", "30.00", "{}"));
        for (String entry : entries) {
            assertThat(http.post("accountant", "/api/v1/journal-entries", entry).status()).isEqualTo(201);
        }
        http.awaitProjections();
        String asOf = "asOf=2026-06-30";

        // June: 300.00 + 900.00 = 1,200.00 -> x 365/30 = 14,600.00
        var runRate = http.get("auditor", "/api/v1/metrics/run-rate?streams=USAGE_REVENUE&" + asOf);
        assertThat(runRate.text("/trailing30Revenue")).isEqualTo("1200.00");
        assertThat(runRate.text("/runRate")).isEqualTo("14600.00");
        // API calls with HTTP Basic are stateless: no session (and no cookie) per call; only the dashboard signs in
        assertThat(runRate.headers().get("Set-Cookie")).isNull();
        // one customer alone, at a constant 10.00 a day: 3,650.00 with the bands on it
        var steady = http.get("auditor", "/api/v1/metrics/run-rate?streams=USAGE_REVENUE&customer=steady&" + asOf);
        assertThat(steady.text("/runRate")).isEqualTo("3650.00");
        assertThat(steady.text("/bands/p10")).isEqualTo("3650.00");
        assertThat(steady.text("/bands/p90")).isEqualTo("3650.00");

        var active = http.get("auditor", "/api/v1/metrics/active-customers?" + asOf);
        assertThat(active.body().at("/active30Days").asInt()).isEqualTo(2);
        assertThat(active.body().at("/active7Days").asInt()).isEqualTo(2);
        assertThat(http.get("auditor", "/api/v1/metrics/active-customers?threshold=500&" + asOf).body().at("/active30Days").asInt())
                .isEqualTo(1);

        // 90 days (2 April - 30 June): steady 900.00, grower 620.00 + 900.00 = 1,520.00; total 2,420.00
        var concentration = http.get("auditor", "/api/v1/metrics/concentration?" + asOf);
        assertThat(concentration.text("/top1")).isEqualTo("0.628099");
        assertThat(concentration.text("/herfindahl")).isEqualTo("0.532819");
        assertThat(concentration.text("/herfindahlPoints")).isEqualTo("5328.2");
        assertThat(concentration.body().at("/highlyConcentrated").asBoolean()).isTrue();

        // 3,650.00 and 1,520.00 x 365/90 = 6,164.44: mean and median 4,907.22
        var average = http.get("auditor", "/api/v1/metrics/average-consumption-value?" + asOf);
        assertThat(average.text("/mean")).isEqualTo("4907.22");
        assertThat(average.text("/median")).isEqualTo("4907.22");

        // grower: June 900.00 over the 30 days before (2-31 May) 600.00 -> +50%
        var velocity = http.get("auditor", "/api/v1/metrics/velocity?" + asOf);
        assertThat(velocity.body().at("/customers").findValuesAsText("growth30")).containsExactly("0.500000", "0.000000");

        // cohorts: month 1 is 1.0; grower's month 0 (May, 620.00) over month 1 (June, 900.00)
        var cohorts = http.get("auditor", "/api/v1/metrics/cohorts?months=13&" + asOf);
        assertThat(cohorts.text("/rows/0/cohort")).isEqualTo("2025-06");
        assertThat(cohorts.text("/rows/0/expansion/1")).isEqualTo("1.000000");
        assertThat(cohorts.text("/rows/1/cohort")).isEqualTo("2026-05");
        assertThat(cohorts.text("/rows/1/expansion/0")).isEqualTo("0.688889");

        // net usage retention: steady's 900.00 now over its 300.00 (1-30 June 2025) in the same 90-day window a year earlier
        var retention = http.get("auditor", "/api/v1/metrics/net-usage-retention?" + asOf);
        assertThat(retention.text("/netUsageRetention")).isEqualTo("3.000000");
        assertThat(retention.body().at("/customers").asInt()).isEqualTo(1);

        // June's fully loaded margin: revenue 1,200.00 less 300.00 + 100.00 + 150.00 + 30.00 = 580.00 -> 620.00, 51.67%
        var june = http.get("auditor", "/api/v1/metrics/margin?from=2026-06&to=2026-06&groupBy=period");
        assertThat(june.text("/total/revenue")).isEqualTo("1200.00");
        assertThat(june.text("/total/compute")).isEqualTo("300.00");
        assertThat(june.text("/total/thirdPartyModels")).isEqualTo("100.00");
        assertThat(june.text("/total/infrastructure")).isEqualTo("150.00");
        assertThat(june.text("/total/paymentFees")).isEqualTo("30.00");
        assertThat(june.text("/total/fullyLoadedCost")).isEqualTo("580.00");
        assertThat(june.text("/total/margin")).isEqualTo("620.00");
        assertThat(new java.math.BigDecimal(june.text("/total/marginPercent"))).isEqualByComparingTo(
                new java.math.BigDecimal("620").multiply(new java.math.BigDecimal("100")).divide(new java.math.BigDecimal("1200"),
                        new java.math.BigDecimal(june.text("/total/marginPercent")).scale(), java.math.RoundingMode.HALF_UP));
        // by customer: grower 900.00 - 300.00 compute; steady 300.00 - 100.00 fees; the unattributed layers apart
        var byCustomer = http.get("auditor", "/api/v1/metrics/margin?from=2026-06&to=2026-06&groupBy=customer");
        assertThat(byCustomer.body().at("/rows").findValuesAsText("margin")).containsExactlyInAnyOrder("-180.00", "600.00", "200.00");

        // Gini of the 90-day values 900.00 and 1,520.00: sum |xi - xj| over 2 n^2 mean = 2 x 620 / (2 x 4 x 1,210) = 0.128099
        assertThat(concentration.text("/gini")).isEqualTo("0.128099");

        // as the ledger knew it: revenue for 29 June recorded later moves the run rate now, not as known before it
        java.time.Instant before = java.time.Instant.now();
        assertThat(http.post("accountant", "/api/v1/journal-entries", entry("late-1", LocalDate.of(2026, 6, 29), "steady", "100.00")).status())
                .isEqualTo(201);
        http.awaitProjections();
        assertThat(http.get("auditor", "/api/v1/metrics/run-rate?streams=USAGE_REVENUE&" + asOf).text("/trailing30Revenue"))
                .isEqualTo("1300.00");
        var then = http.get("auditor", "/api/v1/metrics/run-rate?streams=USAGE_REVENUE&knownAt=" + before + "&" + asOf);
        assertThat(then.text("/trailing30Revenue")).isEqualTo("1200.00");
        assertThat(then.text("/runRate")).isEqualTo("14600.00");
        assertThat(then.headers().getFirst("X-Ledger-Known-At")).isEqualTo(before.toString());
        // read from the GL lines recorded by a later instant, every revenue metric equals the projection's
        String later = "knownAt=" + java.time.Instant.now().plusSeconds(3600) + "&";
        for (String metric : List.of("run-rate?streams=USAGE_REVENUE&", "active-customers?", "cohorts?months=13&",
                "net-usage-retention?", "average-consumption-value?", "velocity?", "concentration?")) {
            var now = http.get("auditor", "/api/v1/metrics/" + metric + asOf).body();
            var known = http.get("auditor", "/api/v1/metrics/" + metric + later + asOf).body();
            ((com.fasterxml.jackson.databind.node.ObjectNode) now).remove("readPosition");
            ((com.fasterxml.jackson.databind.node.ObjectNode) known).remove("readPosition");
            assertThat(known).as(metric).isEqualTo(now);
        }
        assertThat(http.get("auditor", "/api/v1/metrics/run-rate?knownAt=yesterday&" + asOf).text("/field")).isEqualTo("knownAt");
        assertThat(http.get("auditor", "/api/v1/metrics/run-rate?knownAtClose=2026-05&" + asOf).text("/field")).isEqualTo("knownAtClose");

        // CSV of a table; a bad parameter names itself
        var csv = rest.withBasicAuth("auditor", "auditor-secret").getForEntity("/api/v1/metrics/velocity?format=csv&" + asOf, String.class);
        assertThat(csv.getBody().lines().findFirst().orElseThrow()).startsWith("customer,cohort,segment");
        var bad = http.get("auditor", "/api/v1/metrics/run-rate?streams=NOPE&" + asOf);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("/field")).isEqualTo("streams");
    }

    private static String cost(String id, String account, String amount, String dimensions) {
        return LedgerHttp.entry(id, "2026-06-15", "USD", account, "1000", amount)
                .replace("{\"customer\":\"cust-1\"}", dimensions);
    }

    private static String entry(String id, LocalDate day, String customer, String amount) {
        return LedgerHttp.entry(id, day.toString(), "USD", "1100", "4000", amount).replace("cust-1", customer);
    }
}
