package dev.tokenledger.adapters.demo;

import dev.tokenledger.credits.AdoptCreditProgram;
import dev.tokenledger.credits.BreakagePolicy;
import dev.tokenledger.credits.Commands.GrantPromotionalCredits;
import dev.tokenledger.credits.Commands.PurchaseCredits;
import dev.tokenledger.credits.ExpiryRule;
import dev.tokenledger.credits.Settlement;
import dev.tokenledger.usage.CostRole;
import dev.tokenledger.usage.PublishCostCard;
import dev.tokenledger.usage.PublishRateCard;
import dev.tokenledger.usage.Tier;
import dev.tokenledger.usage.TierMode;
import dev.tokenledger.usage.UnitCost;
import dev.tokenledger.usage.UnitPrice;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic AI inference company for the demo and the benchmarks, the same for the same seed (README "The demo
 * company" states every assumption and its source). Built as a plan: each customer's spend per day is modelled first
 * (segment, growth, weekly seasonality, spikes, churn, a model launch and a price cut half-way), its prepaid purchases
 * are sized from that plan, and its usage records are derived so that they price back to the plan at the rate cards.
 *
 * <ul>
 *     <li>Four models: atlas (own flagship), nova (own, launched with the price cut on 2026-05-01), lumen (own
 *     embeddings) and orbit (a third-party model resold as principal).</li>
 *     <li>Segments: a few enterprise customers (15% off atlas and nova, prepaid quarterly on invoice, overage billed
 *     monthly), mid-sized customers topping up monthly (some on invoice), small self-serve customers buying card
 *     packs, and a free tier living on promotional credits, a quarter of which converts to paying.</li>
 *     <li>Invoices fall due 30 days after issue; most are paid on time, some late, a few not within the year.</li>
 * </ul>
 */
public final class SyntheticAiCompany {

    public static final LocalDate START = LocalDate.of(2025, 11, 1);
    public static final int DAYS = 365;
    public static final LocalDate END = START.plusDays(DAYS - 1);
    /** The list price cut and the launch of nova (and cheaper GPUs): the start of month seven. */
    public static final LocalDate PRICE_CUT = LocalDate.of(2026, 5, 1);
    static final int PRICE_CUT_DAY = (int) (PRICE_CUT.toEpochDay() - START.toEpochDay());
    static final BigDecimal VALUE_PER_CREDIT = new BigDecimal("0.01");
    static final int PAYMENT_TERMS_DAYS = 30;
    static final String[] ENTERPRISE_NAMES = {"initech", "hooli", "globex", "umbrella", "stark-industries"};

    public enum Segment { ENTERPRISE, MID, SMALL, FREE }

    /** A model, its share of traffic's feature mix, and whether it is served on own GPUs. */
    enum Model {
        ATLAS("atlas", "own"), ORBIT("orbit", "orbitai"), NOVA("nova", "own"), LUMEN("lumen", "own");

        final String id;
        final String provider;

        Model(String id, String provider) {
            this.id = id;
            this.provider = provider;
        }
    }

    /** Price per token of each unit (input, output, cached input) of a model on a date; list or enterprise. */
    record Prices(double input, double output, double cached) {
    }

    /**
     * How one customer consumes and pays.
     *
     * @param dailySpend     planned usage value per day, in USD at the customer's prices (before weekly seasonality)
     * @param monthlyGrowth  growth factor per 30 days
     * @param mix            share of spend per model (atlas, orbit, nova, lumen) before nova's launch
     * @param paymentDelay   days after the due date this customer pays (negative: early); -1000: never within the year
     */
    public record Customer(String id, int index, Segment segment, int signupDay, int churnDay, int convertDay,
                           double dailySpend, double monthlyGrowth, boolean spiky, double[] mix, boolean invoiced,
                           int paymentDelay) {
        boolean activeOn(int day) {
            return day >= signupDay && day < churnDay;
        }
    }

    /** A prepaid purchase the plan makes. */
    public record Purchase(String customerId, String purchaseId, String programId, LocalDate date, BigDecimal price,
                           BigDecimal credits, BigDecimal bonusCredits, Settlement settlement) {
    }

    private final int customerCount;
    private final long seed;
    private List<Customer> customers;
    /** spend[customer][day][model] in USD, after seasonality, spikes and churn. */
    private double[][][] spend;

    public SyntheticAiCompany(int customers, long seed) {
        this.customerCount = customers;
        this.seed = seed;
    }

    /** Enterprise customers have names; everyone else a number. */
    public static String customerId(int i) {
        return i < ENTERPRISE_NAMES.length ? ENTERPRISE_NAMES[i] : String.format("cust-%04d", i);
    }

    static int enterpriseCount(int customers) {
        return Math.min(ENTERPRISE_NAMES.length, Math.max(2, customers / 200));
    }

    // --- the catalog ---------------------------------------------------------------------------------------

    static Prices listPrices(Model model, int day) {
        boolean cut = day >= PRICE_CUT_DAY;
        return switch (model) {
            case ATLAS -> cut ? new Prices(2.5e-6, 10e-6, 0.25e-6) : new Prices(3e-6, 12e-6, 0.3e-6);
            case ORBIT -> new Prices(10e-6, 30e-6, 0);
            case NOVA -> new Prices(1e-6, 4e-6, 0.1e-6);
            case LUMEN -> new Prices(0.1e-6, 0, 0);
        };
    }

    /** Enterprise customers pay 15% less for the company's own chat models. */
    static Prices pricesFor(Customer c, Model model, int day) {
        Prices list = listPrices(model, day);
        if (c.segment() == Segment.ENTERPRISE && (model == Model.ATLAS || model == Model.NOVA)) {
            return new Prices(list.input() * 0.85, list.output() * 0.85, list.cached() * 0.85);
        }
        return list;
    }

    /**
     * The generator draws prices, costs and volumes as doubles (a random model of a company, not money the ledger
     * holds); each price becomes a decimal here, once, at 12 places, before it reaches a rate card or the API.
     */
    private static BigDecimal d(double value) {
        return BigDecimal.valueOf(value).setScale(12, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static UnitPrice flat(String model, String unit, double each) {
        return new UnitPrice(model, unit, TierMode.GRADUATED, List.of(new Tier(null, d(each))));
    }

    private static List<UnitPrice> priceList(int day, double factor, boolean ownChatOnly) {
        List<UnitPrice> prices = new ArrayList<>();
        for (Model m : Model.values()) {
            if (ownChatOnly && !(m == Model.ATLAS || m == Model.NOVA)) {
                continue;
            }
            Prices p = listPrices(m, day);
            prices.add(flat(m.id, "input_tokens", p.input() * factor));
            if (p.output() > 0) {
                prices.add(flat(m.id, "output_tokens", p.output() * factor));
            }
            if (p.cached() > 0) {
                prices.add(flat(m.id, "cached_tokens", p.cached() * factor));
            }
        }
        return prices;
    }

    /** Rate cards (list v1, the price cut in v2, enterprise overrides), cost cards (own GPUs getting cheaper, orbit). */
    public List<Object> catalog() {
        List<Object> commands = new ArrayList<>();
        commands.add(new PublishRateCard("list", 1, START, "USD", null, priceList(0, 1, false)));
        commands.add(new PublishRateCard("list", 2, PRICE_CUT, "USD", null, priceList(PRICE_CUT_DAY, 1, false)));
        for (Customer c : customers()) {
            if (c.segment() == Segment.ENTERPRISE) {
                commands.add(new PublishRateCard("deal-" + c.id(), 1, START, "USD", c.id(), priceList(0, 0.85, true)));
                commands.add(new PublishRateCard("deal-" + c.id(), 2, PRICE_CUT, "USD", c.id(), priceList(PRICE_CUT_DAY, 0.85, true)));
            }
        }
        commands.add(new PublishCostCard("own-gpus", 1, START, "USD", "own", CostRole.COMPUTE, ownCosts(1.0)));
        commands.add(new PublishCostCard("own-gpus", 2, PRICE_CUT, "USD", "own", CostRole.COMPUTE, ownCosts(0.8)));
        commands.add(new PublishCostCard("orbit-vendor", 1, START, "USD", "orbitai", CostRole.THIRD_PARTY, List.of(
                new UnitCost("orbit", "input_tokens", d(7.5e-6)), new UnitCost("orbit", "output_tokens", d(22.5e-6)))));
        return commands;
    }

    /** Own GPU cost per token: about 30% of atlas' list price; cheaper by {@code factor} after the price cut. */
    private static List<UnitCost> ownCosts(double factor) {
        return List.of(
                new UnitCost("atlas", "input_tokens", d(0.9e-6 * factor)), new UnitCost("atlas", "output_tokens", d(3.6e-6 * factor)),
                new UnitCost("atlas", "cached_tokens", d(0.09e-6 * factor)),
                new UnitCost("nova", "input_tokens", d(0.3e-6 * factor)), new UnitCost("nova", "output_tokens", d(1.2e-6 * factor)),
                new UnitCost("nova", "cached_tokens", d(0.03e-6 * factor)),
                new UnitCost("lumen", "input_tokens", d(0.02e-6 * factor)));
    }

    /**
     * The credit programs: contract prepayments (REMOTE breakage, 12 months), self-serve packs (REMOTE, 6 months) and
     * promotional credits (90 days, no consideration).
     */
    public List<Object> programs() {
        return List.of(
                new AdoptCreditProgram("prepaid", "prepaid-v1", START, "USD", VALUE_PER_CREDIT, ExpiryRule.daysAfterPurchase(365),
                        BreakagePolicy.REMOTE, null, BigDecimal.ZERO, true, null),
                new AdoptCreditProgram("packs", "packs-v1", START, "USD", VALUE_PER_CREDIT, ExpiryRule.daysAfterPurchase(180),
                        BreakagePolicy.REMOTE, null, BigDecimal.ZERO, false, null),
                new AdoptCreditProgram("promo", "promo-v1", START, "USD", VALUE_PER_CREDIT, ExpiryRule.daysAfterPurchase(90),
                        BreakagePolicy.REMOTE, null, BigDecimal.ZERO, false, null));
    }

    /** Programs, grants and purchases, in date order (what the benchmark books before importing usage). */
    public List<Object> credits() {
        List<Object> commands = new ArrayList<>(programs());
        commands.addAll(creditCommands(START, END));
        return commands;
    }

    /** Grants and purchases dated from {@code from} to {@code to}, in date order. */
    public List<Object> creditCommands(LocalDate from, LocalDate to) {
        List<Object> commands = new ArrayList<>();
        for (Customer c : customers()) {
            LocalDate signup = START.plusDays(c.signupDay());
            if (!signup.isBefore(from) && !signup.isAfter(to)) {
                commands.add(new GrantPromotionalCredits(c.id(), "welcome", "promo", signup, BigDecimal.valueOf(500), null));
            }
        }
        for (Purchase p : purchases()) {
            if (!p.date().isBefore(from) && !p.date().isAfter(to)) {
                commands.add(new PurchaseCredits(p.customerId(), p.purchaseId(), p.programId(), p.date(), p.price(), "USD",
                        p.credits(), p.bonusCredits(), p.settlement(), null));
            }
        }
        return commands;
    }

    // --- the plan -------------------------------------------------------------------------------------------

    public synchronized List<Customer> customers() {
        if (customers == null) {
            customers = new ArrayList<>();
            int enterprise = enterpriseCount(customerCount);
            int mid = Math.max(3, customerCount * 6 / 100);
            int small = Math.max(5, customerCount * 30 / 100);
            for (int i = 0; i < customerCount; i++) {
                SplittableRandom r = new SplittableRandom(seed * 31 + i);
                Segment segment = i < enterprise ? Segment.ENTERPRISE : i < enterprise + mid ? Segment.MID
                        : i < enterprise + mid + small ? Segment.SMALL : Segment.FREE;
                int signup = switch (segment) {
                    case ENTERPRISE -> 0;
                    case MID -> r.nextInt(10) < 4 ? 0 : r.nextInt(240);
                    default -> r.nextInt(10) < 2 ? 0 : r.nextInt(330);
                };
                int churn = Integer.MAX_VALUE;
                if ((segment == Segment.MID && r.nextInt(100) < 8) || (segment == Segment.SMALL && r.nextInt(100) < 15)) {
                    churn = signup + 60 + r.nextInt(240);
                }
                int convert = segment == Segment.FREE && r.nextInt(4) == 0 ? signup + 20 + r.nextInt(40) : Integer.MAX_VALUE;
                double daily = switch (segment) {
                    case ENTERPRISE -> 1500 + r.nextDouble() * 2500;
                    case MID -> 40 + r.nextDouble() * 260;
                    case SMALL -> Math.exp(r.nextDouble() * Math.log(15));
                    case FREE -> 0.25 + r.nextDouble() * 0.25;
                };
                double growth = switch (segment) {
                    case ENTERPRISE -> 1.02 + r.nextDouble() * 0.03;
                    case MID -> 0.99 + r.nextDouble() * 0.09;
                    default -> 0.98 + r.nextDouble() * 0.12;
                };
                double[] mix = switch (segment) {
                    case ENTERPRISE -> new double[]{0.64, 0.30, 0, 0.06};
                    default -> switch (r.nextInt(4)) {
                        case 0 -> new double[]{0.95, 0, 0, 0.05};
                        case 1 -> new double[]{0.60, 0.36, 0, 0.04};
                        case 2 -> new double[]{0.97, 0, 0, 0.03};
                        default -> new double[]{0.72, 0.24, 0, 0.04};
                    };
                };
                boolean invoiced = segment == Segment.ENTERPRISE || (segment == Segment.MID && r.nextInt(10) < 4);
                int roll = r.nextInt(100);
                int delay = roll < 70 ? -r.nextInt(6) : roll < 90 ? 1 + r.nextInt(20) : roll < 98 ? 21 + r.nextInt(40) : -1000;
                if (segment == Segment.ENTERPRISE) {
                    delay = roll < 80 ? -r.nextInt(4) : 1 + r.nextInt(25); // enterprises pay, sometimes late
                }
                customers.add(new Customer(customerId(i), i, segment, signup, churn, convert, daily, growth,
                        r.nextInt(10) == 0, mix, invoiced, delay));
            }
        }
        return customers;
    }

    /** Planned usage value in USD per customer, day and model. */
    synchronized double[][][] spend() {
        if (spend == null) {
            List<Customer> all = customers();
            spend = new double[all.size()][DAYS][Model.values().length];
            for (Customer c : all) {
                SplittableRandom spikes = new SplittableRandom(seed * 97 + c.index());
                for (int day = c.signupDay(); day < Math.min(DAYS, c.churnDay()); day++) {
                    double daily;
                    if (c.segment() == Segment.FREE) {
                        if (day < c.signupDay() + 18) {
                            daily = c.dailySpend(); // the promotional credits, used over the first weeks
                        } else if (day >= c.convertDay()) {
                            daily = 1 + (c.index() % 5) * Math.pow(1.04, (day - c.convertDay()) / 30.0);
                        } else {
                            continue;
                        }
                    } else {
                        daily = c.dailySpend() * Math.pow(c.monthlyGrowth(), (day - c.signupDay()) / 30.0);
                    }
                    DayOfWeek weekday = START.plusDays(day).getDayOfWeek();
                    double seasonal = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? 0.6 : 1.08;
                    double spike = c.spiky() && spikes.nextInt(30) == 0 ? 3 : 1;
                    double total = daily * seasonal * spike;
                    double[] mix = c.mix().clone();
                    if (day >= PRICE_CUT_DAY) { // nova takes a third of atlas' traffic after its launch
                        mix[2] = mix[0] / 3;
                        mix[0] -= mix[2];
                    }
                    for (int m = 0; m < mix.length; m++) {
                        spend[c.index()][day][m] = total * mix[m];
                    }
                }
            }
        }
        return spend;
    }

    /** Planned usage value of a customer over the whole year, or empty when the company has no such customer. */
    public java.util.OptionalDouble plannedSpend(String customerId) {
        return customers().stream().filter(c -> c.id().equals(customerId))
                .mapToDouble(c -> planned(c, 0, DAYS)).findFirst();
    }

    /** Planned usage value of a customer over days [from, to). */
    private double planned(Customer c, int from, int to) {
        double total = 0;
        double[][] s = spend()[c.index()];
        for (int day = Math.max(0, from); day < Math.min(DAYS, to); day++) {
            for (double v : s[day]) {
                total += v;
            }
        }
        return total;
    }

    /** Purchases sized to each customer's planned usage, so that most credits are used (breakage a few percent). */
    public synchronized List<Purchase> purchases() {
        List<Purchase> purchases = new ArrayList<>();
        for (Customer c : customers()) {
            double balance = 0;
            int n = 0;
            for (int day = 0; day < DAYS; day++) {
                if (!c.activeOn(day) || (c.segment() == Segment.FREE && day < c.convertDay())) {
                    continue;
                }
                LocalDate date = START.plusDays(day);
                double buy = 0;
                switch (c.segment()) {
                    case ENTERPRISE -> {
                        if (day % 91 == 0 && day + 30 < DAYS) { // a quarter's prepay, a little below plan
                            buy = Math.floor(0.9 * planned(c, day, day + 91) / 1000) * 1000;
                        }
                    }
                    case MID -> {
                        if (date.getDayOfMonth() == 1 || day == c.signupDay()) {
                            double month = planned(c, day, day + 30);
                            if (balance < month) {
                                buy = Math.max(100, Math.ceil((1.05 * month - balance) / 100) * 100);
                            }
                        }
                    }
                    default -> {
                        if (balance < planned(c, day, day + 7)) {
                            double month = planned(c, day, day + 30);
                            buy = month <= 20 ? 20 : month <= 50 ? 50 : month <= 100 ? 100 : month <= 250 ? 250 : 500;
                        }
                    }
                }
                if (buy > 0) {
                    BigDecimal price = BigDecimal.valueOf(buy).setScale(2, RoundingMode.UNNECESSARY);
                    BigDecimal credits = price.divide(VALUE_PER_CREDIT, 0, RoundingMode.UNNECESSARY);
                    BigDecimal bonus = buy >= 5000 && c.segment() == Segment.MID
                            ? credits.multiply(new BigDecimal("0.02")).setScale(0, RoundingMode.DOWN) : BigDecimal.ZERO;
                    String program = c.segment() == Segment.ENTERPRISE || c.segment() == Segment.MID ? "prepaid" : "packs";
                    purchases.add(new Purchase(c.id(), String.format("order-%03d", ++n), program, date, price, credits, bonus,
                            c.invoiced() ? Settlement.INVOICED : Settlement.CASH));
                    balance += buy + bonus.doubleValue() * 0.01;
                }
                double used = 0;
                for (double v : spend()[c.index()][day]) {
                    used += v;
                }
                balance = Math.max(0, balance - used);
            }
        }
        purchases.sort(Comparator.comparing(Purchase::date).thenComparing(Purchase::customerId));
        return purchases;
    }

    /** The day an invoice issued on {@code issued} is paid by this customer, or null when not within the demo year. */
    public LocalDate paymentDate(String customerId, LocalDate issued) {
        Customer c = customers().stream().filter(x -> x.id().equals(customerId)).findFirst().orElseThrow();
        if (c.paymentDelay() <= -1000) {
            return null;
        }
        LocalDate paid = issued.plusDays(PAYMENT_TERMS_DAYS + c.paymentDelay());
        return paid.isAfter(END) ? null : paid;
    }

    /**
     * The month's fixed infrastructure (reserved GPUs, hosting), sized to the business: 50 USD per customer (50,000 a
     * month for 1,000 customers), growing 3% a month.
     */
    public BigDecimal infrastructure(YearMonth month) {
        long months = month.getYear() * 12L + month.getMonthValue() - (START.getYear() * 12L + START.getMonthValue());
        return BigDecimal.valueOf(50.0 * customerCount * Math.pow(1.03, months)).setScale(2, RoundingMode.HALF_UP);
    }

    // --- usage records -------------------------------------------------------------------------------------

    /** Writes about {@code records} usage records of the whole year as CSV, in time order; returns how many. */
    public long writeUsage(Path file, long records) throws IOException {
        return writeUsage(file, records, START, END);
    }

    /**
     * Writes the usage records dated {@code from} to {@code to} (inclusive) of a year of about {@code records}
     * records: the same records, ids included, whichever range is written. Each record is a rollup of one customer's
     * requests to one model and feature; together a customer's records price back to its planned spend.
     */
    public long writeUsage(Path file, long records, LocalDate from, LocalDate to) throws IOException {
        double[][][] s = spend();
        double sqrtTotal = 0;
        for (double[][] customer : s) {
            for (double[] day : customer) {
                for (double v : day) {
                    sqrtTotal += v > 0 ? Math.sqrt(v) : 0;
                }
            }
        }
        double recordsPerSqrt = records / Math.max(sqrtTotal, 1e-9);
        long written = 0;
        List<Customer> all = customers();
        try (Writer w = Files.newBufferedWriter(file);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("id", "customer_id", "end_user_id",
                     "timestamp", "model", "feature", "provider", "input_tokens", "output_tokens", "cached_tokens").get())) {
            double[][] carried = new double[all.size()][Model.values().length];
            List<Object[]> day = new ArrayList<>();
            for (int d = 0; d < DAYS; d++) {
                LocalDate date = START.plusDays(d);
                boolean write = !date.isBefore(from) && !date.isAfter(to);
                day.clear();
                Instant midnight = date.atStartOfDay(ZoneOffset.UTC).toInstant();
                for (Customer c : all) {
                    for (Model m : Model.values()) {
                        double value = s[c.index()][d][m.ordinal()] + carried[c.index()][m.ordinal()];
                        if (value <= 0) {
                            continue;
                        }
                        SplittableRandom r = new SplittableRandom(seed ^ ((long) c.index() * 1_000_003L + d * 131L + m.ordinal()));
                        double expected = Math.sqrt(s[c.index()][d][m.ordinal()]) * recordsPerSqrt;
                        long n = (long) expected + (r.nextDouble() < expected - Math.floor(expected) ? 1 : 0);
                        if (n == 0) {
                            carried[c.index()][m.ordinal()] = value; // priced with a later record of this customer and model
                            continue;
                        }
                        carried[c.index()][m.ordinal()] = 0;
                        for (long k = 0; k < n; k++) {
                            Object[] record = record(c, m, d, value / n, midnight.plusSeconds(r.nextInt(86_400)), r);
                            if (record != null && write) {
                                record[0] = "u-" + d + "-" + c.index() + "-" + m.ordinal() + "-" + k;
                                day.add(record);
                            }
                        }
                    }
                }
                day.sort(Comparator.comparing(o -> (String) o[3])); // ISO instants with whole seconds sort as text
                for (Object[] rec : day) {
                    csv.printRecord(rec);
                    written++;
                }
            }
        }
        return written;
    }

    /** One record worth about {@code value} USD at the customer's prices: tokens by the feature's in/out mix. */
    private static Object[] record(Customer c, Model m, int day, double value, Instant at, SplittableRandom r) {
        String feature;
        double out;
        double cached = 0;
        if (m == Model.LUMEN) {
            feature = "embeddings";
            out = 0;
        } else {
            int roll = r.nextInt(100);
            feature = roll < 50 ? "chat" : roll < 85 ? "agent" : "search";
            out = feature.equals("chat") ? 0.3 : feature.equals("agent") ? 0.15 : 0.08;
            if (feature.equals("agent") && (m == Model.ATLAS || m == Model.NOVA)) {
                cached = 0.6;
            }
        }
        Prices p = pricesFor(c, m, day);
        double perInputToken = p.input() + out * p.output() + cached * p.cached();
        long input = Math.round(value * (0.7 + r.nextDouble() * 0.6) / perInputToken);
        if (input <= 0) {
            return null;
        }
        return new Object[]{null, c.id(), "user-" + c.index() + "-" + r.nextInt(25), at.toString(), m.id, feature,
                m.provider, input, Math.round(input * out), Math.round(input * cached)};
    }
}
