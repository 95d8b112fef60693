package dev.tokenledger.exportlog;

import dev.tokenledger.exportlog.ErpExportCommands.RecordErpExport;
import dev.tokenledger.exportlog.ErpExportCommands.SummaryLine;
import dev.tokenledger.journal.EntryDigest;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What was sent to an ERP for one period, currency and choice of dimensions (README "ERP journal files"), so that
 * sending it again is recognised as a repeat, and a correction posted after a period was sent goes as a delta file
 * (only the difference), never as a second copy of the whole period.
 */
@AggregateRoot
public class ErpExportLog {

    public enum Kind { FIRST, REPEAT, DELTA }

    @AggregateIdentifier
    private String id;
    private int sequence;
    private final Map<String, SummaryLine> sent = new TreeMap<>();
    private String sentHash;

    protected ErpExportLog() {
    }

    public static String aggregateId(ErpSystem erp, YearMonth period, String currency, List<String> dimensions) {
        return "erp-export:" + erp + ":" + period + ":" + currency + ":" + String.join("+", dimensions);
    }

    /** What a file must carry, decided by the log. */
    public record Decision(int sequence, Kind kind, List<SummaryLine> lines, String contentHash, boolean alreadyApplied) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Decision handle(RecordErpExport c) {
        Map<String, SummaryLine> now = new TreeMap<>();
        for (SummaryLine line : c.lines()) {
            if (line.netMinor() != 0) {
                now.merge(key(line), line, (a, b) -> new SummaryLine(a.account(), a.dimensionValues(), a.netMinor() + b.netMinor()));
            }
        }
        String hash = hash(now);
        Kind kind;
        List<SummaryLine> lines = new ArrayList<>();
        if (sequence == 0) {
            kind = Kind.FIRST;
            lines.addAll(now.values());
        } else if (hash.equals(sentHash)) {
            kind = Kind.REPEAT;
            lines.addAll(now.values());
        } else {
            kind = Kind.DELTA;
            TreeMap<String, Long> delta = new TreeMap<>();
            now.forEach((k, l) -> delta.merge(k, l.netMinor(), Long::sum));
            sent.forEach((k, l) -> delta.merge(k, -l.netMinor(), Long::sum));
            delta.forEach((k, amount) -> {
                if (amount != 0) {
                    SummaryLine like = now.containsKey(k) ? now.get(k) : sent.get(k);
                    lines.add(new SummaryLine(like.account(), like.dimensionValues(), amount));
                }
            });
        }
        apply(new ErpExportRecorded(c.erp(), c.period(), c.currency(), c.dimensions(), sequence + 1, kind, lines,
                List.copyOf(now.values()), hash, c.exportedBy()));
        return new Decision(sequence, kind, lines, hash, false);
    }

    @EventSourcingHandler
    void on(ErpExportRecorded e) {
        id = aggregateId(e.erp(), e.period(), e.currency(), e.dimensions());
        sequence = e.sequence();
        sent.clear();
        e.sentAfter().forEach(l -> sent.put(key(l), l));
        sentHash = e.contentHash();
    }

    private static String key(SummaryLine line) {
        return line.account() + "\u0000" + String.join("\u0000", line.dimensionValues());
    }

    private static String hash(Map<String, SummaryLine> lines) {
        StringBuilder text = new StringBuilder();
        lines.values().forEach(l -> text.append(l.account()).append('|').append(String.join("|", l.dimensionValues()))
                .append('|').append(l.netMinor()).append('\n'));
        return EntryDigest.sha256(text.toString());
    }
}
