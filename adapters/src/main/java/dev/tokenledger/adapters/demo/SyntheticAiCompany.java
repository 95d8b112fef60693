package dev.tokenledger.adapters.demo;

import dev.tokenledger.adapters.journal.CommandBatches;
import dev.tokenledger.credits.AdoptCreditProgram;
import dev.tokenledger.credits.BreakagePolicy;
import dev.tokenledger.credits.Commands.GrantPromotionalCredits;
import dev.tokenledger.credits.Commands.PurchaseCredits;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic AI company for the demo and the benchmark, the same for the same seed: customers (a few whales, some
 * mid-sized, many small), twelve months of usage with weekly seasonality, growth and decline, spikes, churn and a
 * model launch half-way, four models with different prices and costs, and paid and promotional credits.
 */
public final class SyntheticAiCompany {

    public static final LocalDate START = LocalDate.of(2025, 11, 1);
    public static final int DAYS = 365;
    static final String[] MODELS = {"atlas", "orbit", "nova", "lumen"};
    static final String[] FEATURES = {"chat", "agent", "search", "embeddings"};
    static final int NOVA_LAUNCH_DAY = 181;

    private final int customers;
    private final long seed;

    public SyntheticAiCompany(int customers, long seed) {
        this.customers = customers;
        this.seed = seed;
    }

    public static String customerId(int i) {
        return String.format("cust-%04d", i);
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static UnitPrice flat(String model, String unit, String each) {
        return new UnitPrice(model, unit, TierMode.GRADUATED, List.of(new Tier(null, d(each))));
    }

    /** Rate cards (a mid-year price cut, a whale's override, a graduated tier) and cost cards. */
    public List<Object> catalog() {
        List<UnitPrice> listV1 = List.of(
                new UnitPrice("atlas", "input_tokens", TierMode.GRADUATED,
                        List.of(new Tier(50_000_000L, d("0.000003")), new Tier(null, d("0.0000025")))),
                flat("atlas", "output_tokens", "0.000012"), flat("atlas", "cached_tokens", "0.0000003"),
                flat("orbit", "input_tokens", "0.00001"), flat("orbit", "output_tokens", "0.00003"),
                flat("nova", "input_tokens", "0.000005"), flat("nova", "output_tokens", "0.00002"),
                flat("lumen", "input_tokens", "0.0000001"));
        List<UnitPrice> listV2 = new ArrayList<>(listV1);
        listV2.set(0, new UnitPrice("atlas", "input_tokens", TierMode.GRADUATED,
                List.of(new Tier(50_000_000L, d("0.0000025")), new Tier(null, d("0.000002")))));
        return List.of(
                new PublishRateCard("list", 1, START, "USD", null, listV1),
                new PublishRateCard("list", 2, START.plusMonths(7), "USD", null, listV2),
                new PublishRateCard("whale-deal", 1, START, "USD", customerId(0), List.of(
                        new UnitPrice("atlas", "input_tokens", TierMode.VOLUME,
                                List.of(new Tier(100_000_000L, d("0.000002")), new Tier(null, d("0.0000015")))))),
                new PublishCostCard("own-gpus", 1, START, "USD", "own", CostRole.COMPUTE, List.of(
                        new UnitCost("atlas", "input_tokens", d("0.000001")), new UnitCost("atlas", "output_tokens", d("0.000004")),
                        new UnitCost("atlas", "cached_tokens", d("0.0000001")),
                        new UnitCost("nova", "input_tokens", d("0.000002")), new UnitCost("nova", "output_tokens", d("0.000008")),
                        new UnitCost("lumen", "input_tokens", d("0.00000002")))),
                new PublishCostCard("own-gpus", 2, START.plusMonths(6), "USD", "own", CostRole.COMPUTE, List.of(
                        new UnitCost("atlas", "input_tokens", d("0.0000008")), new UnitCost("atlas", "output_tokens", d("0.0000032")),
                        new UnitCost("atlas", "cached_tokens", d("0.00000008")),
                        new UnitCost("nova", "input_tokens", d("0.0000016")), new UnitCost("nova", "output_tokens", d("0.0000064")),
                        new UnitCost("lumen", "input_tokens", d("0.000000015")))),
                new PublishCostCard("orbit-vendor", 1, START, "USD", "orbitai", CostRole.THIRD_PARTY, List.of(
                        new UnitCost("orbit", "input_tokens", d("0.000006")), new UnitCost("orbit", "output_tokens", d("0.000018")))));
    }

    /** Credit programs, then purchases and promotional grants over the year. */
    public List<Object> credits() {
        List<Object> commands = new ArrayList<>();
        commands.add(new AdoptCreditProgram("prepaid", "prepaid-v1", START, "USD", d("0.01"),
                dev.tokenledger.credits.ExpiryRule.daysAfterPurchase(365),
                BreakagePolicy.REMOTE, null, BigDecimal.ZERO, true, null));
        commands.add(new AdoptCreditProgram("promo", "promo-v1", START, "USD", d("0.01"),
                dev.tokenledger.credits.ExpiryRule.daysAfterPurchase(90),
                BreakagePolicy.REMOTE, null, BigDecimal.ZERO, false, null));
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < customers; i++) {
            Profile p = profile(i);
            LocalDate signup = START.plusDays(p.startDay);
            String c = customerId(i);
            commands.add(new GrantPromotionalCredits(c, "welcome", "promo", signup, BigDecimal.valueOf(500), null));
            if (p.segment == 0) { // whales prepay each quarter, invoiced
                for (int q = 0; q < 4; q++) {
                    commands.add(new PurchaseCredits(c, "prepay-q" + q, "prepaid", signup.plusMonths(3L * q), d("20000"),
                            "USD", BigDecimal.valueOf(2_000_000), BigDecimal.valueOf(100_000), Settlement.INVOICED, null));
                }
            } else if (p.segment == 1 || random.nextInt(10) < 3) { // mid-sized buy packs, some small ones too
                commands.add(new PurchaseCredits(c, "pack-1", "prepaid", signup, d(p.segment == 1 ? "500" : "50"), "USD",
                        BigDecimal.valueOf(p.segment == 1 ? 50_000 : 5_000), BigDecimal.ZERO, Settlement.CASH, null));
            }
        }
        return commands;
    }

