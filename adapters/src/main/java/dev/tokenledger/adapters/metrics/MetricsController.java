package dev.tokenledger.adapters.metrics;

import dev.tokenledger.adapters.platform.InvalidParameterException;
import dev.tokenledger.adapters.usageledger.UsageLedger;
import dev.tokenledger.projections.reports.LedgerReports;
import dev.tokenledger.projections.reports.PeriodRow;
import jakarta.servlet.http.HttpServletResponse;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.projections.metrics.BurnDownMetrics;
import dev.tokenledger.projections.metrics.MarginMetrics;
import dev.tokenledger.projections.metrics.MetricsReports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The consumption metrics (README "Metrics"); every table also as CSV with format=csv. */
@RestController
@RequestMapping("/api/v1/metrics")
@Tag(name = "Metrics", description = "Run rate, active customers, cohorts, retention, margin, velocity, concentration, burn-down")
public class MetricsController {

    private static final Set<String> STREAMS = Set.of("USAGE_REVENUE", "SUBSCRIPTION_REVENUE", "SUPPORT_REVENUE",
            "SERVICES_REVENUE", "PRODUCT_REVENUE", "BREAKAGE_REVENUE", "COMMITMENT_SHORTFALL_REVENUE",
            "MATERIAL_RIGHT_REVENUE", "LICENCE_REVENUE", "ROYALTY_REVENUE");
    private static final Set<String> MARGIN_GROUPS = Set.of("period", "customer", "model", "feature");

    private final MetricsReports metrics;
    private final MarginMetrics margins;
    private final BurnDownMetrics burnDowns;
    private final UsageLedger usageLedger;
    private final LedgerReports ledger;

    public MetricsController(MetricsReports metrics, MarginMetrics margins, BurnDownMetrics burnDowns,
                             UsageLedger usageLedger, LedgerReports ledger) {
        this.metrics = metrics;
        this.margins = margins;
        this.burnDowns = burnDowns;
        this.usageLedger = usageLedger;
        this.ledger = ledger;
    }

    /**
     * The metrics as of now, or as the ledger knew them at an instant (knownAt) or when a period was closed
     * (knownAtClose), like the trial balance; the instant used is answered in the header X-Ledger-Known-At.
     */
    private MetricsReports at(Instant knownAt, String knownAtClose, HttpServletResponse response) {
        knownAt = dev.tokenledger.adapters.platform.KnownAt.within("knownAt", knownAt);
        if (knownAtClose != null) {
            if (knownAt != null) {
                throw new InvalidParameterException("knownAtClose", "give knownAt or knownAtClose, not both");
            }
            String period = dev.tokenledger.periods.PeriodIds.parse(knownAtClose, "knownAtClose").toString();
            knownAt = ledger.periods().stream().filter(p -> p.period().equals(period) && "CLOSED".equals(p.status()))
                    .map(PeriodRow::changedAt).findFirst()
                    .orElseThrow(() -> new InvalidParameterException("knownAtClose", "period " + period + " is not closed"));
        }
        if (knownAt == null) {
            return metrics;
        }
        if (knownAt.isBefore(Limits.EARLIEST_DATE.atStartOfDay().toInstant(ZoneOffset.UTC))
                || knownAt.isAfter(Limits.LATEST_DATE.atStartOfDay().toInstant(ZoneOffset.UTC))) {
            throw new InvalidParameterException("knownAt", "an instant from " + Limits.EARLIEST_DATE + " to " + Limits.LATEST_DATE);
        }
        if (response != null) {
            response.setHeader("X-Ledger-Known-At", knownAt.toString());
        }
        return metrics.asKnownAt(knownAt);
    }

    public record Latest(String currency, LocalDate day) {
    }

    @GetMapping("/latest")
    @Operation(summary = "The last day with recognised revenue in the currency (a good default asOf)")
    public Latest latest(@RequestParam(defaultValue = "USD") String currency) {
        return new Latest(currency(currency), metrics.latestDay(currency));
    }

