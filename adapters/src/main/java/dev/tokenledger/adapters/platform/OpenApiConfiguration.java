package dev.tokenledger.adapters.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document: what the API is, and HTTP Basic as its security scheme (Swagger UI's Authorize button). */
@Configuration
public class OpenApiConfiguration {

    static final String BASIC = "basicAuth";

    @Bean
    public OpenAPI ledgerOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Token ledger API")
                        .version("0.1.0")
                        .description("""
                                An event-sourced, double-entry ledger for consumption-based AI revenue under ASC 606: \
                                journal entries and periods, prepaid credits (breakage, expiry, escheat, refunds), the usage \
                                ledger (priced and costed usage records), reports tied to the general ledger. Every write \
                                carries a client-chosen id and is idempotent; every refusal is application/problem+json \
                                naming the rule and the field. Amounts are decimal strings. Reads say the event position \
                                they stand at (X-Ledger-Event-Position, readPosition). Sign in with HTTP Basic (Authorize).""")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes(BASIC, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("A configured user: the demo has admin, accountant, auditor and ingest, "
                                + "each with the password <name>-secret")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }
}
