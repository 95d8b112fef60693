package dev.tokenledger.costs;

import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.PostsJournalEntry;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

public final class Events {

    private Events() {
    }

    @Revision(EventRevisions.CURRENT)

    public record VendorInvoiceRecorded(String invoiceId, String vendor, LocalDate effectiveDate, String currency,
                                        long amountMinor, PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry {
    }

    /** One customer and model's part of an infrastructure cost. */
    public record AllocatedShare(String customerId, String model, long tokens, long amountMinor) {
    }

    @Revision(EventRevisions.CURRENT)

    public record InfrastructureCostAllocated(String allocationId, String vendor, YearMonth period,
                                              LocalDate effectiveDate, String currency, long amountMinor,
                                              List<AllocatedShare> shares, PostedEntry journalEntry, String inputHash)
            implements PostsJournalEntry {
    }
}
