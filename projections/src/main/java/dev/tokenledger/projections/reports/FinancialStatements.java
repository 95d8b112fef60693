package dev.tokenledger.projections.reports;

import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.AccountType;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.money.Money;
import dev.tokenledger.projections.LedgerTables.GlLine;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Currency;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Financial statements from the general ledger by the chart's types (README "Reports"): an income statement for a
 * range of posting dates and a balance sheet as of a date, each with a comparative column, and receivables aged by
 * customer. Amounts are decimals per currency; "as known at" filters on the recorded time like the trial balance.
 */
public class FinancialStatements {

    private final DSLContext db;
    private final ChartOfAccounts chart;

    public FinancialStatements(DSLContext db, ChartOfAccounts chart) {
        this.db = db;
        this.chart = chart;
    }

    /** One account's line: the amount (natural sign: revenue, liabilities and equity as positive credits). */
    public record Line(String section, String account, String accountName, String currency, BigDecimal amount,
                       BigDecimal comparative) {
    }

    public record Total(String label, String currency, BigDecimal amount, BigDecimal comparative) {
    }

    public record IncomeStatement(LocalDate from, LocalDate to, LocalDate comparativeFrom, LocalDate comparativeTo,
                                  Instant knownAt, List<Line> lines, List<Total> totals) {
    }

    public record BalanceSheet(LocalDate asOf, LocalDate comparativeAsOf, Instant knownAt, List<Line> lines,
                               List<Total> totals, Map<String, Boolean> balances) {
    }

    /**
     * Revenue and expenses posted from {@code from} to {@code to}; the comparative column is the same number of days
     * just before (or {@code compareFrom} .. {@code compareTo} when given). Net income = revenue - expenses.
     */
    public IncomeStatement incomeStatement(LocalDate from, LocalDate to, LocalDate compareFrom, LocalDate compareTo,
                                           Instant knownAt) {
        if (compareFrom == null || compareTo == null) {
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            compareTo = from.minusDays(1);
            compareFrom = compareTo.minusDays(days - 1);
        }
        Map<List<String>, long[]> current = movements(from, to, knownAt);
        Map<List<String>, long[]> prior = movements(compareFrom, compareTo, knownAt);
        List<Line> lines = new ArrayList<>();
        Map<List<String>, long[]> totals = new LinkedHashMap<>();
        for (AccountType type : List.of(AccountType.REVENUE, AccountType.EXPENSE)) {
            for (Account account : chart.accounts()) {
                if (account.type() != type) {
                    continue;
                }
                for (String currency : currencies(current, prior, account.code())) {
                    long now = natural(type, current.get(List.of(account.code(), currency)));
                    long then = natural(type, prior.get(List.of(account.code(), currency)));
                    if (now == 0 && then == 0) {
                        continue;
                    }
                    lines.add(line(type.name(), account, currency, now, then));
                    add(totals, List.of(type == AccountType.REVENUE ? "Total revenue" : "Total expenses", currency), now, then);
                    add(totals, List.of("Net income", currency), type == AccountType.REVENUE ? now : -now,
                            type == AccountType.REVENUE ? then : -then);
                }
            }
        }
        return new IncomeStatement(from, to, compareFrom, compareTo, knownAt, lines, totals(totals));
    }

