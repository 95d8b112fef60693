package dev.tokenledger.exportlog;

import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;

import java.time.YearMonth;
import java.util.List;

/**
 * A period's summary was sent to an ERP (README "ERP journal files").
 *
 * @param sequence    1 for the first file of the period, 2 and up for later ones
 * @param kind        FIRST, REPEAT (the same as already sent: nothing new to import) or DELTA (a correction)
 * @param lines       what this file carries: the whole summary (FIRST, REPEAT) or the difference from what was sent
 * @param sentAfter   everything sent for the period, this file included
 * @param contentHash SHA-256 of the period's summary as sent after this file
 */
@Revision(EventRevisions.CURRENT)
public record ErpExportRecorded(ErpSystem erp, YearMonth period, String currency, List<String> dimensions,
                                int sequence, ErpExportLog.Kind kind, List<ErpExportCommands.SummaryLine> lines,
                                List<ErpExportCommands.SummaryLine> sentAfter, String contentHash, String exportedBy) {
}
