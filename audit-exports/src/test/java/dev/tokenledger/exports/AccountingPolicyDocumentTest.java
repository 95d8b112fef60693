package dev.tokenledger.exports;

import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.projections.credits.CreditReports.ProgramVersion;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AccountingPolicyDocumentTest {

    @Test
    void statesTheLiveProgramsSettingsAndChart() {
        var programs = List.of(new ProgramVersion("standard", 2, LocalDate.of(2026, 7, 1), "USD", new BigDecimal("0.01"),
                "DAYS_AFTER_PURCHASE", 365, null, "PROPORTIONAL", new BigDecimal("0.8"), new BigDecimal("0.05"), true,
                "accountant", Instant.parse("2026-06-20T10:00:00Z"), null, "PRICE"));
        String md = AccountingPolicyDocument.markdown(ChartLoader.defaultChart(), programs,
                new AccountingPolicyDocument.Settings("Europe/Paris", true, 3), Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(md).contains("reporting time zone **Europe/Paris**")
                .contains("| standard | 2 | 2026-07-01 | USD | 0.01 | 365 days after purchase | PROPORTIONAL | 0.8 | - | 0.05 | allowed | accountant |")
                .contains("grace period of 3 day(s)")
                .contains("2300 Contract liability, prepaid credits")
                .contains("| 4200 | Breakage revenue | REVENUE | BREAKAGE_REVENUE | 4200-00 |");
        String html = AccountingPolicyDocument.html(md);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<table>").contains("<td>standard</td>")
                .contains("<h2>8. Credit programs in force, and since when</h2>");
        assertThat(AccountingPolicyDocument.markdown(ChartLoader.defaultChart(), List.of(),
                new AccountingPolicyDocument.Settings("UTC", false, 0), Instant.EPOCH))
                .contains("No credit program has been adopted yet").contains("**switched off**");
    }

    @Test
    void statesUsagePricingCostAccrualInfrastructureVendorInvoicesPlatformFeesAndTheCardsInForce() {
        var rate = new dev.tokenledger.usage.RateCard("list", 2, LocalDate.of(2026, 5, 1), "USD", null, List.of(
                new dev.tokenledger.usage.UnitPrice("atlas", "input_tokens", dev.tokenledger.usage.TierMode.GRADUATED, List.of(
                        new dev.tokenledger.usage.Tier(1_000_000L, new BigDecimal("0.0000025")),
                        new dev.tokenledger.usage.Tier(null, new BigDecimal("0.000002"))))));
        var cost = new dev.tokenledger.usage.CostCard("own-gpus", 1, LocalDate.of(2025, 11, 1), "USD", "own",
                dev.tokenledger.usage.CostRole.COMPUTE, List.of(new dev.tokenledger.usage.UnitCost("atlas", "input_tokens",
                new BigDecimal("0.0000009"))));
        String md = AccountingPolicyDocument.markdown(ChartLoader.defaultChart(), List.of(), List.of(rate), List.of(cost),
                new AccountingPolicyDocument.Settings("UTC", true, 3), Instant.EPOCH);
        assertThat(md).contains("## 6. Usage: pricing, revenue and cost")
                .contains("GRADUATED prices each unit at its band").contains("**Cost accrual and cut-off.**")
                .contains("5000 COGS, inference compute").contains("2100 Accrued compute costs")
                .contains("**Vendor invoices.**").contains("**Infrastructure.**").contains("5100 COGS, infrastructure")
                .contains("**Platform fees.**").contains("4100 Platform subscription revenue")
                .contains("largest-remainder method")
                .contains("| list | 2 | 2026-05-01 | list | atlas | input_tokens | GRADUATED 1000000: 0.0000025; rest: 0.000002; |")
                .contains("| own-gpus | 1 | 2025-11-01 | own | COMPUTE | atlas | input_tokens | 0.0000009 |");
    }

    @org.junit.jupiter.api.Test
    void contractsAndTheSspTableAreStated() {
        var ssp = new dev.tokenledger.projections.contracts.ContractReports.SspRow("platform", 2,
                java.time.LocalDate.of(2026, 1, 1), "Enterprise platform | annual", "USD", "OBSERVABLE_PRICE", "month",
                "5000", "4500", "5500", "38 standalone renewals in 2025", java.time.LocalDate.of(2025, 12, 15),
                "accountant", java.time.Instant.parse("2026-01-01T00:00:00Z"));
        String md = AccountingPolicyDocument.markdown(ChartLoader.defaultChart(), List.of(), List.of(), List.of(),
                List.of(ssp), new AccountingPolicyDocument.Settings("UTC", true, 3), java.time.Instant.EPOCH);
        assertThat(md).contains("## 7. Contracts with several performance obligations")
                .contains("relative standalone selling price").contains("residual approach")
                .contains("**END_OF_TERM**").contains("**PROPORTIONAL_EXPECTED_SHORTFALL**")
                .contains("1160 Contract assets").contains("2310 Contract liability, platform fees")
                .contains("| platform | 2 | 2026-01-01 | Enterprise platform \\| annual | USD | OBSERVABLE_PRICE | month | 5000 | 4500 to 5500 | 38 standalone renewals in 2025 | 2025-12-15 | accountant |")
                .contains("## 9. Chart of accounts");
    }
}
