package dev.tokenledger.journal;

import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.periods.PeriodCalendar.Routing;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.AggregateRoot;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * One journal entry. Its id is the client's idempotency key: a retry finds the entry already there and gets the
 * first result back; a different request under the same id is refused.
 */
@AggregateRoot
public class JournalEntry {

    @AggregateIdentifier
    private String entryId;
    private PostedEntry posted;
    /** Fingerprint of the request that created this entry. */
    private String inputHash;
    private String reversedByEntryId;
    private String reversalInputHash;

    protected JournalEntry() {
        // Axon creates an empty instance before event sourcing or CREATE_IF_MISSING handling
    }

    /** Creates the reversing entry as its own aggregate, within the unit of work of the entry it reverses. */
    JournalEntry(PostedEntry reversal, String inputHash) {
        apply(new ReversalEntryPosted(reversal, inputHash));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PostingResult handle(PostJournalEntry command, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = fingerprint(command);
        if (posted != null) {
            return replayOf(hash, "entryId");
        }
        Violations violations = new Violations();
        RequestChecks.id(violations, "entryId", command.entryId());
        RequestChecks.date(violations, "effectiveDate", command.effectiveDate());
        RequestChecks.reason(violations, "reason", command.reason());
        RequestChecks.text(violations, "memo", command.memo(), Limits.MAX_TEXT);
        List<JournalLine> lines = EntryRules.validLines(violations, chart, command.lines());
        violations.throwIfAny();

        Routing routing = calendar.route(command.effectiveDate());
        PostedEntry entry = new PostedEntry(command.entryId(), EntryKind.MANUAL, command.effectiveDate(),
                routing.postingDate(), routing.priorPeriod(), command.memo(), command.reason().strip(),
                PolicyVersions.LEDGER_CORE, null, lines);
        apply(new ManualEntryPosted(entry, hash));
        return PostingResult.of(entry, false);
    }

    /**
     * Reverses a manual entry (or an adjustment). Entries posted by business events (wallets, cost documents,
     * contracts) are corrected by business events, so the sub-ledgers keep tying to the general ledger; the entry's
     * origin, as the directory records it, decides.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PostingResult handle(ReverseJournalEntry command, PeriodCalendar calendar, EntryDirectory directory) {
        String hash = InputFingerprint.of("reverse", command.entryId(), command.reversalEntryId(),
                command.effectiveDate(), command.reason());
        if (posted == null) {
            if (directory.kindOf(command.entryId()).filter(kind -> kind == EntryKind.BUSINESS_EVENT).isPresent()) {
                throw LedgerRejection.of(RejectionCode.POSTED_BY_BUSINESS_EVENT, "entryId", "entry " + command.entryId()
                        + " was posted by a business event and is corrected by business events, not reversed by hand");
            }
            throw LedgerRejection.of(RejectionCode.ENTRY_NOT_FOUND, "entryId", "no journal entry has id " + command.entryId());
        }
        if (posted.kind() == EntryKind.REVERSAL) {
            throw LedgerRejection.of(RejectionCode.REVERSAL_CANNOT_BE_REVERSED, "entryId",
                    "entry " + entryId + " reverses " + posted.reversesEntryId() + "; post that entry again instead");
        }
        if (reversedByEntryId != null) {
            if (reversedByEntryId.equals(command.reversalEntryId())) {
                if (!reversalInputHash.equals(hash)) {
                    throw LedgerRejection.of(RejectionCode.IDEMPOTENCY_KEY_REUSED, "reversalEntryId",
                            "reversal " + reversedByEntryId + " was requested with different content");
                }
                return new PostingResult(reversedByEntryId, null, null, false, true);
            }
            throw LedgerRejection.of(RejectionCode.ALREADY_REVERSED, "entryId",
                    "entry " + entryId + " was already reversed by " + reversedByEntryId);
        }
        Violations violations = new Violations();
        RequestChecks.id(violations, "reversalEntryId", command.reversalEntryId());
        if (RequestChecks.date(violations, "effectiveDate", command.effectiveDate())
                && command.effectiveDate().isBefore(posted.effectiveDate())) {
            violations.add(RejectionCode.EFFECTIVE_DATE_REQUIRED, "effectiveDate",
                    "a reversal cannot be dated before the entry it reverses (" + posted.effectiveDate() + ")");
        }
        RequestChecks.reason(violations, "reason", command.reason());
        violations.throwIfAny();
        if (directory.exists(command.reversalEntryId())) {
            throw LedgerRejection.of(RejectionCode.ENTRY_ID_IN_USE, "reversalEntryId",
                    "an entry with id " + command.reversalEntryId() + " already exists");
        }

        Routing routing = calendar.route(command.effectiveDate());
        List<JournalLine> mirrored = posted.lines().stream().map(JournalLine::mirrored).toList();
        PostedEntry reversal = new PostedEntry(command.reversalEntryId(), EntryKind.REVERSAL, command.effectiveDate(),
                routing.postingDate(), routing.priorPeriod(), "Reversal of " + entryId, command.reason().strip(),
                PolicyVersions.LEDGER_CORE, entryId, mirrored);
        apply(new JournalEntryReversed(entryId, command.reversalEntryId(), hash));
        try {
            createNew(JournalEntry.class, () -> new JournalEntry(reversal, hash));
        } catch (Exception e) {
            throw new IllegalStateException("could not create reversal " + command.reversalEntryId(), e);
        }
        return PostingResult.of(reversal, false);
    }

    private PostingResult replayOf(String hash, String field) {
        if (!hash.equals(inputHash)) {
            throw LedgerRejection.of(RejectionCode.IDEMPOTENCY_KEY_REUSED, field,
                    "entry " + entryId + " already exists with different content");
        }
        return PostingResult.of(posted, true);
    }

    static String fingerprint(PostJournalEntry command) {
        Object[] parts = new Object[4 + command.lines().size() * 5];
        parts[0] = "post";
        parts[1] = command.effectiveDate();
        parts[2] = command.memo();
        parts[3] = command.reason();
        int i = 4;
        for (JournalLineRequest line : command.lines()) {
            parts[i++] = line == null ? null : line.account();
            parts[i++] = line == null ? null : line.side();
            parts[i++] = line == null ? null : line.amount();
            parts[i++] = line == null ? null : line.currency();
            parts[i++] = line == null || line.dimensions() == null ? Dimensions.NONE : line.dimensions().normalized();
        }
        return InputFingerprint.of(parts);
    }

    @EventSourcingHandler
    void on(ManualEntryPosted event) {
        entryId = event.journalEntry().entryId();
        posted = event.journalEntry();
        inputHash = event.inputHash();
    }

    @EventSourcingHandler
    void on(ReversalEntryPosted event) {
        entryId = event.journalEntry().entryId();
        posted = event.journalEntry();
        inputHash = event.inputHash();
    }

    @EventSourcingHandler
    void on(JournalEntryReversed event) {
        reversedByEntryId = event.reversalEntryId();
        reversalInputHash = event.inputHash();
    }
}
