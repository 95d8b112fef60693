package dev.tokenledger.adapters.demo;

import dev.tokenledger.adapters.credits.CreditExpiryJob;
import dev.tokenledger.adapters.journal.CommandBatches;
import dev.tokenledger.adapters.platform.LedgerProperties;
import dev.tokenledger.adapters.projections.LedgerReadiness;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.adapters.usage.UsageFileImport;
import dev.tokenledger.adapters.usageledger.UsageLedger;
import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.costs.Commands.AllocateInfrastructureCost;
import dev.tokenledger.costs.Commands.RecordVendorInvoice;
import dev.tokenledger.credits.Commands.InvoiceOverage;
import dev.tokenledger.credits.Commands.PurchaseCredits;
import dev.tokenledger.credits.Commands.RecordPayment;
import dev.tokenledger.credits.Settlement;
import dev.tokenledger.journal.Dimensions;
import dev.tokenledger.journal.JournalLineRequest;
import dev.tokenledger.journal.PostJournalEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.periods.ClosePeriod;
import dev.tokenledger.projections.EventMetadata;
import dev.tokenledger.projections.credits.CreditReports;
import dev.tokenledger.projections.usage.UsageReports;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Demo mode's company: a year of an AI inference business (README "The demo company"), booked month by month the
 * way its finance team would: credit purchases and grants, the month's usage through the file import, then month-end
 * work (overage invoiced, invoices paid on their terms, pools expired on their dates, infrastructure allocated,
 * vendor invoices and payment runs) and the period closed. A late vendor credit note for a closed month shows how a
 * prior-period entry posts. Runs once per database, before the ledger reports itself ready: meanwhile readiness is
 * OUT_OF_SERVICE and every report says it is incomplete. Switched off with LEDGER_DEMO=false.
 */
