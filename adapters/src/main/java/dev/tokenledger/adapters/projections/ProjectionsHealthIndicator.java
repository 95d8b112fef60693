package dev.tokenledger.adapters.projections;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * DOWN while any projection is stuck on a failing event (it is retried, never skipped), naming the event, the handler
 * and the error; OUT_OF_SERVICE while the projections are being rebuilt (reports are partial meanwhile, and say so).
 */
@Component("projections")
public class ProjectionsHealthIndicator implements HealthIndicator {

    private final ProjectionMonitor monitor;
    private final ProjectionExclusions exclusions;

    public ProjectionsHealthIndicator(ProjectionMonitor monitor, ProjectionExclusions exclusions) {
        this.monitor = monitor;
        this.exclusions = exclusions;
    }

    @Override
    public Health health() {
        var status = monitor.status();
        boolean failing = status.stream().anyMatch(s -> !s.errors().isEmpty());
        Health.Builder builder = failing ? Health.down() : monitor.rebuilding() ? Health.status(Status.OUT_OF_SERVICE) : Health.up();
        status.forEach(s -> builder.withDetail(s.name(), s));
        if (monitor.rebuilding()) {
            builder.withDetail("rebuilding", true);
        }
        if (!exclusions.excluded().isEmpty()) {
            builder.withDetail("excludedEvents", exclusions.excluded().values());
        }
        return builder.build();
    }
}
