package dev.tokenledger.adapters.projections;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** DOWN while any projection is stuck on a failing event (it is retried, never skipped), with the error. */
@Component("projections")
public class ProjectionsHealthIndicator implements HealthIndicator {

    private final ProjectionMonitor monitor;

    public ProjectionsHealthIndicator(ProjectionMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        var status = monitor.status();
        boolean failing = status.stream().anyMatch(s -> !s.errors().isEmpty());
        Health.Builder builder = failing ? Health.down() : Health.up();
        status.forEach(s -> builder.withDetail(s.name(), s));
        return builder.build();
    }
}