@Component
@Order(10)
public class DemoCompany implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCompany.class);
    static final String CAPITAL_ENTRY = "demo-capital";
    static final BigDecimal CREDIT_NOTE = new BigDecimal("1250.00");

    private final LedgerProperties properties;
    private final CommandGateway commands;
    private final CommandBatches batches;
    private final UsageFileImport fileImport;
    private final UsageLedger ledger;
    private final UsageReports usage;
    private final CreditReports credits;
    private final CreditExpiryJob expiry;
    private final ProjectionMonitor monitor;
    private final LedgerReadiness readiness;
    private final ChartOfAccounts chart;
    private final dev.tokenledger.adapters.contracts.ContractService contractService;
    private final dev.tokenledger.adapters.periods.PeriodClosing periodClosing;
    private final ZoneId zone;
    private final org.springframework.core.env.Environment environment;
    private final int customers;
    private final long records;

    public DemoCompany(LedgerProperties properties, CommandGateway commands, CommandBatches batches,
                       UsageFileImport fileImport, UsageLedger ledger, UsageReports usage, CreditReports credits,
                       CreditExpiryJob expiry, ProjectionMonitor monitor, LedgerReadiness readiness, ChartOfAccounts chart,
                       dev.tokenledger.adapters.contracts.ContractService contractService,
                       dev.tokenledger.adapters.periods.PeriodClosing periodClosing,
                       org.springframework.core.env.Environment environment,
                       @Value("${ledger.reporting-zone:UTC}") String zone,
                       @Value("${ledger.demo.customers:1000}") int customers,
                       @Value("${ledger.demo.usage-records:30000}") long records) {
        this.properties = properties;
        this.commands = commands;
        this.batches = batches;
        this.fileImport = fileImport;
        this.ledger = ledger;
        this.usage = usage;
        this.credits = credits;
        this.expiry = expiry;
        this.monitor = monitor;
        this.readiness = readiness;
        this.chart = chart;
        this.contractService = contractService;
        this.periodClosing = periodClosing;
        this.zone = ZoneId.of(zone);
        this.environment = environment;
        this.customers = customers;
        this.records = records;
        if (properties.demo().enabled()) {
            readiness.loading("checking for the demo company");
        }
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!properties.demo().enabled()) {
            return;
        }
        try {
            if (args.containsOption("rebuild-projections") || args.containsOption("import-usage")
                    || args.containsOption("verify-journal") || args.containsOption("audit-package")
                    || args.containsOption("benchmark-usage") || args.containsOption("benchmark-journal")
                    || !ledger.isEmpty() || credits.wallet(SyntheticAiCompany.customerId(0)).isPresent()) {
                return;
            }
            importCompany();
        } finally {
            readiness.loading(null);
        }
    }

    /** An invoice the company issued, and when its customer pays it (null: not within the year). */
    private record Issued(String customerId, String invoiceId, LocalDate paidOn) {
    }

    private void importCompany() throws Exception {
        long started = System.nanoTime();
        SyntheticAiCompany company = new SyntheticAiCompany(customers, 42);
        System.out.printf("[demo] Booking the demo company: %,d customers, a year of usage (about %,d records) from %s "
                + "to %s. Reports say \"complete\": false until it is done (readiness: /actuator/health/readiness).%n",
                customers, records, SyntheticAiCompany.START, SyntheticAiCompany.END);
        send(entry(CAPITAL_ENTRY, SyntheticAiCompany.START.minusDays(17), "Founders' and seed capital",
                AccountRole.CASH, AccountRole.EQUITY, new BigDecimal("3000000.00")));
        batches.sendAll(company.catalog());
        batches.sendAll(company.programs());
        DemoContracts contracts = new DemoContracts(contractService, company);
        contracts.sign(this::send);
        List<Issued> invoices = new ArrayList<>();
        YearMonth first = YearMonth.from(SyntheticAiCompany.START);
        YearMonth last = YearMonth.from(SyntheticAiCompany.END);
        int done = 0;
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1), done++) {
            readiness.loading("booking " + month + " of the demo company (" + done + " of 12 months done)");
            System.out.printf("[demo] %s (%d of 12)%n", month, done + 1);
            LocalDate start = month.atDay(1);
            LocalDate end = month.atEndOfMonth();
            contracts.beginMonth(month);
            List<Object> credit = company.creditCommands(start, end);
            for (int from = 0; from < credit.size(); from += 500) {
                batches.sendAll(credit.subList(from, Math.min(credit.size(), from + 500)));
            }
            for (Object command : credit) {
                if (command instanceof PurchaseCredits p && p.settlement() == Settlement.INVOICED) {
                    invoices.add(new Issued(p.customerId(), p.purchaseId(), company.paymentDate(p.customerId(), p.effectiveDate())));
                }
            }
            Path file = Files.createTempFile("demo-usage-" + month, ".csv");
            try {
                company.writeUsage(file, records, start, end);
                fileImport.importFile(file, 5_000, new PrintStream(PrintStream.nullOutputStream()), false, null);
            } finally {
                Files.deleteIfExists(file);
            }
            monitor.awaitCaughtUp(Duration.ofMinutes(5));
            closeMonth(company, month, invoices, contracts);
        }
        // pools whose expiry date (plus the grace for late usage) passed after the demo year, up to today
        monitor.awaitCaughtUp(Duration.ofMinutes(5));
        expiry.expireDuePools(LocalDate.now(zone));
        monitor.awaitCaughtUp(Duration.ofMinutes(5));
        System.out.printf("[demo] The demo company is booked (%d s). Try: curl -u auditor:auditor-secret "
                        + "'localhost:%s/api/v1/reports/usage-margin?from=%s&to=%s&groupBy=period'%n",
                (System.nanoTime() - started) / 1_000_000_000L, environment.getProperty("local.server.port", "8080"), first, last);
    }

    /** Month-end work: overage invoiced, invoices paid on their terms, expiries, costs, and the period closed. */
    private void closeMonth(SyntheticAiCompany company, YearMonth month, List<Issued> invoices, DemoContracts contracts)
            throws Exception {
        LocalDate end = month.atEndOfMonth();
        String tag = month.toString();
        // overage billed in arrears, for everything unbilled at month end
        for (Map.Entry<String, Long> unbilled : credits.unbilledOverage().entrySet()) {
            send(new InvoiceOverage(unbilled.getKey(), "overage-" + tag, end, null));
            invoices.add(new Issued(unbilled.getKey(), "overage-" + tag, company.paymentDate(unbilled.getKey(), end)));
        }
        // customers pay on their terms (30 days, some late, a few not within the year)
        List<Object> payments = new ArrayList<>();
        for (Issued invoice : invoices) {
            if (invoice.paidOn() != null && YearMonth.from(invoice.paidOn()).equals(month)) {
                payments.add(new RecordPayment(invoice.customerId(), "pay-" + invoice.invoiceId(), invoice.invoiceId(),
                        invoice.paidOn(), null));
            }
        }
        for (int from = 0; from < payments.size(); from += 500) {
            batches.sendAll(payments.subList(from, Math.min(payments.size(), from + 500)));
        }
        // pools that expired this month, dated their expiry date, before the month is closed
        expiry.expireDuePools(end.plusDays(expiry.graceDays() + 1L));
        monitor.awaitCaughtUp(Duration.ofMinutes(5));
        // the month's fixed infrastructure, allocated by tokens; the vendors' invoices for what was accrued
        var basis = usage.tokenShares(month, "USD");
        BigDecimal infrastructure = company.infrastructure(month);
        if (!basis.isEmpty()) {
            send(new AllocateInfrastructureCost("colo-" + tag, "colo-gpus", tag, infrastructure, "USD", basis));
        }
        BigDecimal own = BigDecimal.ZERO;
        BigDecimal orbit = BigDecimal.ZERO;
        for (UsageReports.MarginRow row : usage.margin(month, month, EnumSet.of(UsageReports.Dimension.MODEL), null, null).rows()) {
            if ("orbit".equals(row.model())) {
                orbit = orbit.add(row.directCost());
            } else {
                own = own.add(row.directCost());
            }
        }
        LocalDate invoiced = end.plusDays(5);
        if (own.signum() > 0) {
            send(new RecordVendorInvoice("gpu-cloud-" + tag, "gpu-cloud", invoiced, own, "USD", "inference compute, " + tag));
        }
        if (orbit.signum() > 0) {
            send(new RecordVendorInvoice("orbitai-" + tag, "orbitai", invoiced, orbit, "USD", "third-party model fees, " + tag));
        }
        BigDecimal payable = own.add(orbit).add(basis.isEmpty() ? BigDecimal.ZERO : infrastructure)
                .subtract(month.equals(YearMonth.of(2026, 4)) ? CREDIT_NOTE : BigDecimal.ZERO);
        if (payable.signum() > 0) {
            send(entry("ap-run-" + tag, end.plusDays(28), "Vendor payment run for " + tag, AccountRole.ACCOUNTS_PAYABLE,
                    AccountRole.CASH, payable));
        }
        if (month.equals(YearMonth.of(2026, 4))) {
            // a credit note for March arrives after March was closed: it posts in April, flagged prior-period
            send(entry("orbitai-credit-2026-03", LocalDate.of(2026, 3, 31), "Credit note from orbitai for March (rate dispute)",
                    AccountRole.ACCOUNTS_PAYABLE, AccountRole.COGS_THIRD_PARTY_MODELS, CREDIT_NOTE));
        }
        // contracts: revenue recognised through the month end, invoices due, payments, the commitment settled
        contracts.closeMonth(month);
        if (month.isBefore(YearMonth.from(SyntheticAiCompany.END))) {
            periodClosing.close(month, "close-" + tag, "demo-company");
        }
    }

    private PostJournalEntry entry(String id, LocalDate date, String memo, AccountRole debit, AccountRole credit, BigDecimal amount) {
        return new PostJournalEntry(id, date, memo, "demo company: " + memo, List.of(
                new JournalLineRequest(chart.accountFor(debit).code(), Side.DEBIT, amount, "USD", Dimensions.NONE),
                new JournalLineRequest(chart.accountFor(credit).code(), Side.CREDIT, amount, "USD", Dimensions.NONE)));
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(MetaData.with(EventMetadata.PRINCIPAL, "demo-company")));
    }
}