    @GetMapping("/run-rate")
    @Operation(summary = "Revenue run rate: recognised revenue of the trailing 30 days x 365/30, with P10/P90 and "
            + "+/- 1 standard deviation bands from the rolling 30-day windows of the trailing 90 days; a daily series",
            description = "streams: revenue roles to include (default usage and subscription: USAGE_REVENUE,"
                    + "SUBSCRIPTION_REVENUE); seriesDays: days of series (1-730, default 180)")
    public MetricsReports.RunRate runRate(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                          @RequestParam(defaultValue = "USD") String currency,
                                          @RequestParam(defaultValue = "USAGE_REVENUE,SUBSCRIPTION_REVENUE") String streams,
                                          @RequestParam(required = false) String customer,
                                          @RequestParam(defaultValue = "180") int seriesDays,
            @RequestParam(required = false) Instant knownAt, @RequestParam(required = false) String knownAtClose,
            HttpServletResponse response) {
        List<String> chosen = Arrays.stream(streams.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String s : chosen) {
            if (!STREAMS.contains(s)) {
                throw new InvalidParameterException("streams", "any of " + STREAMS);
            }
        }
        return at(knownAt, knownAtClose, response).runRate(date(asOf), currency(currency), chosen, id("customer", customer), between("seriesDays", seriesDays, 1, 730));
    }

    @GetMapping("/active-customers")
    @Operation(summary = "Active consumption customers: usage revenue above the threshold in the trailing 7 and 30 days; "
            + "a weekly series", description = "endUsers=true adds the active end users where records name them, "
            + "counted from the usage ledger's records (a scan of the 30 days' records: about 0.6 s on 5 million records)")
    public MetricsReports.ActiveCustomers active(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                                 @RequestParam(defaultValue = "USD") String currency,
                                                 @RequestParam(defaultValue = "0") BigDecimal threshold,
                                                 @RequestParam(defaultValue = "26") int weeks,
                                                 @RequestParam(defaultValue = "false") boolean endUsers,
            @RequestParam(required = false) Instant knownAt, @RequestParam(required = false) String knownAtClose,
            HttpServletResponse response) {
        LocalDate day = date(asOf);
        String chosen = currency(currency);
        MetricsReports reports = at(knownAt, knownAtClose, response);
        MetricsReports.ActiveCustomers active = reports.activeCustomers(day, chosen, amount("threshold", threshold),
                between("weeks", weeks, 1, 104));
        if (!endUsers) {
            return active;
        }
        long[] counted = usageLedger.activeEndUsers(chosen, day, reports.knownAt());
        return active.withEndUsers(new MetricsReports.EndUsers(counted[0], counted[1],
                "distinct end users (per customer) of usage records with a value above zero in the 7 and 30 days "
                        + "through the date; records that name no end user are not counted"));
    }

    @GetMapping("/cohorts")
    @Operation(summary = "Usage expansion by cohort (month of first usage revenue): usage revenue in month k and its "
            + "ratio to month 1, as a cohort x month matrix")
    public MetricsReports.Cohorts cohorts(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                          @RequestParam(defaultValue = "USD") String currency,
                                          @RequestParam(defaultValue = "12") int months,
            @RequestParam(required = false) Instant knownAt, @RequestParam(required = false) String knownAtClose,
            HttpServletResponse response) {
        return at(knownAt, knownAtClose, response).cohorts(date(asOf), currency(currency), between("months", months, 2, 60));
    }

    @GetMapping("/net-usage-retention")
    @Operation(summary = "Net usage (dollar) retention: the window's usage revenue of the customers with more than the "
            + "floor in the same window lookbackDays earlier, over that earlier revenue; parameters printed with the figure")
    public MetricsReports.Retention retention(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                              @RequestParam(defaultValue = "USD") String currency,
                                              @RequestParam(defaultValue = "90") int windowDays,
                                              @RequestParam(defaultValue = "365") int lookbackDays,
                                              @RequestParam(defaultValue = "0") BigDecimal floor,
                                              @RequestParam(defaultValue = "") String exclude,
            @RequestParam(required = false) Instant knownAt, @RequestParam(required = false) String knownAtClose,
            HttpServletResponse response) {
        List<String> excluded = exclude.isBlank() ? List.of() : Arrays.stream(exclude.split(",")).map(String::trim).toList();
        excluded.forEach(c -> id("exclude", c));
        return at(knownAt, knownAtClose, response).netUsageRetention(date(asOf), currency(currency), between("windowDays", windowDays, 7, 366),
                between("lookbackDays", lookbackDays, 30, 731), amount("floor", floor), excluded);
    }

