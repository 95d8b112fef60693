package dev.tokenledger.adapters.platform;

import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.chart.ChartOfAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/** Loads and validates the chart at start; an invalid chart stops the start with the line at fault. */
@Configuration
public class ChartConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ChartConfiguration.class);

    @Bean
    public ChartOfAccounts chartOfAccounts(LedgerProperties properties) {
        ChartOfAccounts chart = properties.chartFile() == null || properties.chartFile().isBlank()
                ? ChartLoader.defaultChart()
                : ChartLoader.fromFile(Path.of(properties.chartFile()));
        log.info("Chart of accounts {} loaded: {} accounts, sha256 {}", chart.source(), chart.accounts().size(),
                chart.fingerprint());
        return chart;
    }
}
