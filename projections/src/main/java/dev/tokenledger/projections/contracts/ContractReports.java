package dev.tokenledger.projections.contracts;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.AccountType;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.contracts.RatableSchedule;
import dev.tokenledger.contracts.Segment;
import dev.tokenledger.money.Money;
import dev.tokenledger.projections.LedgerTables.GlLine;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.tokenledger.projections.contracts.ContractTables.AllocationLine;
import static dev.tokenledger.projections.contracts.ContractTables.BillingItem;
import static dev.tokenledger.projections.contracts.ContractTables.Contract;
import static dev.tokenledger.projections.contracts.ContractTables.History;
import static dev.tokenledger.projections.contracts.ContractTables.Invoice;
import static dev.tokenledger.projections.contracts.ContractTables.Obligation;
import static dev.tokenledger.projections.contracts.ContractTables.Ssp;
import static dev.tokenledger.projections.contracts.ContractTables.Version;

/**
 * Contract reports (README "Contracts"): contracts and their allocation (the SSP analysis), schedules, the revenue
 * waterfall as known at any time, contract balances tied to the general ledger, remaining performance obligations
 * (ASC 606-10-50-13), and revenue disaggregated (50-5). Amounts are decimals in the contract's currency.
 */
public class ContractReports {

    private final DSLContext db;
    private final ChartOfAccounts chart;

    public ContractReports(DSLContext db, ChartOfAccounts chart) {
        this.db = db;
        this.chart = chart;
    }

    // --- the SSP table ------------------------------------------------------------------------------------------

    public record SspRow(String sspId, int version, LocalDate effectiveFrom, String description, String currency,
                         String method, String unit, String unitPrice, String rangeLow, String rangeHigh,
                         String evidence, LocalDate evidenceAsOf, String publishedBy, Instant recordedAt) {
    }

    public List<SspRow> sspTable() {
        return db.select(ContractTables.all(Ssp.class)).from(Ssp.TABLE).orderBy(Ssp.SSP_ID, Ssp.VERSION).fetch(r -> new SspRow(r.get(Ssp.SSP_ID),
                r.get(Ssp.VERSION), r.get(Ssp.EFFECTIVE_FROM), r.get(Ssp.DESCRIPTION), r.get(Ssp.CURRENCY),
                r.get(Ssp.METHOD), r.get(Ssp.UNIT), r.get(Ssp.UNIT_PRICE), r.get(Ssp.RANGE_LOW), r.get(Ssp.RANGE_HIGH),
                r.get(Ssp.EVIDENCE), r.get(Ssp.EVIDENCE_AS_OF), r.get(Ssp.PUBLISHED_BY), r.get(Ssp.RECORDED_AT).toInstant()));
    }

    // --- contracts ------------------------------------------------------------------------------------------------

    public record ContractSummary(String contractId, String customerId, String currency, LocalDate signedOn,
                                  LocalDate termStart, LocalDate termEnd, String status, BigDecimal transactionPrice,
                                  BigDecimal billed, BigDecimal contractAsset, BigDecimal contractLiability,
                                  String modificationOf) {
    }

    public List<ContractSummary> contracts(String customer) {
        Condition where = customer == null ? DSL.trueCondition() : Contract.CUSTOMER_ID.eq(customer);
        return db.select(ContractTables.all(Contract.class)).from(Contract.TABLE).where(where).orderBy(Contract.CONTRACT_ID).fetch(this::summary);
    }

    private ContractSummary summary(Record r) {
        Currency c = Currency.getInstance(r.get(Contract.CURRENCY));
        long position = r.get(Contract.POSITION_MINOR);
        return new ContractSummary(r.get(Contract.CONTRACT_ID), r.get(Contract.CUSTOMER_ID), c.getCurrencyCode(),
                r.get(Contract.SIGNED_ON), r.get(Contract.TERM_START), r.get(Contract.TERM_END), r.get(Contract.STATUS),
                money(r.get(Contract.PRICE_MINOR), c), money(r.get(Contract.BILLED_MINOR), c),
                money(Math.max(-position, 0), c), money(Math.max(position, 0), c), r.get(Contract.MODIFICATION_OF));
    }

    public record ObligationView(String obligationId, String kind, String description, String ssp, String quantity,
                                 String standaloneSellingPrice, String pattern, String basis, BigDecimal allocated,
                                 BigDecimal recognized, BigDecimal unrecognized, LocalDate start, LocalDate end,
                                 LocalDate expectedOn, LocalDate deliveredOn, LocalDate endedOn, String poolId,
                                 String programId, String credits, LocalDate poolExpiresOn, OptionView option) {
    }

    /** A material right's option (README "Material rights"); null for other obligations. */
    public record OptionView(String exerciseLikelihood, LocalDate expiresOn, String expectedUnits, String exercisedUnits,
                             LocalDate lapsedOn) {
    }

    public record CommitmentView(BigDecimal amount, String policy, String expectedConsumption, BigDecimal recognized,
                                 boolean settled, BigDecimal shortfall, String usageCounted) {
    }

    public record InvoiceView(String invoiceId, LocalDate invoiceDate, LocalDate dueOn, BigDecimal amount,
                              BigDecimal open, String purpose) {
    }

    public record BillingItemView(LocalDate billOn, BigDecimal amount, boolean billed) {
    }

    public record HistoryRow(String event, String requestId, LocalDate effectiveDate, String entryId, String summary,
                             String principal, Instant recordedAt) {
    }

    public record ContractView(ContractSummary contract, String billingSchedule, String settlement,
                               int paymentTermsDays, String refundOnTermination, LocalDate terminatedOn, String memo,
                               String policyVersion, List<ObligationView> obligations, CommitmentView commitment,
                               List<BillingItemView> billingPlan, List<InvoiceView> invoices, List<HistoryRow> history) {
    }

