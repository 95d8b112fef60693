package dev.tokenledger.adapters.projections;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Administration", description = "Projection status and rebuild from the event store")
public class ProjectionAdminController {

    private final ProjectionMonitor monitor;
    private final ProjectionRebuilder rebuilder;

    public ProjectionAdminController(ProjectionMonitor monitor, ProjectionRebuilder rebuilder) {
        this.monitor = monitor;
        this.rebuilder = rebuilder;
    }

    @GetMapping("/api/v1/admin/projections")
    @Operation(summary = "Each projection processor's position, lag, rebuild progress and errors")
    public ProjectionsView status() {
        return new ProjectionsView(monitor.status(), rebuilder.lastRebuild());
    }

    @PostMapping("/api/v1/admin/projections/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Drop and rebuild every projection from the event store (ADMIN); follow progress with GET")
    public ProjectionsView rebuild() {
        ProjectionRebuilder.Rebuild rebuild = rebuilder.rebuildInBackground();
        return new ProjectionsView(monitor.status(), rebuild);
    }

    public record ProjectionsView(List<ProjectionMonitor.ProcessorStatus> processors,
                                  ProjectionRebuilder.Rebuild lastRebuild) {
    }
}
