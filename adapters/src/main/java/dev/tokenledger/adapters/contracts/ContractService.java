package dev.tokenledger.adapters.contracts;

import dev.tokenledger.contracts.Contract.ContractResult;
import dev.tokenledger.contracts.ContractCommands.ContractCommand;
import dev.tokenledger.contracts.ContractCommands.SignContract;
import dev.tokenledger.contracts.ModificationTreatment;
import dev.tokenledger.credits.Commands.ExpireContractCredits;
import dev.tokenledger.credits.Commands.FundContractCredits;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * Carries out a contract command and what it asks of other aggregates in one database transaction: the wallet pools
 * a signing or modification funds, the pools a termination ends, and the separate contract a modification at SSP
 * becomes (README "Contracts"). Either all of it is stored or none of it.
 */
@Service
public class ContractService {

    private final CommandGateway commands;
    private final TransactionManager transactionManager;

    public ContractService(CommandGateway commands, TransactionManager transactionManager) {
        this.commands = commands;
        this.transactionManager = transactionManager;
    }

    /** What a contract request did, as the API answers it. */
    public record Outcome(String contractId, String requestId, List<String> entryIds, boolean alreadyApplied,
                          ModificationTreatment treatment, String separateContractId, List<String> poolsFunded,
                          List<String> poolsExpired) {
    }

    public Outcome sign(SignContract command) {
        return inOneTransaction(command, null);
    }

    public Outcome send(ContractCommand command) {
        return inOneTransaction(command, null);
    }

    /** As {@link #send}, on behalf of {@code principal} (a job or the demo company, outside any HTTP request). */
    public Outcome sendAs(String principal, Object command) {
        return inOneTransaction(command, principal);
    }

    private Outcome inOneTransaction(Object command, String principal) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        try {
            ContractResult result = send(command, principal);
            List<String> entries = new ArrayList<>(result.entryIds());
            List<String> funded = new ArrayList<>();
            String separate = null;
            if (result.separateContract() != null) {
                ContractResult signed = send(result.separateContract(), principal);
                entries.addAll(signed.entryIds());
                funded.addAll(fund(signed.walletFunding(), principal));
                separate = result.separateContract().contractId();
            }
            funded.addAll(fund(result.walletFunding(), principal));
            List<String> expired = new ArrayList<>();
            for (ExpireContractCredits expiry : result.walletExpiries()) {
                send(expiry, principal);
                expired.add(expiry.poolId());
            }
            unitOfWork.commit();
            return new Outcome(result.contractId(), result.requestId(), entries, result.alreadyApplied(),
                    result.treatment(), separate, funded, expired);
        } catch (RuntimeException e) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(e);
            }
            throw e;
        }
    }

    private <R> R send(Object command, String principal) {
        if (principal == null) {
            return commands.sendAndWait(command);
        }
        return commands.sendAndWait(org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage(command)
                .withMetaData(org.axonframework.messaging.MetaData.with(
                        dev.tokenledger.projections.EventMetadata.PRINCIPAL, principal)));
    }

    private List<String> fund(List<FundContractCredits> funding, String principal) {
        List<String> pools = new ArrayList<>();
        for (FundContractCredits f : funding) {
            send(f, principal);
            pools.add(f.poolId());
        }
        return pools;
    }
}