    public Optional<ContractView> contract(String contractId) {
        Record r = db.select(ContractTables.all(Contract.class)).from(Contract.TABLE).where(Contract.CONTRACT_ID.eq(contractId)).fetchOne();
        if (r == null) {
            return Optional.empty();
        }
        Currency c = Currency.getInstance(r.get(Contract.CURRENCY));
        List<ObligationView> obligations = db.select(ContractTables.all(Obligation.class)).from(Obligation.TABLE).where(Obligation.CONTRACT_ID.eq(contractId))
                .orderBy(Obligation.SEQ).fetch(o -> obligation(o, c));
        CommitmentView commitment = r.get(Contract.COMMITMENT_MINOR) == null ? null : new CommitmentView(
                money(r.get(Contract.COMMITMENT_MINOR), c), r.get(Contract.COMMITMENT_POLICY),
                r.get(Contract.COMMITMENT_EXPECTED), money(r.get(Contract.COMMITMENT_RECOGNIZED_MINOR), c),
                Boolean.TRUE.equals(r.get(Contract.COMMITMENT_SETTLED)),
                r.get(Contract.COMMITMENT_SHORTFALL_MINOR) == null ? null : money(r.get(Contract.COMMITMENT_SHORTFALL_MINOR), c),
                r.get(Contract.USAGE_COUNTED));
        List<BillingItemView> plan = db.select(ContractTables.all(BillingItem.class)).from(BillingItem.TABLE).where(BillingItem.CONTRACT_ID.eq(contractId))
                .orderBy(BillingItem.BILL_ON, BillingItem.SEQ)
                .fetch(b -> new BillingItemView(b.get(BillingItem.BILL_ON), money(b.get(BillingItem.AMOUNT_MINOR), c),
                        b.get(BillingItem.BILLED)));
        List<InvoiceView> invoices = db.select(ContractTables.all(Invoice.class)).from(Invoice.TABLE).where(Invoice.CONTRACT_ID.eq(contractId))
                .orderBy(Invoice.INVOICE_DATE, Invoice.INVOICE_ID)
                .fetch(i -> new InvoiceView(i.get(Invoice.INVOICE_ID), i.get(Invoice.INVOICE_DATE), i.get(Invoice.DUE_ON),
                        money(i.get(Invoice.AMOUNT_MINOR), c), money(i.get(Invoice.OPEN_MINOR), c), i.get(Invoice.PURPOSE)));
        List<HistoryRow> history = db.select(ContractTables.all(History.class)).from(History.TABLE).where(History.CONTRACT_ID.eq(contractId))
                .orderBy(History.EVENT_POSITION)
                .fetch(h -> new HistoryRow(h.get(History.EVENT_TYPE), h.get(History.REQUEST_ID), h.get(History.EFFECTIVE_DATE),
                        h.get(History.ENTRY_ID), h.get(History.SUMMARY), h.get(History.PRINCIPAL),
                        h.get(History.RECORDED_AT).toInstant()));
        return Optional.of(new ContractView(summary(r), r.get(Contract.BILLING_SCHEDULE), r.get(Contract.SETTLEMENT),
                r.get(Contract.PAYMENT_TERMS_DAYS), r.get(Contract.REFUND_ON_TERMINATION), r.get(Contract.TERMINATED_ON),
                r.get(Contract.MEMO), r.get(Contract.POLICY_VERSION), obligations, commitment, plan, invoices, history));
    }

    private ObligationView obligation(Record o, Currency c) {
        boolean pool = "AS_CREDITS_ARE_USED".equals(o.get(Obligation.PATTERN));
        long allocated = o.get(Obligation.ALLOCATED_MINOR);
        long recognized = pool ? poolRecognized(o.get(Obligation.POOL_ID)) : o.get(Obligation.RECOGNIZED_MINOR);
        long unrecognized = o.get(Obligation.ENDED_ON) != null && !pool ? 0 : allocated - recognized;
        return new ObligationView(o.get(Obligation.OBLIGATION_ID), o.get(Obligation.KIND), o.get(Obligation.DESCRIPTION),
                o.get(Obligation.SSP_LABEL), o.get(Obligation.QUANTITY), o.get(Obligation.SSP), o.get(Obligation.PATTERN),
                o.get(Obligation.BASIS), money(allocated, c), money(recognized, c), money(unrecognized, c),
                o.get(Obligation.START_DATE), o.get(Obligation.END_DATE), o.get(Obligation.EXPECTED_ON),
                o.get(Obligation.DELIVERED_ON), o.get(Obligation.ENDED_ON), o.get(Obligation.POOL_ID),
                o.get(Obligation.PROGRAM_ID), o.get(Obligation.CREDITS), o.get(Obligation.POOL_EXPIRES_ON),
                o.get(Obligation.OPTION_LIKELIHOOD) == null ? null : new OptionView(o.get(Obligation.OPTION_LIKELIHOOD),
                        o.get(Obligation.OPTION_EXPIRES_ON), o.get(Obligation.OPTION_EXPECTED_UNITS),
                        o.get(Obligation.OPTION_EXERCISED_UNITS), o.get(Obligation.OPTION_LAPSED_ON)));
    }

    /**
     * Every material right (README "Material rights"): its option, what was allocated to it, recognised out of it and
     * what remains in MATERIAL_RIGHT_LIABILITY; {@code liabilityPerGeneralLedger} is that account's balance for the
     * contract and obligation, so each row ties to the ledger.
     */
    public record MaterialRightRow(String contractId, String customerId, String currency, String obligationId,
                                   String description, String pattern, String units, OptionView option,
                                   BigDecimal allocated, BigDecimal recognized, BigDecimal liability,
                                   BigDecimal liabilityPerGeneralLedger, boolean ties) {
    }