    /**
     * Assets, liabilities and equity at the end of {@code asOf} (comparative: {@code compareAsOf}, default a year
     * earlier). Revenue and expenses not yet closed to equity show as "Current earnings" under equity, so assets =
     * liabilities + equity in every currency (checked in {@code balances}).
     */
    public BalanceSheet balanceSheet(LocalDate asOf, LocalDate compareAsOf, Instant knownAt) {
        LocalDate comparative = compareAsOf != null ? compareAsOf : asOf.minusYears(1);
        Map<List<String>, long[]> current = movements(null, asOf, knownAt);
        Map<List<String>, long[]> prior = movements(null, comparative, knownAt);
        List<Line> lines = new ArrayList<>();
        Map<List<String>, long[]> totals = new LinkedHashMap<>();
        for (AccountType type : List.of(AccountType.ASSET, AccountType.LIABILITY, AccountType.EQUITY)) {
            for (Account account : chart.accounts()) {
                if (account.type() != type) {
                    continue;
                }
                for (String currency : currencies(current, prior, account.code())) {
                    long now = natural(type, current.get(List.of(account.code(), currency)));
                    long then = natural(type, prior.get(List.of(account.code(), currency)));
                    if (now == 0 && then == 0) {
                        continue;
                    }
                    lines.add(line(type.name(), account, currency, now, then));
                    add(totals, List.of("Total " + type.name().toLowerCase().replace("asset", "assets")
                            .replace("liability", "liabilities"), currency), now, then);
                }
            }
        }
        // earnings not yet closed to equity
        Map<String, long[]> earnings = new TreeMap<>();
        for (Account account : chart.accounts()) {
            if (account.type() == AccountType.REVENUE || account.type() == AccountType.EXPENSE) {
                for (String currency : currencies(current, prior, account.code())) {
                    long[] e = earnings.computeIfAbsent(currency, c -> new long[2]);
                    e[0] += natural(AccountType.REVENUE, current.get(List.of(account.code(), currency)));
                    e[1] += natural(AccountType.REVENUE, prior.get(List.of(account.code(), currency)));
                }
            }
        }
        earnings.forEach((currency, e) -> {
            if (e[0] != 0 || e[1] != 0) {
                Currency c = Currency.getInstance(currency);
                lines.add(new Line("EQUITY", "-", "Current earnings (revenue less expenses not yet closed)", currency,
                        money(e[0], c), money(e[1], c)));
                add(totals, List.of("Total equity", currency), e[0], e[1]);
            }
        });
        Map<String, Boolean> balances = new TreeMap<>();
        Map<String, long[]> check = new HashMap<>();
        totals.forEach((key, t) -> {
            long[] c = check.computeIfAbsent(key.get(1), x -> new long[2]);
            long sign = key.get(0).equals("Total assets") ? 1 : -1;
            c[0] += sign * t[0];
            c[1] += sign * t[1];
        });
        check.forEach((currency, c) -> balances.put(currency, c[0] == 0 && c[1] == 0));
        return new BalanceSheet(asOf, comparative, knownAt, lines, totals(totals), balances);
    }

    public record AgingRow(String customer, String currency, BigDecimal current, BigDecimal days1to30,
                           BigDecimal days31to60, BigDecimal days61to90, BigDecimal over90, BigDecimal total) {
    }

    public record ReceivablesAging(LocalDate asOf, int termsDays, List<AgingRow> rows, List<AgingRow> totals,
                                   String note) {
    }

    /**
     * Receivables by customer at the end of {@code asOf}, aged from due date (posting date + {@code termsDays}):
     * payments and other credits to a customer's receivables settle the oldest debits first.
     */
    public ReceivablesAging receivablesAging(LocalDate asOf, int termsDays) {
        String receivable = chart.accountFor(AccountRole.ACCOUNTS_RECEIVABLE).code();
        Map<List<String>, Deque<long[]>> open = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        Map<List<String>, Long> credits = new HashMap<>();
        db.select(GlLine.CUSTOMER, GlLine.CURRENCY, GlLine.POSTING_DATE, GlLine.DEBIT_MINOR, GlLine.CREDIT_MINOR)
                .from(GlLine.TABLE).where(GlLine.ACCOUNT_CODE.eq(receivable)).and(GlLine.POSTING_DATE.le(asOf))
                .orderBy(GlLine.POSTING_DATE, GlLine.GLOBAL_INDEX, GlLine.LINE_NO)
                .forEach(r -> {
                    List<String> key = List.of(r.get(GlLine.CUSTOMER) == null ? "" : r.get(GlLine.CUSTOMER), r.get(GlLine.CURRENCY));
                    if (r.get(GlLine.DEBIT_MINOR) > 0) {
                        open.computeIfAbsent(key, k -> new ArrayDeque<>())
                                .add(new long[]{r.get(GlLine.POSTING_DATE).toEpochDay(), r.get(GlLine.DEBIT_MINOR)});
                    }
                    if (r.get(GlLine.CREDIT_MINOR) > 0) {
                        credits.merge(key, r.get(GlLine.CREDIT_MINOR), Long::sum);
                    }
                });
        List<AgingRow> rows = new ArrayList<>();
        Map<String, long[]> totals = new TreeMap<>();
        open.forEach((key, debits) -> {
            long toSettle = credits.getOrDefault(key, 0L);
            long[] buckets = new long[5];
            for (long[] debit : debits) {
                long settled = Math.min(toSettle, debit[1]);
                toSettle -= settled;
                long remaining = debit[1] - settled;
                if (remaining == 0) {
                    continue;
                }
                long overdue = asOf.toEpochDay() - (debit[0] + termsDays);
                int bucket = overdue <= 0 ? 0 : overdue <= 30 ? 1 : overdue <= 60 ? 2 : overdue <= 90 ? 3 : 4;
                buckets[bucket] += remaining;
            }
            // credits beyond every debit (an overpayment) show as a negative current balance
            buckets[0] -= toSettle;
            long total = buckets[0] + buckets[1] + buckets[2] + buckets[3] + buckets[4];
            if (total == 0 && buckets[0] == 0) {
                return;
            }
            Currency c = Currency.getInstance(key.get(1));
            rows.add(aging(key.get(0).isEmpty() ? null : key.get(0), c, buckets));
            long[] t = totals.computeIfAbsent(key.get(1), x -> new long[5]);
            for (int i = 0; i < 5; i++) {
                t[i] += buckets[i];
            }
        });
        List<AgingRow> totalRows = new ArrayList<>();
        totals.forEach((currency, t) -> totalRows.add(aging(null, Currency.getInstance(currency), t)));
        return new ReceivablesAging(asOf, termsDays, rows, totalRows, "Receivables (" + receivable + ") by customer, "
                + "aged from the due date (posting date + " + termsDays + " days); payments and credits settle the oldest "
                + "debits first. The totals equal the account's general-ledger balance at " + asOf + ".");
    }

