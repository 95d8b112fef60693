package dev.tokenledger.projections.credits;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.money.Money;
import dev.tokenledger.projections.LedgerTables.DailyBalance;
import dev.tokenledger.projections.LedgerTables.GlLine;
import dev.tokenledger.projections.LedgerTables.PairedMovement;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.tokenledger.projections.credits.CreditTables.Overage;
import static dev.tokenledger.projections.credits.CreditTables.Pool;

/** Wallets and the contract-liability rollforward. */
public class CreditReports {

    private final DSLContext db;
    private final ChartOfAccounts chart;

    public CreditReports(DSLContext db, ChartOfAccounts chart) {
        this.db = db;
        this.chart = chart;
    }

    public Optional<WalletView> wallet(String customerId) {
        List<Record> rows = db.select(Pool.ALL).from(Pool.TABLE).where(Pool.CUSTOMER_ID.eq(customerId))
                .orderBy(Pool.PURCHASED_ON, Pool.POOL_ID).fetch();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Currency currency = Currency.getInstance(rows.getFirst().get(Pool.CURRENCY));
        List<WalletView.PoolView> pools = new ArrayList<>();
        BigDecimal available = BigDecimal.ZERO;
        long liability = 0;
        for (Record r : rows) {
            boolean expired = r.get(Pool.EXPIRED);
            BigDecimal left = expired ? BigDecimal.ZERO
                    : r.get(Pool.CREDITS).subtract(r.get(Pool.REDEEMED)).subtract(r.get(Pool.REFUNDED_CREDITS));
            long poolLiability = r.get(Pool.PRICE_MINOR) - r.get(Pool.USAGE_MINOR) - r.get(Pool.BREAKAGE_MINOR)
                    - r.get(Pool.REFUND_MINOR) - r.get(Pool.ESCHEAT_MINOR);
            available = available.add(left);
            liability += poolLiability;
            pools.add(new WalletView.PoolView(r.get(Pool.POOL_ID), r.get(Pool.PROGRAM_ID), r.get(Pool.POLICY_VERSION),
                    r.get(Pool.BREAKAGE_POLICY), r.get(Pool.PROMOTIONAL), r.get(Pool.PURCHASED_ON),
                    r.get(Pool.EXPIRES_ON), expired, plain(r.get(Pool.CREDITS)), plain(r.get(Pool.REDEEMED)),
                    plain(r.get(Pool.EXPECTED)), plain(r.get(Pool.REFUNDED_CREDITS)), plain(left),
                    money(r.get(Pool.PRICE_MINOR), currency), money(r.get(Pool.USAGE_MINOR), currency),
                    money(r.get(Pool.BREAKAGE_MINOR), currency), money(r.get(Pool.REFUND_MINOR), currency),
                    money(r.get(Pool.ESCHEAT_MINOR), currency), money(poolLiability, currency)));
        }
        long overage = Optional.ofNullable(db.select(Overage.OVERAGE_MINOR).from(Overage.TABLE)
                .where(Overage.CUSTOMER_ID.eq(customerId)).fetchOne(Overage.OVERAGE_MINOR)).orElse(0L);
        BigDecimal held = db.select(org.jooq.impl.DSL.sum(CreditTables.Hold.CREDITS)).from(CreditTables.Hold.TABLE)
                .where(CreditTables.Hold.CUSTOMER_ID.eq(customerId))
                .and(CreditTables.Hold.EXPIRES_AT.gt(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)))
                .fetchOne(0, BigDecimal.class);
        held = held == null ? BigDecimal.ZERO : held;
        return Optional.of(new WalletView(customerId, currency.getCurrencyCode(), plain(available), plain(held),
                plain(available.subtract(held).max(BigDecimal.ZERO)), money(liability, currency),
                money(overage, currency), pools));
    }

    /** Every wallet's unbilled overage in minor units (customers with none are absent). */
    public Map<String, Long> unbilledOverage() {
        Map<String, Long> unbilled = new TreeMap<>();
        db.select(Overage.CUSTOMER_ID, Overage.OVERAGE_MINOR).from(Overage.TABLE).where(Overage.OVERAGE_MINOR.gt(0L))
                .forEach(r -> unbilled.put(r.value1(), r.value2()));
        return unbilled;
    }

    /**
     * What one pool owes to a state (README "Unclaimed property"): reclassified to UNCLAIMED_PROPERTY_LIABILITY at
     * expiry or when reportable, remitted of it, and owed; {@code overdue} when owed past its due date.
     */
    public record UnclaimedPropertyRow(String customerId, String poolId, String programId, String currency,
                                       String jurisdiction, java.time.LocalDate reportableOn, java.time.LocalDate dueOn,
                                       BigDecimal reclassified, BigDecimal remitted, BigDecimal owed, boolean overdue) {
    }

    public record JurisdictionTotal(String jurisdiction, String currency, BigDecimal owed, BigDecimal remitted,
                                    java.time.LocalDate earliestDue) {
    }

    /** {@code ties}: the pools' owed total equals the GL balance of the unclaimed-property account, per currency. */
    public record UnclaimedPropertyReport(java.time.LocalDate asOf, List<UnclaimedPropertyRow> rows,
                                          List<JurisdictionTotal> byJurisdiction, Map<String, BigDecimal> owedPerGeneralLedger,
                                          boolean ties) {
    }

    public UnclaimedPropertyReport unclaimedProperty(java.time.LocalDate asOf, String jurisdiction) {
        List<UnclaimedPropertyRow> rows = new ArrayList<>();
        Map<List<String>, long[]> totals = new TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        Map<List<String>, java.time.LocalDate> due = new HashMap<>();
        Map<String, Long> owedByCurrency = new TreeMap<>();
        db.select(Pool.ALL).select(Pool.UP_JURISDICTION, Pool.UP_REPORTABLE_ON, Pool.UP_DUE_ON, Pool.UP_REMITTED_MINOR)
                .from(Pool.TABLE).where(Pool.ESCHEAT_MINOR.gt(0L).or(Pool.UP_JURISDICTION.isNotNull()))
                .and(jurisdiction == null ? DSL.trueCondition() : Pool.UP_JURISDICTION.eq(jurisdiction))
                .orderBy(Pool.UP_JURISDICTION.nullsLast(), Pool.CUSTOMER_ID, Pool.POOL_ID)
                .forEach(r -> {
                    Currency c = Currency.getInstance(r.get(Pool.CURRENCY));
                    long reclassified = r.get(Pool.ESCHEAT_MINOR);
                    long remitted = r.get(Pool.UP_REMITTED_MINOR);
                    long owed = reclassified - remitted;
                    String where = r.get(Pool.UP_JURISDICTION);
                    java.time.LocalDate dueOn = r.get(Pool.UP_DUE_ON);
                    rows.add(new UnclaimedPropertyRow(r.get(Pool.CUSTOMER_ID), r.get(Pool.POOL_ID), r.get(Pool.PROGRAM_ID),
                            c.getCurrencyCode(), where, r.get(Pool.UP_REPORTABLE_ON), dueOn, money(reclassified, c),
                            money(remitted, c), money(owed, c), owed > 0 && dueOn != null && dueOn.isBefore(asOf)));
                    List<String> key = List.of(where == null ? "(not yet reported)" : where, c.getCurrencyCode());
                    long[] t = totals.computeIfAbsent(key, k -> new long[2]);
                    t[0] += owed;
                    t[1] += remitted;
                    if (owed > 0 && dueOn != null) {
                        due.merge(key, dueOn, (a, b) -> a.isBefore(b) ? a : b);
                    }
                    owedByCurrency.merge(c.getCurrencyCode(), owed, Long::sum);
                });
        List<JurisdictionTotal> byJurisdiction = new ArrayList<>();
        totals.forEach((k, t) -> byJurisdiction.add(new JurisdictionTotal(k.get(0), k.get(1),
                money(t[0], Currency.getInstance(k.get(1))), money(t[1], Currency.getInstance(k.get(1))), due.get(k))));
        String account = chart.accountFor(AccountRole.UNCLAIMED_PROPERTY_LIABILITY).code();
        Map<String, BigDecimal> ledger = new TreeMap<>();
        boolean ties = true;
        var balance = DSL.sum(GlLine.CREDIT_MINOR.minus(GlLine.DEBIT_MINOR));
        Map<String, Long> glByCurrency = new TreeMap<>();
        db.select(GlLine.CURRENCY, balance).from(GlLine.TABLE).where(GlLine.ACCOUNT_CODE.eq(account))
                .groupBy(GlLine.CURRENCY)
                .forEach(r -> glByCurrency.put(r.get(GlLine.CURRENCY), r.get(balance, BigDecimal.class).longValueExact()));
        java.util.Set<String> currencies = new java.util.TreeSet<>(glByCurrency.keySet());
        currencies.addAll(owedByCurrency.keySet());
        for (String code : currencies) {
            ledger.put(code, money(glByCurrency.getOrDefault(code, 0L), Currency.getInstance(code)));
            ties &= jurisdiction != null || glByCurrency.getOrDefault(code, 0L).equals(owedByCurrency.getOrDefault(code, 0L));
        }
        return new UnclaimedPropertyReport(asOf, rows, byJurisdiction, ledger, ties);
    }

    /** One adopted version of a credit program, as the policy document states it. */
    public record ProgramVersion(String programId, int version, java.time.LocalDate effectiveFrom, String currency,
                                 BigDecimal valuePerCredit, String expiryKind, Integer expiryDays,
                                 java.time.LocalDate expiryDate, String breakagePolicy, BigDecimal expectedRedemptionRate,
                                 BigDecimal escheatShare, boolean refundsAllowed, String adoptedBy,
                                 java.time.Instant recordedAt, Integer dormancyDays, String escheatBasis) {
    }

    public List<ProgramVersion> programs() {
        return db.select(CreditTables.Program.ALL).from(CreditTables.Program.TABLE)
                .orderBy(CreditTables.Program.PROGRAM_ID, CreditTables.Program.VERSION)
                .fetch(r -> new ProgramVersion(r.get(CreditTables.Program.PROGRAM_ID), r.get(CreditTables.Program.VERSION),
                        r.get(CreditTables.Program.EFFECTIVE_FROM), r.get(CreditTables.Program.CURRENCY),
                        plain(r.get(CreditTables.Program.VALUE_PER_CREDIT)), r.get(CreditTables.Program.EXPIRY_KIND),
                        r.get(CreditTables.Program.EXPIRY_DAYS), r.get(CreditTables.Program.EXPIRY_DATE),
                        r.get(CreditTables.Program.BREAKAGE_POLICY), plain(r.get(CreditTables.Program.EXPECTED_RATE)),
                        plain(r.get(CreditTables.Program.ESCHEAT_SHARE)), r.get(CreditTables.Program.REFUNDS_ALLOWED),
                        r.get(CreditTables.Program.ADOPTED_BY), r.get(CreditTables.Program.RECORDED_AT).toInstant(),
                        r.get(CreditTables.Program.DORMANCY_DAYS), r.get(CreditTables.Program.ESCHEAT_BASIS)));
    }

    /** A pool due for expiry (or dormancy) on {@code expiresOn}. */
    public record DuePool(String customerId, String poolId, java.time.LocalDate expiresOn) {
    }

    /** Paid REMOTE pools with a dormancy rule, not expired nor dormant, whose dormancy date is on or before {@code today}. */
    public List<DuePool> poolsDueForDormancy(java.time.LocalDate today) {
        return db.select(Pool.CUSTOMER_ID, Pool.POOL_ID, Pool.LAST_ACTIVITY, Pool.DORMANCY_DAYS).from(Pool.TABLE)
                .where(Pool.EXPIRED.isFalse()).and(Pool.DORMANT.isFalse()).and(Pool.PROMOTIONAL.isFalse())
                .and(Pool.DORMANCY_DAYS.isNotNull())
                .fetch(r -> new DuePool(r.get(Pool.CUSTOMER_ID), r.get(Pool.POOL_ID),
                        r.get(Pool.LAST_ACTIVITY).plusDays(r.get(Pool.DORMANCY_DAYS))))
                .stream().filter(due -> !due.expiresOn().isAfter(today)).toList();
    }

    public List<DuePool> poolsDueForExpiry(java.time.LocalDate lastExpiryDate) {
        return db.select(Pool.CUSTOMER_ID, Pool.POOL_ID, Pool.EXPIRES_ON).from(Pool.TABLE)
                .where(Pool.EXPIRED.isFalse()).and(Pool.EXPIRES_ON.le(lastExpiryDate))
                .orderBy(Pool.EXPIRES_ON, Pool.CUSTOMER_ID, Pool.POOL_ID)
                .fetch(r -> new DuePool(r.get(Pool.CUSTOMER_ID), r.get(Pool.POOL_ID), r.get(Pool.EXPIRES_ON)));
    }

    /**
     * Built from the general-ledger lines of the prepaid-credit liability account, each classified by the account
     * it is paired with in its entry (business events post debit/credit pairs); lines of manual entries and
     * reversals are adjustments. So the closing is the GL balance by construction, and is also checked against it.
     */
    public Rollforward rollforward(YearMonth from, YearMonth to, String customer, String currencyCode) {
        return rollforward(from, to, customer, currencyCode, "all");
    }

    /** @param which "all" contract liabilities, "credits" (prepaid credits) or "contracts" (contracts' own) */
    public Rollforward rollforward(YearMonth from, YearMonth to, String customer, String currencyCode, String which) {
        String credits = chart.accountFor(AccountRole.DEFERRED_REVENUE_CREDITS).code();
        String contracts = chart.accountFor(AccountRole.DEFERRED_REVENUE_SUBSCRIPTION).code();
        String options = chart.accountFor(AccountRole.MATERIAL_RIGHT_LIABILITY).code();
        String licences = chart.accountFor(AccountRole.DEFERRED_REVENUE_LICENCES).code();
        List<String> liabilities = switch (which) {
            case "credits" -> List.of(credits);
            case "contracts" -> List.of(contracts);
            case "material-rights" -> List.of(options);
            case "licences" -> List.of(licences);
            default -> List.of(credits, contracts, options, licences);
        };
        Map<String, AccountRole> roleOf = new HashMap<>();
        chart.accounts().forEach(a -> a.role().ifPresent(role -> roleOf.put(a.code(), role)));
        Currency currency = Currency.getInstance(currencyCode);

        Map<String, String> programOfPool = new HashMap<>();
        Map<String, String[]> contractOfPool = new HashMap<>();
        db.select(Pool.CUSTOMER_ID, Pool.POOL_ID, Pool.PROGRAM_ID, Pool.CONTRACT_ID, Pool.OBLIGATION_ID).from(Pool.TABLE)
                .forEach(r -> {
                    String key = r.get(Pool.CUSTOMER_ID) + "|" + r.get(Pool.POOL_ID);
                    programOfPool.put(key, r.get(Pool.PROGRAM_ID));
                    if (r.get(Pool.CONTRACT_ID) != null) {
                        contractOfPool.put(key, new String[]{r.get(Pool.CONTRACT_ID), r.get(Pool.OBLIGATION_ID)});
                    }
                });

        // movements[period][account|customer|pool|contract|option] = {additions, usage, breakage, escheat, refunds,
        // adjustments, transfers, contract revenue}, from the GL's paired movements by month (each line classified
        // by the account it is paired with in its entry; lines of manual entries and reversals are adjustments)
        var where = PairedMovement.ACCOUNT_CODE.in(liabilities).and(PairedMovement.CURRENCY.eq(currencyCode))
                .and(PairedMovement.POSTING_MONTH.le(to.toString()));
        if (customer != null) {
            where = where.and(PairedMovement.CUSTOMER.eq(customer));
        }
        TreeMap<YearMonth, Map<List<String>, long[]>> movements = new TreeMap<>();
        for (Record l : db.select(PairedMovement.POSTING_MONTH, PairedMovement.ACCOUNT_CODE, PairedMovement.CUSTOMER,
                        PairedMovement.CREDIT_POOL, PairedMovement.CONTRACT, PairedMovement.PRODUCT,
                        PairedMovement.BUSINESS_EVENT, PairedMovement.COUNTER_ACCOUNT, PairedMovement.INCREASE,
                        PairedMovement.NET_CREDIT_MINOR)
                .from(PairedMovement.TABLE).where(where).fetch()) {
            String account = l.get(PairedMovement.ACCOUNT_CODE);
            String cust = l.get(PairedMovement.CUSTOMER);
            long credit = l.get(PairedMovement.NET_CREDIT_MINOR).longValueExact(); // liability grows with credits
            AccountRole counter = roleOf.get(l.get(PairedMovement.COUNTER_ACCOUNT));
            int bucket = !l.get(PairedMovement.BUSINESS_EVENT) || counter == null ? 5 : switch (counter) {
                case CASH, REFUND_LIABILITY -> l.get(PairedMovement.INCREASE) && counter == AccountRole.CASH ? 0 : 4;
                case ACCOUNTS_RECEIVABLE, CONTRACT_ASSET -> 0;
                case USAGE_REVENUE -> 1;
                case BREAKAGE_REVENUE -> 2;
                case UNCLAIMED_PROPERTY_LIABILITY -> 3;
                case DEFERRED_REVENUE_CREDITS, DEFERRED_REVENUE_SUBSCRIPTION, MATERIAL_RIGHT_LIABILITY -> 6;
                case SUBSCRIPTION_REVENUE, SUPPORT_REVENUE, SERVICES_REVENUE, PRODUCT_REVENUE,
                     COMMITMENT_SHORTFALL_REVENUE, MATERIAL_RIGHT_REVENUE, LICENCE_REVENUE, ROYALTY_REVENUE -> 7;
                default -> 5;
            };
            String pool = account.equals(contracts) ? "" : l.get(PairedMovement.CREDIT_POOL);
            String[] owner = contractOfPool.get(cust + "|" + pool);
            boolean own = account.equals(contracts) || account.equals(options) || account.equals(licences);
            String contract = own ? l.get(PairedMovement.CONTRACT) : owner == null ? "" : owner[0];
            // a material right's liability is kept per option (its obligation, in the line's product dimension)
            String option = account.equals(options) ? l.get(PairedMovement.PRODUCT) : "";
            long[] m = movements.computeIfAbsent(YearMonth.parse(l.get(PairedMovement.POSTING_MONTH)), k -> new HashMap<>())
                    .computeIfAbsent(List.of(account, cust, pool, contract, option), k -> new long[8]);
            // additions, adjustments and transfers are signed as increases; the others as decreases
            m[bucket] += bucket == 0 || bucket == 5 || bucket == 6 ? credit : -credit;
        }

        Map<List<String>, Long> balance = new TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)).thenComparing(k -> k.get(3))
                .thenComparing(k -> k.get(4)));
        for (var period : movements.headMap(from).values()) {
            period.forEach((key, m) -> balance.merge(key, closing(0, m), Long::sum));
        }
        List<Rollforward.Period> periods = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            Map<List<String>, long[]> moves = movements.getOrDefault(month, Map.of());
            moves.keySet().forEach(k -> balance.putIfAbsent(k, 0L));
            List<Rollforward.Row> rows = new ArrayList<>();
            long[] total = new long[8];
            long totalOpening = 0;
            long totalClosing = 0;
            long totalFromOpening = 0;
            for (var entry : balance.entrySet()) {
                long[] m = moves.getOrDefault(entry.getKey(), new long[8]);
                long opening = entry.getValue();
                long closing = closing(opening, m);
                long fromOpening = Math.max(0, Math.min(Math.max(opening, 0), m[1] + m[2] + m[7]));
                if (opening == 0 && closing == 0 && java.util.Arrays.stream(m).allMatch(x -> x == 0)) {
                    continue;
                }
                List<String> key = entry.getKey();
                String[] owner = contractOfPool.get(key.get(1) + "|" + key.get(2));
                rows.add(row(key.get(0), key.get(1), programOfPool.get(key.get(1) + "|" + key.get(2)), key.get(2),
                        key.get(3), !key.get(4).isEmpty() ? key.get(4) : owner == null ? null : owner[1], opening, m,
                        closing, fromOpening, currency));
                totalOpening += opening;
                for (int i = 0; i < 8; i++) {
                    total[i] += m[i];
                }
                totalClosing += closing;
                totalFromOpening += fromOpening;
                entry.setValue(closing);
            }
            long glClosing = 0;
            for (String account : liabilities) {
                glClosing += glBalance(account, currencyCode, month, customer);
            }
            Rollforward.Row totalRow = row(null, null, null, null, null, null, totalOpening, total, totalClosing,
                    totalFromOpening, currency);
            boolean identity = closing(totalOpening, total) == totalClosing;
            periods.add(new Rollforward.Period(month.toString(), rows, totalRow, money(glClosing, currency), identity,
                    glClosing == totalClosing));
        }
        return new Rollforward(credits, liabilities, currencyCode, periods);
    }

    private static long closing(long opening, long[] m) {
        return opening + m[0] - m[1] - m[2] - m[3] - m[4] + m[5] + m[6] - m[7];
    }

    private long glBalance(String account, String currency, YearMonth month, String customer) {
        if (customer == null) { // from the balances by day, not the lines
            var sum = db.select(org.jooq.impl.DSL.sum(DailyBalance.CREDIT_MINOR.minus(DailyBalance.DEBIT_MINOR)))
                    .from(DailyBalance.TABLE).where(DailyBalance.ACCOUNT_CODE.eq(account))
                    .and(DailyBalance.CURRENCY.eq(currency)).and(DailyBalance.POSTING_DATE.le(month.atEndOfMonth()))
                    .fetchOne(0, BigDecimal.class);
            return sum == null ? 0 : sum.longValueExact();
        }
        var where = GlLine.ACCOUNT_CODE.eq(account).and(GlLine.CURRENCY.eq(currency))
                .and(GlLine.POSTING_DATE.le(month.atEndOfMonth()));
        if (customer != null) {
            where = where.and(GlLine.CUSTOMER.eq(customer));
        }
        var sum = db.select(org.jooq.impl.DSL.sum(GlLine.CREDIT_MINOR.minus(GlLine.DEBIT_MINOR))).from(GlLine.TABLE)
                .where(where).fetchOne(0, BigDecimal.class);
        return sum == null ? 0 : sum.longValueExact();
    }

    private static Rollforward.Row row(String account, String customer, String program, String pool, String contract,
                                       String obligation, long opening, long[] m, long closing, long fromOpening,
                                       Currency currency) {
        return new Rollforward.Row(customer, program,
                pool == null || pool.isEmpty() ? null : pool, money(opening, currency),
                money(m[0], currency), money(m[1], currency), money(m[2], currency), money(m[3], currency),
                money(m[4], currency), money(m[5], currency), money(closing, currency), money(fromOpening, currency),
                account, contract == null || contract.isEmpty() ? null : contract, obligation, money(m[6], currency),
                money(m[7], currency));
    }

    private static BigDecimal money(long minor, Currency currency) {
        return Money.ofMinor(minor, currency).amount();
    }

    private static BigDecimal plain(BigDecimal credits) {
        BigDecimal stripped = credits.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
