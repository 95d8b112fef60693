package dev.tokenledger.adapters.projections;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Whether the ledger is still loading data at start (the demo company's history): OUT_OF_SERVICE in health and
 * readiness meanwhile, every report says {@code complete: false}, and automatic jobs (expiry) wait for it to finish.
 */
@Component("ledgerStartup")
public class LedgerReadiness implements HealthIndicator {

    private volatile String loading;

    /** Marks a load as running, with what it is doing; null when it has finished. */
    public void loading(String what) {
        loading = what;
    }

    public boolean isLoading() {
        return loading != null;
    }

    @Override
    public Health health() {
        String what = loading;
        return what == null ? Health.up().build()
                : Health.status(Status.OUT_OF_SERVICE).withDetail("loading", what).build();
    }
}