    @GetMapping("/average-consumption-value")
    @Operation(summary = "Average consumption value: usage revenue of the trailing 90 days x 365/90 per active customer; "
            + "mean and median")
    public MetricsReports.AverageValue averageValue(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                                    @RequestParam(defaultValue = "USD") String currency,
            @RequestParam(required = false) Instant knownAt, @RequestParam(required = false) String knownAtClose,
            HttpServletResponse response) {
        return at(knownAt, knownAtClose, response).averageValue(date(asOf), currency(currency));
    }

    @GetMapping("/margin")
    @Operation(summary = "Fully loaded token margin by period, customer, model and feature: revenue, every cost layer, "
            + "margin %, tokens and margin per million tokens")
    public MarginMetrics.Margin margin(@RequestParam String from, @RequestParam String to,
                                        @RequestParam(defaultValue = "USD") String currency,
                                        @RequestParam(defaultValue = "period") String groupBy) {
        List<String> groups = Arrays.stream(groupBy.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String g : groups) {
            if (!MARGIN_GROUPS.contains(g)) {
                throw new InvalidParameterException("groupBy", "any of " + MARGIN_GROUPS);
            }
        }
        YearMonth f = dev.tokenledger.periods.PeriodIds.parse(from, "from");
        YearMonth t = dev.tokenledger.periods.PeriodIds.parse(to, "to");
        if (t.isBefore(f)) {
            throw new InvalidParameterException("to", "must not be before from");
        }
        return margins.margin(f, t, currency(currency), groups);
    }

    @GetMapping("/velocity")
    @Operation(summary = "Consumption velocity per customer (trailing 30 vs prior 30 days; compounded weekly growth over "
            + "12 weeks), medians per cohort and per segment (by annualised 90-day value)")
    public MetricsReports.Velocity velocity(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                            @RequestParam(defaultValue = "USD") String currency,
                                            @RequestParam(defaultValue = "100000") BigDecimal enterpriseFrom,
                                            @RequestParam(defaultValue = "10000") BigDecimal midFrom,
            @RequestParam(required = false) Instant knownAt, @RequestParam(required = false) String knownAtClose,
            HttpServletResponse response) {
        return at(knownAt, knownAtClose, response).velocity(date(asOf), currency(currency), amount("enterpriseFrom", enterpriseFrom), amount("midFrom", midFrom));
    }

    @GetMapping("/concentration")
    @Operation(summary = "Usage concentration over the trailing 90 days: top 1/5/10 share, Herfindahl-Hirschman index "
            + "(also 0-10,000, above 1,800 highly concentrated), Gini; large customers flagged when shrinking")
    public MetricsReports.Concentration concentration(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                                      @RequestParam(defaultValue = "USD") String currency,
            @RequestParam(required = false) Instant knownAt, @RequestParam(required = false) String knownAtClose,
            HttpServletResponse response) {
        return at(knownAt, knownAtClose, response).concentration(date(asOf), currency(currency));
    }

    @GetMapping("/burn-down")
    @Operation(summary = "Prepaid balance burn-down per customer: months left at the trailing 30 days' pace, the day it "
            + "runs out, and the breakage expected at that pace")
    public BurnDownMetrics.BurnDowns burnDown(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                             @RequestParam(defaultValue = "USD") String currency) {
        return burnDowns.burnDown(date(asOf), currency(currency));
    }

    private static LocalDate date(LocalDate date) {
        if (date.isBefore(Limits.EARLIEST_DATE.plusDays(800)) || date.isAfter(Limits.LATEST_DATE)) {
            throw new InvalidParameterException("asOf", "a date from 1972-03-11 to 2199-12-31");
        }
        return date;
    }

    private static String currency(String code) {
        try {
            if (code.matches("[A-Z]{3}")) {
                java.util.Currency.getInstance(code);
                return code;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new InvalidParameterException("currency", "an ISO 4217 code");
    }

    private static String id(String name, String value) {
        if (value != null && !Limits.CLIENT_ID.matcher(value).matches()) {
            throw new InvalidParameterException(name, "1-80 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    private static int between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidParameterException(name, min + " to " + max);
        }
        return value;
    }

    private static BigDecimal amount(String name, BigDecimal value) {
        if (value.signum() < 0 || value.compareTo(Limits.MAX_AMOUNT_MAJOR) >= 0 || value.scale() > 18) {
            throw new InvalidParameterException(name, "0 or more, below " + Limits.MAX_AMOUNT_MAJOR.toPlainString());
        }
        return value;
    }
}
