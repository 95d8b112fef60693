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
        for (String entry : entries) {
            assertThat(http.post("accountant", "/api/v1/journal-entries", entry).status()).isEqualTo(201);
        }
        http.awaitProjections();
        String asOf = "asOf=2026-06-30";

        // June: 300.00 + 900.00 = 1,200.00 -> x 365/30 = 14,600.00
        var runRate = http.get("auditor", "/api/v1/metrics/run-rate?streams=USAGE_REVENUE&" + asOf);
        assertThat(runRate.text("/trailing30Revenue")).isEqualTo("1200.00");
        assertThat(runRate.text("/runRate")).isEqualTo("14600.00");
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

        // CSV of a table; a bad parameter names itself
        var csv = rest.withBasicAuth("auditor", "auditor-secret").getForEntity("/api/v1/metrics/velocity?format=csv&" + asOf, String.class);
        assertThat(csv.getBody().lines().findFirst().orElseThrow()).startsWith("customer,cohort,segment");
        var bad = http.get("auditor", "/api/v1/metrics/run-rate?streams=NOPE&" + asOf);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("/field")).isEqualTo("streams");
    }

    private static String entry(String id, LocalDate day, String customer, String amount) {
        return LedgerHttp.entry(id, day.toString(), "USD", "1100", "4000", amount).replace("cust-1", customer);
    }
}
