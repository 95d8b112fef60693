package dev.tokenledger.journal;

import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.money.Money;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.tokenledger.journal.Side.CREDIT;
import static dev.tokenledger.journal.Side.DEBIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Postings are written as debit/credit tables: each {@code line(account, side, amount)} is one row.
 */
class JournalEntryTest {

    private static final LocalDate JAN_15 = LocalDate.of(2026, 1, 15);
    private final Set<YearMonth> closed = new HashSet<>();
    private final Set<String> takenIds = new HashSet<>();
    private FixtureConfiguration<JournalEntry> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(JournalEntry.class);
        fixture.registerInjectableResource(ChartLoader.defaultChart());
        fixture.registerInjectableResource((PeriodCalendar) closed::contains);
        fixture.registerInjectableResource((EntryDirectory) takenIds::contains);
    }

    // --- posting -------------------------------------------------------------------------------------------

    @Test
    void balancedEntryPostsItsLinesUnderTheCurrentPolicy() {
        PostJournalEntry command = post("JE-1",
                request("1000", DEBIT, "120.50"),
                request("3000", CREDIT, "120.50"));
        PostedEntry expected = new PostedEntry("JE-1", EntryKind.MANUAL, JAN_15, JAN_15, false, "opening cash",
                "opening balance", PolicyVersions.LEDGER_CORE, null, List.of(
                //      account  side    amount
                line("1000", DEBIT, "120.50"),
                line("3000", CREDIT, "120.50")));

        fixture.givenNoPriorActivity()
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ManualEntryPosted(expected, JournalEntry.fingerprint(command)))
                .expectResultMessagePayload(new PostingResult("JE-1", JAN_15, JAN_15, false, false));
    }

    @Test
    void severalCurrenciesMustEachBalance() {
        fixture.givenNoPriorActivity()
                .when(post("JE-2",
                        request("1000", DEBIT, "10.00", "USD"),
                        request("3000", CREDIT, "10.00", "USD"),
                        request("1000", DEBIT, "900", "JPY"),
                        request("3000", CREDIT, "900", "JPY")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void unbalancedEntryIsRejectedAndNothingIsStored() {
        fixture.givenNoPriorActivity()
                .when(post("JE-3", request("1000", DEBIT, "100.00"), request("3000", CREDIT, "99.99")))
                .expectNoEvents()
                .expectException(LedgerRejection.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("UNBALANCED"));
    }

    @Test
    void balancedInOneCurrencyButNotAnotherIsRejected() {
        expectRejection(post("JE-4",
                request("1000", DEBIT, "10.00", "USD"),
                request("3000", CREDIT, "10.00", "EUR")), RejectionCode.UNBALANCED, "lines");
    }

    @Test
    void zeroAmountIsRejected() {
        expectRejection(post("JE-5", request("1000", DEBIT, "0"), request("3000", CREDIT, "0")),
                RejectionCode.NON_POSITIVE_AMOUNT, "lines[0].amount");
    }

    @Test
    void negativeAmountIsRejected() {
        expectRejection(post("JE-6", request("1000", DEBIT, "-5.00"), request("3000", CREDIT, "-5.00")),
                RejectionCode.NON_POSITIVE_AMOUNT, "lines[0].amount");
    }

    @Test
    void unknownAccountIsRejected() {
        expectRejection(post("JE-7", request("1000", DEBIT, "5.00"), request("9999", CREDIT, "5.00")),
                RejectionCode.UNKNOWN_ACCOUNT, "lines[1].account");
    }

    @Test
    void nonPostableAccountIsRejected() {
        var chart = ChartLoader.parse(defaultChartWith("1999,Current assets (header),ASSET,,false,1999"), "test");
        lastChart = chart;
        fixture = new AggregateTestFixture<>(JournalEntry.class);
        fixture.registerInjectableResource(chart);
        fixture.registerInjectableResource((PeriodCalendar) closed::contains);
        fixture.registerInjectableResource((EntryDirectory) takenIds::contains);
        expectRejection(post("JE-8", request("1999", DEBIT, "5.00"), request("3000", CREDIT, "5.00")),
                RejectionCode.ACCOUNT_NOT_POSTABLE, "lines[0].account");
    }

    @Test
    void precisionBeyondTheMinorUnitIsRejected() {
        expectRejection(post("JE-9", request("1000", DEBIT, "5.001"), request("3000", CREDIT, "5.001")),
                RejectionCode.PRECISION_BEYOND_MINOR_UNIT, "lines[0].amount");
        expectRejection(post("JE-9", request("1000", DEBIT, "5.5", "JPY"), request("3000", CREDIT, "5.5", "JPY")),
                RejectionCode.PRECISION_BEYOND_MINOR_UNIT, "lines[0].amount");
    }

    @Test
    void unknownCurrencyIsRejected() {
        expectRejection(post("JE-10", request("1000", DEBIT, "5", "ZZZ"), request("3000", CREDIT, "5", "ZZZ")),
                RejectionCode.UNKNOWN_CURRENCY, "lines[0].currency");
    }

    @Test
    void missingSideIsRejected() {
        expectRejection(post("JE-11", request("1000", null, "5.00"), request("3000", CREDIT, "5.00")),
                RejectionCode.SIDE_REQUIRED, "lines[0].side");
    }

    @Test
    void singleLineIsRejected() {
        expectRejection(post("JE-12", request("1000", DEBIT, "5.00")), RejectionCode.TOO_FEW_LINES, "lines");
    }

    @Test
    void manualEntryNeedsAReason() {
        PostJournalEntry noReason = new PostJournalEntry("JE-13", JAN_15, "memo", " ",
                List.of(request("1000", DEBIT, "5.00"), request("3000", CREDIT, "5.00")));
        expectRejection(noReason, RejectionCode.REASON_REQUIRED, "reason");
    }

    @Test
    void effectiveDateIsRequired() {
        PostJournalEntry noDate = new PostJournalEntry("JE-14", null, "memo", "why",
                List.of(request("1000", DEBIT, "5.00"), request("3000", CREDIT, "5.00")));
        expectRejection(noDate, RejectionCode.EFFECTIVE_DATE_REQUIRED, "effectiveDate");
    }

    @Test
    void overlongMemoIsRejected() {
        PostJournalEntry command = new PostJournalEntry("JE-16", JAN_15, "m".repeat(1001), "why",
                List.of(request("1000", DEBIT, "5.00"), request("3000", CREDIT, "5.00")));
        expectRejection(command, RejectionCode.MEMO_TOO_LONG, "memo");
    }

    @Test
    void tooManyLinesAreRejected() {
        JournalLineRequest[] lines = new JournalLineRequest[501];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = request("1000", i % 2 == 0 ? DEBIT : CREDIT, "1.00");
        }
        expectRejection(post("JE-17", lines), RejectionCode.TOO_MANY_LINES, "lines");
    }

    @Test
    void malformedDimensionIsRejected() {
        JournalLineRequest withControlCharacter = new JournalLineRequest("1000", DEBIT, new BigDecimal("5.00"), "USD",
                Dimensions.ofCustomer("acme\u0000"));
        expectRejection(post("JE-18", withControlCharacter, request("3000", CREDIT, "5.00")),
                RejectionCode.DIMENSION_INVALID, "lines[0].dimensions");
    }

    @Test
    void malformedIdIsRejected() {
        expectRejection(post("period:2026-01", request("1000", DEBIT, "5.00"), request("3000", CREDIT, "5.00")),
                RejectionCode.REQUEST_ID_INVALID, "entryId");
    }

    @Test
    void severalProblemsAreAllReportedHighestPrecedenceFirst() {
        PostJournalEntry command = new PostJournalEntry("JE-15", JAN_15, null, null,
                List.of(request("9999", DEBIT, "5.00"), request("3000", CREDIT, "5.001")));
        fixture.givenNoPriorActivity().when(command).expectNoEvents().expectException(LedgerRejection.class);
        LedgerRejection rejection = rejectionOf(command);
        assertThat(rejection.violations()).extracting(v -> v.code())
                .containsExactly(RejectionCode.REASON_REQUIRED, RejectionCode.UNKNOWN_ACCOUNT,
                        RejectionCode.PRECISION_BEYOND_MINOR_UNIT);
    }

    // --- idempotency ---------------------------------------------------------------------------------------

    @Test
    void sameIdSamePayloadIsANoOpReturningTheFirstResult() {
        PostJournalEntry command = post("JE-20", request("1000", DEBIT, "7.00"), request("3000", CREDIT, "7.00"));
        PostJournalEntry sameWithOtherScale = post("JE-20", request("1000", DEBIT, "7"), request("3000", CREDIT, "7.0"));
        fixture.given(new ManualEntryPosted(postedOf(command), JournalEntry.fingerprint(command)))
                .when(sameWithOtherScale)
                .expectNoEvents()
                .expectResultMessagePayload(new PostingResult("JE-20", JAN_15, JAN_15, false, true));
    }

    @Test
    void sameIdDifferentPayloadIsRejected() {
        PostJournalEntry command = post("JE-21", request("1000", DEBIT, "7.00"), request("3000", CREDIT, "7.00"));
        fixture.given(new ManualEntryPosted(postedOf(command), JournalEntry.fingerprint(command)))
                .when(post("JE-21", request("1000", DEBIT, "8.00"), request("3000", CREDIT, "8.00")))
                .expectNoEvents()
                .expectException(LedgerRejection.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("IDEMPOTENCY_KEY_REUSED"));
    }

    // --- closed periods ------------------------------------------------------------------------------------

    @Test
    void entryDatedInAClosedPeriodPostsToTheFirstOpenPeriodFlaggedPriorPeriod() {
        closed.add(YearMonth.of(2026, 1));
        closed.add(YearMonth.of(2026, 2));
        PostJournalEntry command = post("JE-30", request("5300", DEBIT, "3.10"), request("1000", CREDIT, "3.10"));
        fixture.givenNoPriorActivity()
                .when(command)
                .expectResultMessagePayload(new PostingResult("JE-30", JAN_15, LocalDate.of(2026, 3, 1), true, false))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.<Object>hasToString(org.hamcrest.Matchers.containsString(
                                        "effectiveDate=2026-01-15, postingDate=2026-03-01, priorPeriod=true"))),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    // --- reversal ------------------------------------------------------------------------------------------

    @Test
    void reversalMirrorsEveryLineInANewLinkedEntry() {
        PostJournalEntry original = post("JE-40",
                request("1100", DEBIT, "250.00"),
                request("2300", CREDIT, "200.00"),
                request("2310", CREDIT, "50.00"));
        LocalDate feb2 = LocalDate.of(2026, 2, 2);
        ReverseJournalEntry reverse = new ReverseJournalEntry("JE-40", "JE-40-R", feb2, "posted to the wrong customer");
        fixture.given(new ManualEntryPosted(postedOf(original), JournalEntry.fingerprint(original)))
                .when(reverse)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new PostingResult("JE-40-R", feb2, feb2, false, false))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(JournalEntryReversed.class)),
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.equalTo(new ReversalEntryPosted(new PostedEntry("JE-40-R",
                                        EntryKind.REVERSAL, feb2, feb2, false, "Reversal of JE-40",
                                        "posted to the wrong customer", PolicyVersions.LEDGER_CORE, "JE-40", List.of(
                                        //      account  side    amount
                                        line("1100", CREDIT, "250.00"),
                                        line("2300", DEBIT, "200.00"),
                                        line("2310", DEBIT, "50.00"))),
                                        InputFingerprint.of("reverse", "JE-40", "JE-40-R", feb2, "posted to the wrong customer")))),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void retriedReversalIsANoOpAndASecondReversalIsRejected() {
        PostJournalEntry original = post("JE-41", request("1000", DEBIT, "1.00"), request("3000", CREDIT, "1.00"));
        String hash = InputFingerprint.of("reverse", "JE-41", "JE-41-R", JAN_15, "dup");
        fixture.given(new ManualEntryPosted(postedOf(original), JournalEntry.fingerprint(original)),
                        new JournalEntryReversed("JE-41", "JE-41-R", hash))
                .when(new ReverseJournalEntry("JE-41", "JE-41-R", JAN_15, "dup"))
                .expectNoEvents()
                .expectResultMessagePayload(new PostingResult("JE-41-R", null, null, false, true));

        fixture.given(new ManualEntryPosted(postedOf(original), JournalEntry.fingerprint(original)),
                        new JournalEntryReversed("JE-41", "JE-41-R", hash))
                .when(new ReverseJournalEntry("JE-41", "JE-41-R2", JAN_15, "again"))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("ALREADY_REVERSED"));

        fixture.given(new ManualEntryPosted(postedOf(original), JournalEntry.fingerprint(original)),
                        new JournalEntryReversed("JE-41", "JE-41-R", hash))
                .when(new ReverseJournalEntry("JE-41", "JE-41-R", JAN_15, "other reason"))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void aReversalCannotBeReversed() {
        PostedEntry reversal = new PostedEntry("R-1", EntryKind.REVERSAL, JAN_15, JAN_15, false, "Reversal of X",
                "why", PolicyVersions.LEDGER_CORE, "X", List.of(line("1000", DEBIT, "1.00"), line("3000", CREDIT, "1.00")));
        fixture.given(new ReversalEntryPosted(reversal, "h"))
                .when(new ReverseJournalEntry("R-1", "R-1-R", JAN_15, "undo"))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("REVERSAL_CANNOT_BE_REVERSED"));
    }

    @Test
    void reversalNeedsAReasonAndAFreeId() {
        PostJournalEntry original = post("JE-42", request("1000", DEBIT, "1.00"), request("3000", CREDIT, "1.00"));
        fixture.given(new ManualEntryPosted(postedOf(original), JournalEntry.fingerprint(original)))
                .when(new ReverseJournalEntry("JE-42", "JE-42-R", JAN_15, ""))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("REASON_REQUIRED"));

        takenIds.add("JE-1");
        fixture.given(new ManualEntryPosted(postedOf(original), JournalEntry.fingerprint(original)))
                .when(new ReverseJournalEntry("JE-42", "JE-1", JAN_15, "why"))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("ENTRY_ID_IN_USE"));
    }

    @Test
    void reversalIntoAClosedPeriodPostsToTheFirstOpenOne() {
        PostJournalEntry original = post("JE-43", request("1000", DEBIT, "1.00"), request("3000", CREDIT, "1.00"));
        closed.add(YearMonth.of(2026, 1));
        fixture.given(new ManualEntryPosted(postedOf(original), JournalEntry.fingerprint(original)))
                .when(new ReverseJournalEntry("JE-43", "JE-43-R", JAN_15, "wrong"))
                .expectResultMessagePayload(new PostingResult("JE-43-R", JAN_15, LocalDate.of(2026, 2, 1), true, false));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private void expectRejection(PostJournalEntry command, RejectionCode code, String field) {
        fixture.givenNoPriorActivity().when(command).expectNoEvents().expectException(LedgerRejection.class);
        LedgerRejection rejection = rejectionOf(command);
        assertThat(rejection.code()).isEqualTo(code);
        assertThat(rejection.primary().field()).isEqualTo(field);
    }

    private LedgerRejection rejectionOf(PostJournalEntry command) {
        try {
            new JournalEntry().handle(command, fixtureChart(), closed::contains);
        } catch (LedgerRejection rejection) {
            return rejection;
        }
        throw new AssertionError("expected a rejection");
    }

    private dev.tokenledger.chart.ChartOfAccounts fixtureChart() {
        return lastChart != null ? lastChart : ChartLoader.defaultChart();
    }

    private dev.tokenledger.chart.ChartOfAccounts lastChart;

    private static String defaultChartWith(String extraLine) {
        try (var in = ChartLoader.class.getResourceAsStream(ChartLoader.DEFAULT_CHART_RESOURCE)) {
            return new String(in.readAllBytes()) + extraLine + "\n";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PostedEntry postedOf(PostJournalEntry command) {
        return new PostedEntry(command.entryId(), EntryKind.MANUAL, command.effectiveDate(), command.effectiveDate(),
                false, command.memo(), command.reason(), PolicyVersions.LEDGER_CORE, null,
                command.lines().stream().map(l -> new JournalLine(l.account(), l.side(),
                        Money.of(l.amount().toPlainString(), l.currency()), Dimensions.NONE)).toList());
    }

    static PostJournalEntry post(String id, JournalLineRequest... lines) {
        return new PostJournalEntry(id, JAN_15, "opening cash", "opening balance", List.of(lines));
    }

    static JournalLineRequest request(String account, Side side, String amount) {
        return request(account, side, amount, "USD");
    }

    static JournalLineRequest request(String account, Side side, String amount, String currency) {
        return new JournalLineRequest(account, side, new BigDecimal(amount), currency, null);
    }

    static JournalLine line(String account, Side side, String amount) {
        return new JournalLine(account, side, Money.of(amount, "USD"), Dimensions.NONE);
    }
}
