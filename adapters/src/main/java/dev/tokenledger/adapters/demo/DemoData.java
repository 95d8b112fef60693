package dev.tokenledger.adapters.demo;

import dev.tokenledger.adapters.platform.LedgerProperties;
import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.credits.AdoptCreditProgram;
import dev.tokenledger.credits.BreakagePolicy;
import dev.tokenledger.credits.Commands;
import dev.tokenledger.credits.ExpiryRule;
import dev.tokenledger.credits.Settlement;
import dev.tokenledger.journal.Dimensions;
import dev.tokenledger.journal.JournalLineRequest;
import dev.tokenledger.journal.PostJournalEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.projections.EventMetadata;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A small, idempotent demo data set (fixed entry ids: a restart posts nothing twice), so a new user sees a
 * trial balance, general ledger and audit trail straight away. Switched off with LEDGER_DEMO=false.
 */
@Component
@Order(10)
public class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private final CommandGateway commands;
    private final ChartOfAccounts chart;
    private final LedgerProperties properties;

    public DemoData(CommandGateway commands, ChartOfAccounts chart, LedgerProperties properties) {
        this.commands = commands;
        this.chart = chart;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo().enabled() || args.containsOption("rebuild-projections")) {
            return;
        }
        List<PostJournalEntry> entries = List.of(
                entry("demo-0001", "2026-01-02", "Founders' capital", AccountRole.CASH, AccountRole.EQUITY, "50000.00", null, null),
                entry("demo-0002", "2026-01-10", "Acme buys prepaid credits", AccountRole.CASH, AccountRole.DEFERRED_REVENUE_CREDITS, "1000.00", "acme", null),
                entry("demo-0003", "2026-01-31", "Acme usage in January", AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.USAGE_REVENUE, "312.45", "acme", "model-large"),
                entry("demo-0004", "2026-01-31", "Compute cost of January usage", AccountRole.COGS_COMPUTE, AccountRole.ACCRUED_COMPUTE, "120.10", "acme", "model-large"),
                entry("demo-0005", "2026-02-05", "GPU vendor invoice for January", AccountRole.ACCRUED_COMPUTE, AccountRole.ACCOUNTS_PAYABLE, "120.10", null, null),
                entry("demo-0006", "2026-02-01", "Globex platform fee billed for 2026", AccountRole.ACCOUNTS_RECEIVABLE, AccountRole.DEFERRED_REVENUE_SUBSCRIPTION, "6000.00", "globex", null),
                entry("demo-0007", "2026-02-28", "Globex platform fee earned in February", AccountRole.DEFERRED_REVENUE_SUBSCRIPTION, AccountRole.SUBSCRIPTION_REVENUE, "500.00", "globex", null));
        for (PostJournalEntry entry : entries) {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(entry)
                    .withMetaData(MetaData.with(EventMetadata.PRINCIPAL, "demo-data")));
        }
        seedCredits();
        log.info("Demo data set in place ({} manual entries, ids demo-0001..demo-{}; credit program 'standard' with "
                + "wallets for customers 'initech' and 'hooli')", entries.size(), String.format("%04d", entries.size()));
    }

    /** Prepaid credits for two demo customers: a purchase with bonus credits, a promotional grant, usage, overage. */
    private void seedCredits() {
        List<Object> credits = List.of(
                new AdoptCreditProgram("standard", "demo-program-v1", LocalDate.parse("2026-01-01"), "USD",
                        new BigDecimal("0.01"), ExpiryRule.daysAfterPurchase(365), BreakagePolicy.REMOTE, null,
                        BigDecimal.ZERO, true),
                new Commands.PurchaseCredits("initech", "demo-purchase-1", "standard", LocalDate.parse("2026-02-01"),
                        new BigDecimal("500.00"), "USD", new BigDecimal("50000"), new BigDecimal("5000"), Settlement.CASH, null),
                new Commands.GrantPromotionalCredits("hooli", "demo-grant-1", "standard", LocalDate.parse("2026-02-01"),
                        new BigDecimal("1000"), LocalDate.parse("2026-03-31")),
                new Commands.DrawUsage("initech", "demo-usage-2026-02", LocalDate.parse("2026-02-28"), null,
                        null, new BigDecimal("123.4567"), "February usage"),
                new Commands.DrawUsage("hooli", "demo-usage-2026-02", LocalDate.parse("2026-02-28"), null,
                        new BigDecimal("1500"), null, "February usage"));
        for (Object command : credits) {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .withMetaData(MetaData.with(EventMetadata.PRINCIPAL, "demo-data")));
        }
    }

    private PostJournalEntry entry(String id, String date, String memo, AccountRole debit, AccountRole credit,
                                   String amount, String customer, String model) {
        Dimensions dims = new Dimensions(customer, null, null, model, null, null);
        return new PostJournalEntry(id, LocalDate.parse(date), memo, "demo data set", List.of(
                new JournalLineRequest(chart.accountFor(debit).code(), Side.DEBIT, new BigDecimal(amount), "USD", dims),
                new JournalLineRequest(chart.accountFor(credit).code(), Side.CREDIT, new BigDecimal(amount), "USD", dims)));
    }
}
