package dev.tokenledger.contracts;

import dev.tokenledger.money.Allocation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One amount of a contract's billing plan, billable from {@code billOn}. */
public record BillingItem(LocalDate billOn, long amountMinor) {

    /**
     * The plan for {@code amountMinor} over {@code start}..{@code end}: equal parts by the largest-remainder method
     * (the first parts take the odd cents).
     */
    public static List<BillingItem> plan(BillingSchedule schedule, LocalDate start, LocalDate end, long amountMinor) {
        if (amountMinor == 0) {
            return List.of();
        }
        List<LocalDate> dates = new ArrayList<>();
        switch (schedule) {
            case UPFRONT -> dates.add(start);
            case MONTHLY, QUARTERLY -> {
                int step = schedule == BillingSchedule.MONTHLY ? 1 : 3;
                for (int k = 0; !start.plusMonths((long) k * step).isAfter(end); k++) {
                    dates.add(start.plusMonths((long) k * step));
                }
            }
            case MONTHLY_IN_ARREARS -> {
                for (int k = 1; ; k++) {
                    LocalDate last = start.plusMonths(k).minusDays(1);
                    if (!last.isBefore(end)) {
                        dates.add(end);
                        break;
                    }
                    dates.add(last);
                }
            }
        }
        long[] parts = Allocation.largestRemainder(amountMinor, Collections.nCopies(dates.size(), BigDecimal.ONE));
        List<BillingItem> items = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            items.add(new BillingItem(dates.get(i), parts[i]));
        }
        return items;
    }
}
