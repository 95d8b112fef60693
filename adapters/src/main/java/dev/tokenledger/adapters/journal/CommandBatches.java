package dev.tokenledger.adapters.journal;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends several commands in one root unit of work, hence one database transaction: all of them are stored, or
 * none. Volume paths (imports, benchmarks) use it because one transaction per command caps throughput at the
 * database's commit rate.
 */
@Component
public class CommandBatches {

    private final CommandGateway commands;
    private final TransactionManager transactionManager;

    public CommandBatches(CommandGateway commands, TransactionManager transactionManager) {
        this.commands = commands;
        this.transactionManager = transactionManager;
    }

    public <R> List<R> sendAll(List<?> batch) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        List<R> results = new ArrayList<>(batch.size());
        try {
            for (Object command : batch) {
                results.add(commands.sendAndWait(command));
            }
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
        unitOfWork.commit();
        return results;
    }
}
