package dev.tokenledger.adapters.demo;

import dev.tokenledger.adapters.platform.LedgerProperties;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.adapters.usage.UsageFileImport;
import dev.tokenledger.costs.Commands.AllocateInfrastructureCost;
import dev.tokenledger.costs.Commands.RecordVendorInvoice;
import dev.tokenledger.projections.usage.UsageReports;
import dev.tokenledger.adapters.usageledger.UsageLedger;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
import java.time.YearMonth;

/**
 * Demo mode's usage: the synthetic AI company (1,000 customers by default) with a year of usage imported through the
 * file import, then each month's compute invoice and allocated infrastructure. Runs once per database.
 */
@Component
@Order(11)
public class UsageDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(UsageDemoData.class);
    private final LedgerProperties properties;
    private final SyntheticAiCompanySetup setup;
    private final UsageFileImport fileImport;
    private final CommandGateway commands;
    private final UsageReports reports;
    private final ProjectionMonitor monitor;
    private final UsageLedger ledger;
    private final int customers;
    private final long records;

    public UsageDemoData(LedgerProperties properties, SyntheticAiCompanySetup setup, UsageFileImport fileImport,
                         CommandGateway commands, UsageReports reports, ProjectionMonitor monitor, UsageLedger ledger,
                         @Value("${ledger.demo.customers:1000}") int customers,
                         @Value("${ledger.demo.usage-records:30000}") long records) {
        this.properties = properties;
        this.setup = setup;
        this.fileImport = fileImport;
        this.commands = commands;
        this.reports = reports;
        this.monitor = monitor;
        this.ledger = ledger;
        this.customers = customers;
        this.records = records;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!properties.demo().enabled() || records <= 0 || args.containsOption("rebuild-projections")
                || args.containsOption("import-usage") || !ledger.isEmpty()) {
            return;
        }
        SyntheticAiCompany company = new SyntheticAiCompany(customers, 42);
        setup.setUp(company);
        Path file = Files.createTempFile("demo-usage", ".csv");
        try {
            long written = company.writeUsage(file, records);
            log.info("Demo usage: importing {} records of {} customers over 12 months", written, customers);
            fileImport.importFile(file, 5_000, new PrintStream(PrintStream.nullOutputStream()), false, null);
        } finally {
            Files.deleteIfExists(file);
        }
        monitor.awaitCaughtUp(Duration.ofMinutes(5));
        YearMonth first = YearMonth.from(SyntheticAiCompany.START);
        for (YearMonth month = first; month.isBefore(first.plusMonths(12)); month = month.plusMonths(1)) {
            var basis = reports.tokenShares(month, "USD");
            if (basis.isEmpty()) {
                continue;
            }
            // the demo's assumptions: infrastructure runs at 40% of the month's direct cost, and the third-party
            // vendor invoices exactly the fees accrued for its model
            var totals = reports.margin(month, month, java.util.EnumSet.noneOf(UsageReports.Dimension.class), null, null).totals();
            long directMinor = totals.isEmpty() ? 0 : totals.get(0).directCostMinor();
            if (directMinor * 4 / 10 > 0) {
                commands.sendAndWait(new AllocateInfrastructureCost("demo-infra-" + month, "colo-gpus", month.toString(),
                        BigDecimal.valueOf(directMinor * 4 / 10, 2), "USD", basis));
            }
            var orbit = reports.margin(month, month, java.util.EnumSet.noneOf(UsageReports.Dimension.class), null, "orbit").totals();
            long fees = orbit.isEmpty() ? 0 : orbit.get(0).directCostMinor();
            if (fees > 0) {
                commands.sendAndWait(new RecordVendorInvoice("demo-orbitai-" + month, "orbitai",
                        month.plusMonths(1).atDay(5), BigDecimal.valueOf(fees, 2), "USD", "third-party model fees, " + month));
            }
        }
        log.info("Demo usage in place: see /api/v1/reports/usage-margin?from={}&to={}&groupBy=period,model", first,
                first.plusMonths(11));
    }
}
