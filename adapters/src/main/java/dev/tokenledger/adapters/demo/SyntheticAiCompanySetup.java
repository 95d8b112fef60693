package dev.tokenledger.adapters.demo;

import dev.tokenledger.adapters.journal.CommandBatches;
import org.springframework.stereotype.Component;

import java.util.List;

/** Publishes the synthetic company's cards and programs and books its credits, idempotently. */
@Component
public class SyntheticAiCompanySetup {

    private final CommandBatches batches;

    public SyntheticAiCompanySetup(CommandBatches batches) {
        this.batches = batches;
    }

    public void setUp(SyntheticAiCompany company) {
        batches.sendAll(company.catalog());
        List<Object> credits = company.credits();
        for (int from = 0; from < credits.size(); from += 500) {
            batches.sendAll(credits.subList(from, Math.min(credits.size(), from + 500)));
        }
    }
}
