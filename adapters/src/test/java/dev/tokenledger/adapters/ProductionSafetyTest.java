package dev.tokenledger.adapters;

import dev.tokenledger.adapters.projections.ProjectionMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Outside demo mode the ledger will not start with the demo users' passwords or with passwords in plain text; with
 * encoded passwords of their own it starts. Ingestion is rate-limited per user: beyond the limit requests get 429
 * with Retry-After and store nothing, and sent again later they are accepted.
 */
class ProductionSafetyTest {

    static final String H2 = "--spring.datasource.url=jdbc:h2:mem:%s;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @Test
    void outsideDemoModeDemoAndPlainTextPasswordsStopTheStart() {
        LedgerApplication.disableAxonUpdateChecker();
        assertThatThrownBy(() -> SpringApplication.run(LedgerApplication.class, "--server.port=0", H2.formatted("safety1"),
                "--ledger.demo.enabled=false"))
                .rootCause().hasMessageContaining("must be encoded").hasMessageContaining("--hash-password");
        String demoHashed = "{bcrypt}" + new BCryptPasswordEncoder().encode("admin-secret");
        assertThatThrownBy(() -> SpringApplication.run(LedgerApplication.class, "--server.port=0", H2.formatted("safety2"),
                "--ledger.demo.enabled=false", "--ledger.security.users[0].name=admin",
                "--ledger.security.users[0].password=" + demoHashed, "--ledger.security.users[0].roles=ADMIN"))
                .rootCause().hasMessageContaining("still has its demo password");
    }

    @Test
    void encodedPasswordsOfTheirOwnStartTheLedger() {
        LedgerApplication.disableAxonUpdateChecker();
        String hashed = "{bcrypt}" + new BCryptPasswordEncoder().encode("a long and secret phrase");
        try (ConfigurableApplicationContext app = SpringApplication.run(LedgerApplication.class, "--server.port=0",
                H2.formatted("safety3"), "--ledger.demo.enabled=false", "--ledger.security.users[0].name=ops",
                "--ledger.security.users[0].password=" + hashed, "--ledger.security.users[0].roles=ADMIN")) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            TestRestTemplate rest = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port));
            assertThat(rest.withBasicAuth("ops", "a long and secret phrase").getForEntity("/api/v1/accounts", String.class)
                    .getStatusCode().value()).isEqualTo(200);
            assertThat(rest.withBasicAuth("ops", "wrong").getForEntity("/api/v1/accounts", String.class)
                    .getStatusCode().value()).isEqualTo(401);
        }
    }

    @Test
    void ingestionBeyondTheRateLimitIsRefusedWith429AndAcceptedWhenSentAgain() throws Exception {
        try (ConfigurableApplicationContext app = PostgresSchema.startLedger("it_rate_limit",
                "--ledger.rate-limit.ingest-requests-per-second=5")) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            LedgerHttp http = new LedgerHttp(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)),
                    app.getBean(ProjectionMonitor.class));
            assertThat(http.post("admin", "/api/v1/credit-programs", "{\"programId\":\"p\",\"requestId\":\"p1\",\"effectiveFrom\":"
                    + "\"2026-01-01\",\"currency\":\"USD\",\"valuePerCredit\":\"0.01\"}").status()).isEqualTo(201);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<LedgerHttp.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String body = "{\"grantId\":\"g-" + i + "\",\"programId\":\"p\",\"effectiveDate\":\"2026-02-01\",\"credits\":\"10\"}";
                replies.add(pool.submit(() -> http.post("ingest", "/api/v1/customers/acme/credit-grants", body)));
            }
            int limited = 0;
            for (int i = 0; i < replies.size(); i++) {
                LedgerHttp.Reply reply = replies.get(i).get();
                if (reply.status() == 429) {
                    limited++;
                    assertThat(reply.headers().getFirst("Retry-After")).isEqualTo("1");
                    assertThat(reply.text("/code")).isEqualTo("RATE_LIMITED");
                } else {
                    assertThat(reply.status()).isEqualTo(201);
                }
            }
            pool.shutdown();
            assertThat(limited).as("some were over the limit").isPositive();
            // the producer sends the refused ones again, within the limit: every grant is there exactly once
            for (int i = 0; i < 40; i++) {
                String body = "{\"grantId\":\"g-" + i + "\",\"programId\":\"p\",\"effectiveDate\":\"2026-02-01\",\"credits\":\"10\"}";
                LedgerHttp.Reply reply;
                while ((reply = http.post("ingest", "/api/v1/customers/acme/credit-grants", body)).status() == 429) {
                    Thread.sleep(250);
                }
                assertThat(reply.status()).isBetween(200, 201);
            }
            var wallet = http.getConsistent("auditor", "/api/v1/customers/acme/wallet");
            assertThat(wallet.text("/availableCredits")).isEqualTo("400");
        }
    }
}
