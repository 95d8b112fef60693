package dev.tokenledger.adapters.projections;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * {@code java -jar token-ledger.jar --rebuild-projections}: rebuilds every projection, printing progress, then
 * exits (0 on success). Pair it with {@code --spring.main.web-application-type=none} next to a running server.
 */
@Component
@Order(0)
public class RebuildCommandLine implements ApplicationRunner {

    private final ProjectionRebuilder rebuilder;
    private final ApplicationContext context;

    public RebuildCommandLine(ProjectionRebuilder rebuilder, ApplicationContext context) {
        this.rebuilder = rebuilder;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!args.containsOption("rebuild-projections")) {
            return;
        }
        int exit = 0;
        try {
            rebuilder.rebuild(Duration.ofHours(6), line -> System.out.println("[rebuild] " + line));
        } catch (Exception e) {
            System.err.println("[rebuild] failed: " + e.getMessage());
            exit = 1;
        }
        int code = exit;
        System.exit(SpringApplication.exit(context, () -> code));
    }
}