    public List<MaterialRightRow> materialRights(String customer) {
        String account = chart.accountFor(AccountRole.MATERIAL_RIGHT_LIABILITY).code();
        Map<String, Long> gl = new HashMap<>();
        var balance = DSL.sum(GlLine.CREDIT_MINOR.minus(GlLine.DEBIT_MINOR));
        db.select(GlLine.CONTRACT, GlLine.PRODUCT, balance).from(GlLine.TABLE).where(GlLine.ACCOUNT_CODE.eq(account))
                .groupBy(GlLine.CONTRACT, GlLine.PRODUCT)
                .forEach(r -> gl.put(r.get(GlLine.CONTRACT) + "|" + r.get(GlLine.PRODUCT), r.get(balance, BigDecimal.class).longValueExact()));
        return db.select(ContractTables.all(Obligation.class)).select(Contract.CUSTOMER_ID, Contract.CURRENCY)
                .from(Obligation.TABLE).join(Contract.TABLE).on(Contract.CONTRACT_ID.eq(Obligation.CONTRACT_ID))
                .where(Obligation.KIND.eq("MATERIAL_RIGHT"))
                .and(customer == null ? DSL.trueCondition() : Contract.CUSTOMER_ID.eq(customer))
                .orderBy(Obligation.CONTRACT_ID, Obligation.SEQ)
                .fetch(r -> {
                    Currency c = Currency.getInstance(r.get(Contract.CURRENCY));
                    long allocated = r.get(Obligation.ALLOCATED_MINOR);
                    long recognized = r.get(Obligation.RECOGNIZED_MINOR);
                    long ledger = gl.getOrDefault(r.get(Obligation.CONTRACT_ID) + "|" + r.get(Obligation.OBLIGATION_ID), 0L);
                    ObligationView view = obligation(r, c);
                    return new MaterialRightRow(r.get(Obligation.CONTRACT_ID), r.get(Contract.CUSTOMER_ID), c.getCurrencyCode(),
                            r.get(Obligation.OBLIGATION_ID), r.get(Obligation.DESCRIPTION), r.get(Obligation.PATTERN),
                            r.get(Obligation.QUANTITY), view.option(), money(allocated, c), money(recognized, c),
                            money(allocated - recognized, c), money(ledger, c), ledger == allocated - recognized);
                });
    }

    /** What a contract's pool has taken out of its liability so far (usage, breakage, escheat, refunds). */
    private long poolRecognized(String poolId) {
        String liability = chart.accountFor(AccountRole.DEFERRED_REVENUE_CREDITS).code();
        BigDecimal debits = db.select(DSL.sum(GlLine.DEBIT_MINOR)).from(GlLine.TABLE)
                .where(GlLine.ACCOUNT_CODE.eq(liability)).and(GlLine.CREDIT_POOL.eq(poolId)).fetchOne(0, BigDecimal.class);
        BigDecimal credits = db.select(DSL.sum(GlLine.CREDIT_MINOR)).from(GlLine.TABLE)
                .where(GlLine.ACCOUNT_CODE.eq(liability)).and(GlLine.CREDIT_POOL.eq(poolId))
                .and(GlLine.CONTRACT.isNull()).fetchOne(0, BigDecimal.class);
        // credits on the pool other than its funding (by the contract) give revenue back (negative catch-ups)
        return (debits == null ? 0 : debits.longValueExact()) - (credits == null ? 0 : credits.longValueExact());
    }

    // --- the SSP analysis ---------------------------------------------------------------------------------------

    public record AllocationLineView(String obligationId, String sspId, Integer sspVersion, String method, String unit,
                                     String unitPrice, String rangeLow, String rangeHigh, String quantity,
                                     String standaloneSellingPrice, String relativeShare, String group,
                                     String groupDiscount, BigDecimal allocated, String evidence,
                                     LocalDate evidenceAsOf) {
    }

    public record AllocationDecision(String decidedBy, LocalDate decidedOn, BigDecimal amountAllocated,
                                     String totalStandaloneSellingPrice, List<AllocationLineView> lines) {
    }

    public record SspAnalysis(String contractId, String customerId, String currency, String method,
                              List<AllocationDecision> decisions) {
    }

