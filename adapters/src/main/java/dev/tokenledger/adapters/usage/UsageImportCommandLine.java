package dev.tokenledger.adapters.usage;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.nio.file.Path;

/**
 * {@code bin/ledger --import-usage=FILE [--batch-size=N] [--parallel=N]}: imports a CSV or JSON-lines file of usage records, with
 * a progress bar on stderr and a summary on stdout, then exits: 0 when every record was accepted or a duplicate,
 * 2 when some were rejected (listed in FILE.rejections.csv), 1 when the import could not run.
 */
@Component
@Order(10)
public class UsageImportCommandLine implements ApplicationRunner {

    private final UsageFileImport fileImport;
    private final ApplicationContext context;

    public UsageImportCommandLine(UsageFileImport fileImport, ApplicationContext context) {
        this.fileImport = fileImport;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("import-usage")) {
            return;
        }
        int exit;
        try {
            int batchSize = args.containsOption("batch-size") ? Integer.parseInt(args.getOptionValues("batch-size").get(0)) : 5_000;
            if (batchSize < 1 || batchSize > 200_000) {
                throw new IllegalArgumentException("--batch-size is between 1 and 200000");
            }
            int parallel = args.containsOption("parallel") ? Integer.parseInt(args.getOptionValues("parallel").get(0))
                    : 1;
            if (parallel < 1 || parallel > 64) {
                throw new IllegalArgumentException("--parallel is between 1 and 64");
            }
            UsageFileImport.Summary summary = fileImport.importFile(Path.of(args.getOptionValues("import-usage").get(0)),
                    batchSize, parallel, System.out, !args.containsOption("no-progress"), null);
            exit = summary.rejected() > 0 ? 2 : 0;
        } catch (Exception e) {
            System.err.println("[import] failed: " + e.getMessage());
            exit = 1;
        }
        int code = exit;
        System.exit(SpringApplication.exit(context, () -> code));
    }
}