    private static AgingRow aging(String customer, Currency c, long[] b) {
        return new AgingRow(customer, c.getCurrencyCode(), money(b[0], c), money(b[1], c), money(b[2], c),
                money(b[3], c), money(b[4], c), money(b[0] + b[1] + b[2] + b[3] + b[4], c));
    }

    /** Debits and credits per account and currency, posted in the range and known at the instant. */
    private Map<List<String>, long[]> movements(LocalDate from, LocalDate to, Instant knownAt) {
        Condition where = GlLine.POSTING_DATE.le(to);
        if (from != null) {
            where = where.and(GlLine.POSTING_DATE.ge(from));
        }
        if (knownAt != null) {
            where = where.and(GlLine.RECORDED_AT.le(knownAt.atOffset(ZoneOffset.UTC)));
        }
        var debit = DSL.sum(GlLine.DEBIT_MINOR);
        var credit = DSL.sum(GlLine.CREDIT_MINOR);
        Map<List<String>, long[]> result = new HashMap<>();
        db.select(GlLine.ACCOUNT_CODE, GlLine.CURRENCY, debit, credit).from(GlLine.TABLE).where(where)
                .groupBy(GlLine.ACCOUNT_CODE, GlLine.CURRENCY)
                .forEach(r -> result.put(List.of(r.get(GlLine.ACCOUNT_CODE), r.get(GlLine.CURRENCY)), new long[]{
                        r.get(debit, BigDecimal.class).longValueExact(), r.get(credit, BigDecimal.class).longValueExact()}));
        return result;
    }

    private static List<String> currencies(Map<List<String>, long[]> a, Map<List<String>, long[]> b, String account) {
        TreeMap<String, Boolean> found = new TreeMap<>();
        a.keySet().stream().filter(k -> k.get(0).equals(account)).forEach(k -> found.put(k.get(1), true));
        b.keySet().stream().filter(k -> k.get(0).equals(account)).forEach(k -> found.put(k.get(1), true));
        return List.copyOf(found.keySet());
    }

    /** Debit-natural types (assets, expenses) as debits less credits; the others as credits less debits. */
    private static long natural(AccountType type, long[] sums) {
        if (sums == null) {
            return 0;
        }
        return type == AccountType.ASSET || type == AccountType.EXPENSE ? sums[0] - sums[1] : sums[1] - sums[0];
    }

    private static Line line(String section, Account account, String currency, long now, long then) {
        Currency c = Currency.getInstance(currency);
        return new Line(section, account.code(), account.name(), currency, money(now, c), money(then, c));
    }

    private static void add(Map<List<String>, long[]> totals, List<String> key, long now, long then) {
        long[] t = totals.computeIfAbsent(key, k -> new long[2]);
        t[0] += now;
        t[1] += then;
    }

    private static List<Total> totals(Map<List<String>, long[]> totals) {
        List<Total> result = new ArrayList<>();
        totals.forEach((key, t) -> {
            Currency c = Currency.getInstance(key.get(1));
            result.add(new Total(key.get(0), key.get(1), money(t[0], c), money(t[1], c)));
        });
        return result;
    }

    private static BigDecimal money(long minor, Currency currency) {
        return Money.ofMinor(minor, currency).amount();
    }
}