    public Optional<SspAnalysis> allocation(String contractId) {
        Record k = db.select(ContractTables.all(Contract.class)).from(Contract.TABLE).where(Contract.CONTRACT_ID.eq(contractId)).fetchOne();
        if (k == null) {
            return Optional.empty();
        }
        Currency c = Currency.getInstance(k.get(Contract.CURRENCY));
        Map<String, String> quantities = new HashMap<>();
        db.select(Obligation.OBLIGATION_ID, Obligation.QUANTITY).from(Obligation.TABLE)
                .where(Obligation.CONTRACT_ID.eq(contractId))
                .forEach(r -> quantities.put(r.get(Obligation.OBLIGATION_ID), r.get(Obligation.QUANTITY)));
        Map<String, List<Record>> byDecision = new LinkedHashMap<>();
        db.select(ContractTables.all(AllocationLine.class, Ssp.class)).from(AllocationLine.TABLE)
                .leftJoin(Ssp.TABLE).on(Ssp.SSP_ID.eq(AllocationLine.SSP_ID)).and(Ssp.VERSION.eq(AllocationLine.SSP_VERSION))
                .where(AllocationLine.CONTRACT_ID.eq(contractId))
                .orderBy(AllocationLine.DECIDED_ON, AllocationLine.DECIDED_BY, AllocationLine.LINE_NO)
                .forEach(r -> byDecision.computeIfAbsent(r.get(AllocationLine.DECIDED_BY), x -> new ArrayList<>()).add(r));
        List<AllocationDecision> decisions = new ArrayList<>();
        byDecision.forEach((by, rows) -> {
            BigDecimal total = rows.stream().map(r -> new BigDecimal(r.get(AllocationLine.SSP))).reduce(BigDecimal.ZERO, BigDecimal::add);
            List<AllocationLineView> lines = rows.stream().map(r -> {
                BigDecimal ssp = new BigDecimal(r.get(AllocationLine.SSP));
                String share = total.signum() == 0 ? "0" : ssp.multiply(BigDecimal.valueOf(100))
                        .divide(total, 4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
                return new AllocationLineView(r.get(AllocationLine.OBLIGATION_ID), r.get(AllocationLine.SSP_ID),
                        r.get(AllocationLine.SSP_VERSION), r.get(AllocationLine.METHOD), r.get(Ssp.UNIT),
                        r.get(Ssp.UNIT_PRICE), r.get(Ssp.RANGE_LOW), r.get(Ssp.RANGE_HIGH),
                        quantities.get(r.get(AllocationLine.OBLIGATION_ID)), r.get(AllocationLine.SSP), share,
                        r.get(AllocationLine.GROUP_NAME), r.get(AllocationLine.GROUP_DISCOUNT),
                        money(r.get(AllocationLine.ALLOCATED_MINOR), c), r.get(Ssp.EVIDENCE), r.get(Ssp.EVIDENCE_AS_OF));
            }).toList();
            decisions.add(new AllocationDecision(by, rows.get(0).get(AllocationLine.DECIDED_ON),
                    money(rows.get(0).get(AllocationLine.TOTAL_MINOR), c), ContractProjection.plain(total), lines));
        });
        return Optional.of(new SspAnalysis(contractId, k.get(Contract.CUSTOMER_ID), c.getCurrencyCode(),
                "relative standalone selling price, largest remainder in minor units (ASC 606-10-32-28 to 32-41)", decisions));
    }

    // --- schedules and the waterfall ---------------------------------------------------------------------------

    /** One obligation as known at a time, able to say what it recognises month by month after a date. */
    private record Known(String contractId, String obligationId, String customerId, Currency currency, String kind,
                         String pattern, long allocated, List<Segment> segments, LocalDate expectedOn,
                         LocalDate deliveredOn, LocalDate endedOn, String poolId, LocalDate poolExpiresOn) {
    }

    private List<Known> known(Instant knownAt, String customer, String contract) {
        Condition when = knownAt == null ? DSL.trueCondition() : Version.KNOWN_FROM.le(knownAt.atOffset(ZoneOffset.UTC));
        if (customer != null) {
            when = when.and(Version.CUSTOMER_ID.eq(customer));
        }
        if (contract != null) {
            when = when.and(Version.CONTRACT_ID.eq(contract));
        }
        Map<List<String>, Record> latest = new LinkedHashMap<>();
        db.select(ContractTables.all(Version.class)).from(Version.TABLE).where(when).orderBy(Version.CONTRACT_ID, Version.EVENT_POSITION)
                .forEach(r -> latest.put(List.of(r.get(Version.CONTRACT_ID), r.get(Version.OBLIGATION_ID)), r));
        return latest.values().stream().map(r -> new Known(r.get(Version.CONTRACT_ID), r.get(Version.OBLIGATION_ID),
                r.get(Version.CUSTOMER_ID), Currency.getInstance(r.get(Version.CURRENCY)), r.get(Version.KIND),
                r.get(Version.PATTERN), r.get(Version.ALLOCATED_MINOR), SegmentText.decode(r.get(Version.SEGMENTS)),
                r.get(Version.EXPECTED_ON), r.get(Version.DELIVERED_ON), r.get(Version.ENDED_ON), r.get(Version.POOL_ID),
                r.get(Version.POOL_EXPIRES_ON))).toList();
    }

    /**
     * What an obligation still recognises after {@code asOf}, by month; a null month holds what has no date (a
     * delivery with no expected date). A credit pool's remaining liability is placed in the month it expires: it is
     * recognised as credits are used, at the latest then (as breakage).
     */
    private Map<YearMonth, Long> remaining(Known k, LocalDate asOf, Instant knownAt) {
        Map<YearMonth, Long> months = new LinkedHashMap<>();
        switch (k.pattern()) {
            case "RATABLE" -> {
                List<Segment> segments = k.segments();
                if (k.endedOn() != null) {
                    // terminated: nothing is recognised after the termination date
                    long at = RatableSchedule.cumulativeThrough(segments, k.endedOn());
                    if (!asOf.isBefore(k.endedOn())) {
                        return months;
                    }
                    long before = RatableSchedule.cumulativeThrough(segments, asOf);
                    for (YearMonth m = YearMonth.from(asOf); !m.atDay(1).isAfter(k.endedOn()); m = m.plusMonths(1)) {
                        long through = m.atEndOfMonth().isAfter(k.endedOn()) ? at : RatableSchedule.cumulativeThrough(segments, m.atEndOfMonth());
                        if (through != before) {
                            months.put(m, through - before);
                        }
                        before = through;
                    }
                    return months;
                }
                return RatableSchedule.remainingByMonth(segments, asOf);
            }
            case "ON_DELIVERY" -> {
                if (k.endedOn() != null || (k.deliveredOn() != null && !k.deliveredOn().isAfter(asOf))) {
                    return months;
                }
                LocalDate when = k.deliveredOn() != null ? k.deliveredOn() : k.expectedOn();
                months.put(when == null ? null : YearMonth.from(when.isAfter(asOf) ? when : asOf.plusDays(1)), k.allocated());
                return months;
            }
            default -> {
                long liability = poolLiability(k.poolId(), asOf, knownAt);
                if (liability != 0) {
                    LocalDate by = k.poolExpiresOn() == null ? null : (k.poolExpiresOn().isAfter(asOf) ? k.poolExpiresOn() : asOf.plusDays(1));
                    months.put(by == null ? null : YearMonth.from(by), liability);
                }
                return months;
            }
        }
    }

    private long poolLiability(String poolId, LocalDate asOf, Instant knownAt) {
        String liability = chart.accountFor(AccountRole.DEFERRED_REVENUE_CREDITS).code();
        Condition where = GlLine.ACCOUNT_CODE.eq(liability).and(GlLine.CREDIT_POOL.eq(poolId)).and(GlLine.POSTING_DATE.le(asOf));
        if (knownAt != null) {
            where = where.and(GlLine.RECORDED_AT.le(knownAt.atOffset(ZoneOffset.UTC)));
        }
        BigDecimal sum = db.select(DSL.sum(GlLine.CREDIT_MINOR.minus(GlLine.DEBIT_MINOR))).from(GlLine.TABLE).where(where)
                .fetchOne(0, BigDecimal.class);
        return sum == null ? 0 : sum.longValueExact();
    }

    public record WaterfallRow(String contractId, String customerId, String obligationId, String kind, String pattern,
                               String currency, Map<String, BigDecimal> months, BigDecimal later,
                               BigDecimal unscheduled, BigDecimal total) {
    }

    public record Waterfall(LocalDate asOf, Instant knownAt, List<String> months, String groupBy,
                            List<WaterfallRow> rows, Map<String, WaterfallRow> totals, String note) {
    }

    /**
     * Future recognition by month after {@code asOf}, per contract and obligation (or grouped by contract, customer or
     * obligation kind), from the contracts as known at {@code knownAt}; {@code months} columns, then "later".
     */
    public Waterfall waterfall(LocalDate asOf, Instant knownAt, int months, String groupBy, String customer, String contract) {
        List<String> columns = new ArrayList<>();
        YearMonth first = YearMonth.from(asOf);
        for (int i = 0; i < months; i++) {
            columns.add(first.plusMonths(i).toString());
        }
        YearMonth last = first.plusMonths(months - 1L);
        Map<List<String>, long[]> grouped = new LinkedHashMap<>();
        Map<List<String>, String[]> labels = new LinkedHashMap<>();
        for (Known k : known(knownAt, customer, contract)) {
            Map<YearMonth, Long> remaining = remaining(k, asOf, knownAt);
            if (remaining.isEmpty()) {
                continue;
            }
            List<String> key = switch (groupBy) {
                case "contract" -> List.of(k.contractId(), k.currency().getCurrencyCode());
                case "customer" -> List.of(k.customerId(), k.currency().getCurrencyCode());
                case "kind" -> List.of(k.kind(), k.currency().getCurrencyCode());
                default -> List.of(k.contractId(), k.obligationId());
            };
            labels.putIfAbsent(key, new String[]{
                    groupBy.equals("customer") || groupBy.equals("kind") ? null : k.contractId(),
                    groupBy.equals("kind") ? null : k.customerId(),
                    groupBy.equals("obligation") ? k.obligationId() : null,
                    groupBy.equals("obligation") || groupBy.equals("kind") ? k.kind() : null,
                    groupBy.equals("obligation") ? k.pattern() : null,
                    k.currency().getCurrencyCode()});
            long[] cells = grouped.computeIfAbsent(key, x -> new long[months + 2]);
            remaining.forEach((month, amount) -> {
                if (month == null) {
                    cells[months + 1] += amount;
                } else if (month.isAfter(last)) {
                    cells[months] += amount;
                } else {
                    cells[(int) first.until(month, java.time.temporal.ChronoUnit.MONTHS)] += amount;
                }
            });
        }
        List<WaterfallRow> rows = new ArrayList<>();
        Map<String, long[]> totals = new TreeMap<>();
        grouped.forEach((key, cells) -> {
            String[] l = labels.get(key);
            rows.add(row(l[0], l[1], l[2], l[3], l[4], l[5], columns, cells));
            long[] t = totals.computeIfAbsent(l[5], x -> new long[months + 2]);
            for (int i = 0; i < cells.length; i++) {
                t[i] += cells[i];
            }
        });
        Map<String, WaterfallRow> totalRows = new LinkedHashMap<>();
        totals.forEach((currency, cells) -> totalRows.put(currency, row(null, null, null, null, null, currency, columns, cells)));
        return new Waterfall(asOf, knownAt, columns, groupBy, rows, totalRows,
                "Recognition after " + asOf + " under contracts as known " + (knownAt == null ? "now" : "at " + knownAt)
                        + ": obligations over time by their schedules, point-in-time ones in the month they are "
                        + "(expected to be) delivered (unscheduled when no date is known), credit pools' remaining "
                        + "liability in the month they expire (recognised as used, at the latest then). Usage fees "
                        + "beyond the pools are variable and excluded (ASC 606-10-32-40).");
    }

    private static WaterfallRow row(String contract, String customer, String obligation, String kind, String pattern,
                                    String currency, List<String> columns, long[] cells) {
        Currency c = Currency.getInstance(currency);
        Map<String, BigDecimal> months = new LinkedHashMap<>();
        long total = 0;
        for (int i = 0; i < columns.size(); i++) {
            months.put(columns.get(i), money(cells[i], c));
            total += cells[i];
        }
        total += cells[columns.size()] + cells[columns.size() + 1];
        return new WaterfallRow(contract, customer, obligation, kind, pattern, currency, months,
                money(cells[columns.size()], c), money(cells[columns.size() + 1], c), money(total, c));
    }

    public record ScheduleRow(String obligationId, String kind, String pattern, Map<String, BigDecimal> months) {
    }

    public record Schedule(String contractId, String currency, List<String> months, List<ScheduleRow> recognition,
                           List<BillingItemView> billingPlan) {
    }

    /** The contract's recognition month by month over its whole life (as scheduled now), and its billing plan. */
    public Optional<Schedule> schedule(String contractId) {
        Optional<ContractView> view = contract(contractId);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        LocalDate start = view.get().contract().termStart();
        List<Known> known = known(null, null, contractId);
        TreeMap<YearMonth, Boolean> allMonths = new TreeMap<>();
        List<ScheduleRow> rows = new ArrayList<>();
        Currency c = Currency.getInstance(view.get().contract().currency());
        for (Known k : known) {
            Map<YearMonth, Long> byMonth = new TreeMap<>();
            if (k.pattern().equals("RATABLE")) {
                Known unended = k;
                LocalDate from = k.segments().isEmpty() ? start : k.segments().get(0).start();
                remaining(unended, from.minusDays(1), null).forEach((m, a) -> byMonth.merge(m, a, Long::sum));
            } else {
                remaining(k, start.minusDays(1), null).forEach((m, a) -> {
                    if (m != null) {
                        byMonth.merge(m, a, Long::sum);
                    }
                });
                if (k.pattern().equals("ON_DELIVERY") && k.deliveredOn() != null) {
                    byMonth.clear();
                    byMonth.put(YearMonth.from(k.deliveredOn()), k.allocated());
                }
            }
            byMonth.keySet().forEach(m -> allMonths.put(m, true));
            Map<String, BigDecimal> cells = new LinkedHashMap<>();
            byMonth.forEach((m, a) -> cells.put(m.toString(), money(a, c)));
            rows.add(new ScheduleRow(k.obligationId(), k.kind(), k.pattern(), cells));
        }
        return Optional.of(new Schedule(contractId, c.getCurrencyCode(),
                allMonths.keySet().stream().map(YearMonth::toString).toList(), rows, view.get().billingPlan()));
    }

    // --- balances, RPO, disaggregation ---------------------------------------------------------------------

    public record BalanceRow(String contractId, String customerId, String currency, BigDecimal receivable,
                             BigDecimal contractAsset, BigDecimal contractLiability, BigDecimal prepaidCredits,
                             BigDecimal netPosition, String presentedAs, BigDecimal materialRights) {
    }

    public record Tie(String account, String currency, BigDecimal contracts, BigDecimal generalLedger, boolean ties) {
    }

    public record ContractBalances(LocalDate asOf, List<BalanceRow> rows, List<Tie> ties, String note) {
    }

    /**
     * Per contract at the end of {@code asOf}, from the general ledger's lines carrying the contract: receivable,
     * contract asset and contract liability (each contract is one or the other, netted as ASC 606-10-45-1 presents
     * them), and the liability of the credit pools it funded; the net position nets all of them. Each account's total
     * ties to its GL balance.
     */
    public ContractBalances balances(LocalDate asOf, String customer) {
        String receivable = chart.accountFor(AccountRole.ACCOUNTS_RECEIVABLE).code();
        String asset = chart.accountFor(AccountRole.CONTRACT_ASSET).code();
        String liability = chart.accountFor(AccountRole.DEFERRED_REVENUE_SUBSCRIPTION).code();
        String credits = chart.accountFor(AccountRole.DEFERRED_REVENUE_CREDITS).code();
        String options = chart.accountFor(AccountRole.MATERIAL_RIGHT_LIABILITY).code();
        Map<String, String> contractOfPool = new HashMap<>();
        db.select(Obligation.POOL_ID, Obligation.CONTRACT_ID).from(Obligation.TABLE).where(Obligation.POOL_ID.isNotNull())
                .forEach(r -> contractOfPool.put(r.get(Obligation.POOL_ID), r.get(Obligation.CONTRACT_ID)));
        Map<String, Record> contracts = new LinkedHashMap<>();
        db.select(ContractTables.all(Contract.class)).from(Contract.TABLE).where(customer == null ? DSL.trueCondition() : Contract.CUSTOMER_ID.eq(customer))
                .orderBy(Contract.CONTRACT_ID).forEach(r -> contracts.put(r.get(Contract.CONTRACT_ID), r));
        Map<String, long[]> sums = new LinkedHashMap<>();
        contracts.keySet().forEach(id -> sums.put(id, new long[5]));
        var balance = DSL.sum(GlLine.DEBIT_MINOR.minus(GlLine.CREDIT_MINOR));
        db.select(GlLine.ACCOUNT_CODE, GlLine.CONTRACT, GlLine.CREDIT_POOL, balance).from(GlLine.TABLE)
                .where(GlLine.POSTING_DATE.le(asOf)).and(GlLine.ACCOUNT_CODE.in(receivable, asset, liability, credits, options))
                .groupBy(GlLine.ACCOUNT_CODE, GlLine.CONTRACT, GlLine.CREDIT_POOL)
                .forEach(r -> {
                    String account = r.get(GlLine.ACCOUNT_CODE);
                    String contract = account.equals(credits) ? contractOfPool.get(r.get(GlLine.CREDIT_POOL)) : r.get(GlLine.CONTRACT);
                    long[] s = contract == null ? null : sums.get(contract);
                    if (s == null) {
                        return;
                    }
                    long debit = r.get(balance, BigDecimal.class).longValueExact();
                    if (account.equals(receivable)) {
                        s[0] += debit;
                    } else if (account.equals(asset)) {
                        s[1] += debit;
                    } else if (account.equals(liability)) {
                        s[2] -= debit;
                    } else if (account.equals(options)) {
                        s[4] -= debit;
                    } else {
                        s[3] -= debit;
                    }
                });
        List<BalanceRow> rows = new ArrayList<>();
        Map<String, long[]> byCurrency = new TreeMap<>();
        sums.forEach((id, s) -> {
            Record k = contracts.get(id);
            Currency c = Currency.getInstance(k.get(Contract.CURRENCY));
            long net = s[2] + s[3] + s[4] - s[1];
            rows.add(new BalanceRow(id, k.get(Contract.CUSTOMER_ID), c.getCurrencyCode(), money(s[0], c), money(s[1], c),
                    money(s[2], c), money(s[3], c), money(Math.abs(net), c),
                    net > 0 ? "contract liability" : net < 0 ? "contract asset" : "nil", money(s[4], c)));
            long[] t = byCurrency.computeIfAbsent(c.getCurrencyCode(), x -> new long[2]);
            t[0] += s[1];
            t[1] += s[2];
        });
        List<Tie> ties = new ArrayList<>();
        if (customer == null) {
            byCurrency.forEach((currency, t) -> {
                Currency c = Currency.getInstance(currency);
                long glAsset = glBalance(asset, currency, asOf);
                long glLiability = -glBalance(liability, currency, asOf);
                ties.add(new Tie(asset, currency, money(t[0], c), money(glAsset, c), glAsset == t[0]));
                ties.add(new Tie(liability, currency, money(t[1], c), money(glLiability, c), glLiability == t[1]));
            });
        }
        return new ContractBalances(asOf, rows, ties, "Receivable, contract asset and contract liability are the GL "
                + "balances of lines carrying the contract; prepaid credits are the GL liability of the credit pools the "
                + "contract funded; material rights the GL liability of the contract's options. Net position = contract "
                + "liability + prepaid credits + material rights - contract asset, presented as "
                + "one contract liability or asset per contract (ASC 606-10-45-1). Ties: the contracts' totals of "
                + asset + " and " + liability + " against their general-ledger balances.");
    }

    private long glBalance(String account, String currency, LocalDate asOf) {
        BigDecimal sum = db.select(DSL.sum(GlLine.DEBIT_MINOR.minus(GlLine.CREDIT_MINOR))).from(GlLine.TABLE)
                .where(GlLine.ACCOUNT_CODE.eq(account)).and(GlLine.CURRENCY.eq(currency)).and(GlLine.POSTING_DATE.le(asOf))
                .fetchOne(0, BigDecimal.class);
        return sum == null ? 0 : sum.longValueExact();
    }

    public record RpoRow(String contractId, String customerId, String currency, BigDecimal fixedConsideration,
                         BigDecimal prepaidCredits, BigDecimal commitmentNotYetConsumed, BigDecimal total,
                         BigDecimal within12Months, BigDecimal after12Months) {
    }

    public record RemainingObligations(LocalDate asOf, List<RpoRow> rows, Map<String, RpoRow> totals, String note) {
    }

    /**
     * Remaining performance obligations at the end of {@code asOf} (ASC 606-10-50-13): the transaction price allocated
     * to what is not yet satisfied, and when it is expected to be recognised (the next 12 months, then after). A
     * committed minimum adds what of it is neither consumed nor prepaid, expected by the end of the term.
     */
    public RemainingObligations remainingObligations(LocalDate asOf, String customer) {
        String usageRevenue = chart.accountFor(AccountRole.USAGE_REVENUE).code();
        YearMonth horizon = YearMonth.from(asOf).plusMonths(12);
        Map<String, long[]> byContract = new LinkedHashMap<>();
        Map<String, String[]> owners = new HashMap<>();
        for (Known k : known(null, customer, null)) {
            long[] s = byContract.computeIfAbsent(k.contractId(), x -> new long[5]);
            owners.putIfAbsent(k.contractId(), new String[]{k.customerId(), k.currency().getCurrencyCode()});
            remaining(k, asOf, null).forEach((month, amount) -> {
                s[k.pattern().equals("AS_CREDITS_ARE_USED") ? 1 : 0] += amount;
                if (month != null && !month.isAfter(horizon) || month == null) {
                    s[3] += amount;
                } else {
                    s[4] += amount;
                }
            });
        }
        // a commitment is open at asOf while its term runs (settlement comes at its end, or at an earlier termination)
        db.select(ContractTables.all(Contract.class)).from(Contract.TABLE).where(Contract.COMMITMENT_MINOR.isNotNull())
                .and(Contract.TERM_END.gt(asOf))
                .and(Contract.TERMINATED_ON.isNull().or(Contract.TERMINATED_ON.gt(asOf)))
                .and(customer == null ? DSL.trueCondition() : Contract.CUSTOMER_ID.eq(customer))
                .forEach(r -> {
                    String id = r.get(Contract.CONTRACT_ID);
                    long[] s = byContract.computeIfAbsent(id, x -> new long[5]);
                    owners.putIfAbsent(id, new String[]{r.get(Contract.CUSTOMER_ID), r.get(Contract.CURRENCY)});
                    BigDecimal used = db.select(DSL.sum(GlLine.CREDIT_MINOR.minus(GlLine.DEBIT_MINOR))).from(GlLine.TABLE)
                            .where(GlLine.ACCOUNT_CODE.eq(usageRevenue)).and(GlLine.CUSTOMER.eq(r.get(Contract.CUSTOMER_ID)))
                            .and(GlLine.POSTING_DATE.between(r.get(Contract.TERM_START), asOf)).fetchOne(0, BigDecimal.class);
                    long prepaid = db.select(DSL.sum(Obligation.ALLOCATED_MINOR)).from(Obligation.TABLE)
                            .where(Obligation.CONTRACT_ID.eq(id)).and(Obligation.PATTERN.eq("AS_CREDITS_ARE_USED"))
                            .fetchOptional(0, BigDecimal.class).map(BigDecimal::longValueExact).orElse(0L);
                    long consumed = used == null ? 0 : used.longValueExact();
                    long open = Math.max(0, r.get(Contract.COMMITMENT_MINOR) - Math.max(consumed, prepaid));
                    s[2] += open;
                    if (!YearMonth.from(r.get(Contract.TERM_END)).isAfter(horizon)) {
                        s[3] += open;
                    } else {
                        s[4] += open;
                    }
                });
        List<RpoRow> rows = new ArrayList<>();
        Map<String, long[]> totals = new TreeMap<>();
        byContract.forEach((id, s) -> {
            String[] o = owners.get(id);
            if (s[0] == 0 && s[1] == 0 && s[2] == 0) {
                return;
            }
            rows.add(rpo(id, o[0], o[1], s));
            long[] t = totals.computeIfAbsent(o[1], x -> new long[5]);
            for (int i = 0; i < 5; i++) {
                t[i] += s[i];
            }
        });
        Map<String, RpoRow> totalRows = new LinkedHashMap<>();
        totals.forEach((currency, t) -> totalRows.put(currency, rpo(null, null, currency, t)));
        return new RemainingObligations(asOf, rows, totalRows, "Fixed consideration allocated to obligations not yet "
                + "satisfied (over time by their schedules; point in time at delivery), the unused liability of the "
                + "credit pools the contracts funded (expected by their expiry), and the part of a committed minimum "
                + "neither consumed (usage revenue since the term began) nor prepaid (expected by the end of the term). "
                + "Usage fees above the commitment are variable consideration allocated to the period they relate to "
                + "and are excluded (ASC 606-10-50-14A(b)).");
    }

    private static RpoRow rpo(String contract, String customer, String currency, long[] s) {
        Currency c = Currency.getInstance(currency);
        return new RpoRow(contract, customer, currency, money(s[0], c), money(s[1], c), money(s[2], c),
                money(s[0] + s[1] + s[2], c), money(s[3], c), money(s[4], c));
    }

    public record RevenueRow(String period, String type, String account, String customer, String contract,
                             String currency, BigDecimal revenue) {
    }

    public record Disaggregation(YearMonth from, YearMonth to, List<String> groupBy, List<RevenueRow> rows,
                                 Map<String, BigDecimal> totals) {
    }

    /**
     * Revenue disaggregated (ASC 606-10-50-5) from the general ledger's revenue accounts: by obligation type (the
     * revenue role: usage, platform, support, services, product, breakage, shortfall), customer, contract and period.
     */
    public Disaggregation revenue(YearMonth from, YearMonth to, List<String> groupBy, String customer) {
        Map<String, String> typeOf = new HashMap<>();
        List<String> revenueAccounts = new ArrayList<>();
        chart.accounts().stream().filter(a -> a.type() == AccountType.REVENUE).forEach(a -> {
            revenueAccounts.add(a.code());
            typeOf.put(a.code(), a.role().map(Enum::name).orElse(a.name()));
        });
        var month = DSL.field("substring(cast({0} as varchar(10)), 1, 7)", String.class, GlLine.POSTING_DATE);
        var amount = DSL.sum(GlLine.CREDIT_MINOR.minus(GlLine.DEBIT_MINOR));
        Condition where = GlLine.ACCOUNT_CODE.in(revenueAccounts)
                .and(GlLine.POSTING_DATE.between(from.atDay(1), to.atEndOfMonth()));
        if (customer != null) {
            where = where.and(GlLine.CUSTOMER.eq(customer));
        }
        Map<List<String>, long[]> grouped = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        db.select(month, GlLine.ACCOUNT_CODE, GlLine.CUSTOMER, GlLine.CONTRACT, GlLine.CURRENCY, amount)
                .from(GlLine.TABLE).where(where)
                .groupBy(month, GlLine.ACCOUNT_CODE, GlLine.CUSTOMER, GlLine.CONTRACT, GlLine.CURRENCY)
                .forEach(r -> {
                    List<String> key = List.of(
                            groupBy.contains("period") ? r.get(month) : "",
                            groupBy.contains("type") ? r.get(GlLine.ACCOUNT_CODE) : "",
                            groupBy.contains("customer") ? nz(r.get(GlLine.CUSTOMER)) : "",
                            groupBy.contains("contract") ? nz(r.get(GlLine.CONTRACT)) : "",
                            r.get(GlLine.CURRENCY));
                    grouped.computeIfAbsent(key, x -> new long[1])[0] += r.get(amount, BigDecimal.class).longValueExact();
                });
        List<RevenueRow> rows = new ArrayList<>();
        Map<String, long[]> totals = new TreeMap<>();
        grouped.forEach((key, sum) -> {
            Currency c = Currency.getInstance(key.get(4));
            rows.add(new RevenueRow(blank(key.get(0)), key.get(1).isEmpty() ? null : typeOf.get(key.get(1)),
                    blank(key.get(1)), blank(key.get(2)), blank(key.get(3)), key.get(4), money(sum[0], c)));
            totals.computeIfAbsent(key.get(4), x -> new long[1])[0] += sum[0];
        });
        Map<String, BigDecimal> totalMoney = new LinkedHashMap<>();
        totals.forEach((currency, sum) -> totalMoney.put(currency, money(sum[0], Currency.getInstance(currency))));
        return new Disaggregation(from, to, groupBy, rows, totalMoney);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static BigDecimal money(long minor, Currency currency) {
        return Money.ofMinor(minor, currency).amount();
    }
}
