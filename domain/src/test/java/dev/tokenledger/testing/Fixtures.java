package dev.tokenledger.testing;

import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;

import java.util.ArrayList;
import java.util.List;

/** What the aggregate fixtures of the newer capabilities share: entries read as debit/credit rows, named refusals. */
public final class Fixtures {

    private Fixtures() {
    }

    /** The entries the events of a successful command post, as "DR 1100 100.00" / "CR 2330 100.00" rows. */
    public static List<String> postings(ResultValidator<?> result) {
        Capture events = new Capture();
        result.expectSuccessfulHandlerExecution().expectEventsMatching(events);
        return events.postings();
    }

    /** A refusal whose first violation has this code, names this field and says this. */
    public static BaseMatcher<Object> rejected(RejectionCode code, String field, String text) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof LedgerRejection r && r.violations().get(0).code() == code
                        && r.violations().get(0).field().equals(field) && r.violations().get(0).detail().contains(text);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(code + " on " + field + " saying '" + text + "'");
            }
        };
    }

    /** Captures the events a command published. */
    public static final class Capture extends TypeSafeMatcher<List<EventMessage<?>>> {
        private List<EventMessage<?>> events = List.of();

        @Override
        protected boolean matchesSafely(List<EventMessage<?>> published) {
            events = published;
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("any events");
        }

        public List<String> postings() {
            List<String> rows = new ArrayList<>();
            for (EventMessage<?> e : events) {
                if (e.getPayload() instanceof PostsJournalEntry posting && posting.journalEntry() != null) {
                    for (JournalLine line : posting.journalEntry().lines()) {
                        rows.add((line.side().name().equals("DEBIT") ? "DR " : "CR ") + line.accountCode() + " "
                                + line.amount().amount().toPlainString());
                    }
                }
            }
            return rows;
        }
    }
}
