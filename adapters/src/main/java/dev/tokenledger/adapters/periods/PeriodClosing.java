package dev.tokenledger.adapters.periods;

import dev.tokenledger.adapters.platform.NotReadyException;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.periods.ClosePeriod;
import dev.tokenledger.periods.JournalSeal;
import dev.tokenledger.periods.PeriodChangeResult;
import dev.tokenledger.projections.EventMetadata;
import dev.tokenledger.projections.journal.JournalSeals;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.YearMonth;
import java.util.concurrent.TimeoutException;

/**
 * Closes a period and seals its checkpoint (README "Tamper evidence"): waits until the read models hold every event
 * stored so far, computes the seal over the journal through that position, and sends the close with it.
 */
@Service
public class PeriodClosing {

    private final CommandGateway commands;
    private final ProjectionMonitor monitor;
    private final JournalSeals seals;

    public PeriodClosing(CommandGateway commands, ProjectionMonitor monitor, JournalSeals seals) {
        this.commands = commands;
        this.monitor = monitor;
        this.seals = seals;
    }

    /** @param principal who closes, when not the signed-in user (the demo company); null otherwise */
    public PeriodChangeResult close(YearMonth period, String requestId, String principal) {
        long through = monitor.headPosition();
        try {
            monitor.awaitPosition(through, Duration.ofSeconds(30));
        } catch (TimeoutException e) {
            throw new NotReadyException("the read models are catching up with the event store; a period is closed "
                    + "with its seal once they hold every event", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReadyException("interrupted while waiting for the read models", 5);
        }
        JournalSeal seal = seals.seal(period, through);
        ClosePeriod command = new ClosePeriod(period, requestId, seal);
        if (principal == null) {
            return commands.sendAndWait(command);
        }
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(MetaData.with(EventMetadata.PRINCIPAL, principal)));
    }
}
