package dev.tokenledger.exportlog;

import dev.tokenledger.kernel.ClientRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.YearMonth;
import java.util.List;

/** Commands of the ERP export log (README "ERP journal files"). */
public final class ErpExportCommands {

    private ErpExportCommands() {
    }

    /**
     * One summarised line of a period's journal: an account, the values of the chosen dimensions, and the net amount
     * in minor units (positive a debit, negative a credit).
     */
    public record SummaryLine(String account, List<String> dimensionValues, long netMinor) {
    }

    /**
     * Record that a period's summary is being sent to an ERP: the log decides whether it is the first file, a repeat
     * of what was sent, or a correction (only the difference is sent).
     *
     * @param dimensions the dimensions the summary keeps (customer, model ...), in order
     * @param lines      the period's summary as the ledger has it now
     */
    public record RecordErpExport(ErpSystem erp, YearMonth period, String currency, List<String> dimensions,
                                  List<SummaryLine> lines, String exportedBy) implements ClientRequest {

        @Override
        public String clientRequestId() {
            return "erp-export-" + erp + "-" + period + "-" + currency;
        }

        @TargetAggregateIdentifier
        public String aggregateId() {
            return ErpExportLog.aggregateId(erp, period, currency, dimensions);
        }
    }
}