    /** How one customer consumes; weights are relative volumes, not money. */
    record Profile(int segment, int startDay, int churnDay, double dailyGrowth, boolean spiky, double weight,
                   int mainModel) {
    }

    Profile profile(int i) {
        SplittableRandom r = new SplittableRandom(seed * 31 + i);
        int segment = i < Math.max(3, customers / 200) ? 0 : i < Math.max(10, customers / 16) ? 1 : 2;
        int startDay = segment == 0 ? 0 : r.nextInt(300);
        int churnDay = segment == 2 && r.nextInt(10) == 0 ? startDay + 30 + r.nextInt(200) : Integer.MAX_VALUE;
        double growth = (r.nextDouble() * 0.17 - 0.02) / 30; // -2% .. +15% a month
        double weight = segment == 0 ? 150 + r.nextInt(150) : segment == 1 ? 10 + r.nextInt(20) : 0.3 + r.nextDouble();
        return new Profile(segment, startDay, churnDay, growth, r.nextInt(10) == 0, weight, r.nextInt(3));
    }

    /**
     * Writes about {@code records} usage records as CSV, in time order, for the customers and year above.
     *
     * @return the number of records written
     */
    public long writeUsage(Path file, long records) throws IOException {
        Profile[] profiles = new Profile[customers];
        double[][] daily = new double[customers][DAYS];
        double totalWeight = 0; // relative activity of all customer-days
        SplittableRandom spikes = new SplittableRandom(seed + 7);
        for (int i = 0; i < customers; i++) {
            Profile p = profiles[i] = profile(i);
            for (int day = p.startDay; day < Math.min(DAYS, p.churnDay); day++) {
                DayOfWeek weekday = START.plusDays(day).getDayOfWeek();
                double seasonal = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? 0.55 : 1.0;
                double spike = p.spiky && spikes.nextInt(40) == 0 ? 6 : 1;
                daily[i][day] = p.weight * Math.exp(p.dailyGrowth * (day - p.startDay)) * seasonal * spike;
                totalWeight += daily[i][day];
            }
        }
        double recordsPerWeight = records / totalWeight;
        SplittableRandom r = new SplittableRandom(seed + 11);
        long written = 0;
        try (Writer w = Files.newBufferedWriter(file);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("id", "customer_id", "end_user_id",
                     "timestamp", "model", "feature", "provider", "input_tokens", "output_tokens", "cached_tokens").get())) {
            List<Object[]> day = new ArrayList<>();
            for (int d = 0; d < DAYS; d++) {
                day.clear();
                Instant midnight = START.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant();
                for (int i = 0; i < customers; i++) {
                    double expected = daily[i][d] * recordsPerWeight;
                    long n = (long) expected + (r.nextDouble() < expected - Math.floor(expected) ? 1 : 0);
                    for (long k = 0; k < n; k++) {
                        day.add(usage(profiles[i], i, d, midnight.plusSeconds(r.nextInt(86_400)), r));
                    }
                }
                day.sort(Comparator.comparing(o -> (String) o[3])); // ISO instants with whole seconds sort as text
                for (Object[] rec : day) {
                    rec[0] = "u" + (++written);
                    csv.printRecord(rec);
                }
            }
        }
        return written;
    }

    private static Object[] usage(Profile p, int customer, int day, Instant at, SplittableRandom r) {
        int model = p.mainModel;
        int roll = r.nextInt(100);
        if (day >= NOVA_LAUNCH_DAY && roll < 30) {
            model = 2; // the launch takes a share of traffic
        } else if (roll >= 90) {
            model = 3; // embeddings on the side
        } else if (model == 2) {
            model = 0; // nova does not exist before its launch
        }
        String name = MODELS[model];
        long input = Math.max(1, (long) Math.exp(6.5 + r.nextDouble() * 2.5));
        long output = model == 3 ? 0 : input / (2 + r.nextInt(6));
        long cached = model == 0 && r.nextInt(4) == 0 ? input / 2 : 0;
        String feature = model == 3 ? "embeddings" : FEATURES[r.nextInt(3)];
        return new Object[]{null, customerId(customer), "user-" + customer + "-" + r.nextInt(20), at.toString(), name, feature,
                model == 1 ? "orbitai" : "own", input, output, cached};
    }
}
