package dev.tokenledger.usage;

import dev.tokenledger.kernel.ClientRequest;
import dev.tokenledger.kernel.WalletIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Price, cost and post one ingestion batch's new usage records of one customer. The records are already
 * de-duplicated against the usage ledger; each is priced or rejected on its own.
 */
public record RecordUsage(String customerId, String batchId, List<UsageRecord> records) implements ClientRequest {

    @Override
    public String clientRequestId() {
        return batchId;
    }

    @Override
    public String targetField() {
        return "customerId";
    }

    @TargetAggregateIdentifier
    public String walletId() {
        return WalletIds.aggregateId(customerId);
    }
}
