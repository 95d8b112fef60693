package dev.tokenledger.contracts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A contract's billing: its plan (what becomes billable when), the invoices issued and what is open on them, and its
 * position (billed less recognised less funded to credit pools: positive a contract liability, negative a contract
 * asset). Part of the contract's event-sourced state.
 */
final class ContractBilling {

    private final List<BillingItem> plan = new ArrayList<>();
    private final List<Boolean> billed = new ArrayList<>();
    private final Map<String, Long> open = new LinkedHashMap<>();
    private long position;

    /** What is due and unbilled through a date. */
    record Due(long amountMinor, int items) {
    }

    void plan(List<BillingItem> items) {
        for (BillingItem item : items) {
            plan.add(item);
            billed.add(false);
        }
    }

    Due dueThrough(LocalDate date) {
        long amount = 0;
        int items = 0;
        for (int i = 0; i < plan.size(); i++) {
            if (!billed.get(i) && !plan.get(i).billOn().isAfter(date)) {
                amount += plan.get(i).amountMinor();
                items++;
            }
        }
        return new Due(amount, items);
    }

    Optional<LocalDate> nextDue() {
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            if (!billed.get(i)) {
                dates.add(plan.get(i).billOn());
            }
        }
        return dates.stream().min(Comparator.naturalOrder());
    }

    /** Unbilled plan items, in date order. */
    List<BillingItem> unbilled() {
        List<BillingItem> result = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            if (!billed.get(i)) {
                result.add(plan.get(i));
            }
        }
        result.sort(Comparator.comparing(BillingItem::billOn));
        return result;
    }

    /**
     * An invoice: when {@code fromPlan}, every plan item due on its date counts as billed; a cash sale leaves nothing
     * open.
     */
    void invoiced(String invoiceId, LocalDate date, long amountMinor, boolean cash, boolean fromPlan) {
        if (fromPlan) {
            for (int i = 0; i < plan.size(); i++) {
                if (!plan.get(i).billOn().isAfter(date)) {
                    billed.set(i, true);
                }
            }
        }
        open.put(invoiceId, cash ? 0L : amountMinor);
    }

    /** A termination: what the plan had after the date is never billed. */
    void cancelAfter(LocalDate date) {
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).billOn().isAfter(date)) {
                billed.set(i, true);
            }
        }
    }

    void paid(String invoiceId, long amountMinor) {
        open.merge(invoiceId, -amountMinor, Long::sum);
    }

    /** What is open on an invoice, or -1 when there is no such invoice. */
    long openOn(String invoiceId) {
        Long amount = open.get(invoiceId);
        return amount == null ? -1 : amount;
    }

    long position() {
        return position;
    }

    void moveTo(long positionAfter) {
        position = positionAfter;
    }
}
