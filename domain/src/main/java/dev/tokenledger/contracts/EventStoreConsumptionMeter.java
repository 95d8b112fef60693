package dev.tokenledger.contracts;

import dev.tokenledger.credits.Events.CreditsFundedByContract;
import dev.tokenledger.credits.Events.CreditsPurchased;
import dev.tokenledger.credits.Events.PromotionalCreditsGranted;
import dev.tokenledger.credits.Events.UsageDrawn;
import dev.tokenledger.kernel.WalletIds;
import dev.tokenledger.usage.PoolDraw;
import dev.tokenledger.usage.UsageGroup;
import dev.tokenledger.usage.UsageRecorded;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads a customer's billable usage from its wallet's own event stream, the same events its wallet is built from:
 * priced usage postings (their value less what promotional pools covered) and credit draws (paid pools and overage
 * at their value per credit), by effective date.
 */
public class EventStoreConsumptionMeter implements ConsumptionMeter {

    private final EventStore eventStore;

    public EventStoreConsumptionMeter(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Consumption billableUsage(String customerId, String currency, LocalDate from, LocalDate through) {
        BigDecimal value = BigDecimal.ZERO;
        int postings = 0;
        Set<String> promotional = new HashSet<>();
        Map<String, BigDecimal> valuePerCredit = new HashMap<>();
        BigDecimal walletValuePerCredit = null;
        DomainEventStream stream = eventStore.readEvents(WalletIds.aggregateId(customerId));
        while (stream.hasNext()) {
            Object event = stream.next().getPayload();
            if (event instanceof CreditsPurchased e) {
                valuePerCredit.put(e.poolId(), e.terms().valuePerCredit());
                walletValuePerCredit = e.terms().valuePerCredit();
            } else if (event instanceof CreditsFundedByContract e) {
                valuePerCredit.put(e.poolId(), e.terms().valuePerCredit());
                walletValuePerCredit = e.terms().valuePerCredit();
            } else if (event instanceof PromotionalCreditsGranted e) {
                promotional.add(e.poolId());
                valuePerCredit.put(e.poolId(), e.terms().valuePerCredit());
                walletValuePerCredit = e.terms().valuePerCredit();
            } else if (event instanceof UsageRecorded e && within(e.effectiveDate(), from, through)
                    && currency.equals(e.currency())) {
                BigDecimal posted = BigDecimal.ZERO;
                for (UsageGroup g : e.groups()) {
                    posted = posted.add(g.value());
                }
                for (PoolDraw d : e.pools()) {
                    if (promotional.contains(d.poolId())) {
                        posted = posted.subtract(d.credits().multiply(valuePerCredit.get(d.poolId())));
                    }
                }
                value = value.add(posted.max(BigDecimal.ZERO));
                postings++;
            } else if (event instanceof UsageDrawn e && within(e.effectiveDate(), from, through)) {
                BigDecimal drawn = BigDecimal.ZERO;
                for (PoolDraw d : e.pools()) {
                    if (!promotional.contains(d.poolId())) {
                        drawn = drawn.add(d.credits().multiply(valuePerCredit.get(d.poolId())));
                    }
                }
                if (e.overageCredits() != null && walletValuePerCredit != null) {
                    drawn = drawn.add(e.overageCredits().multiply(walletValuePerCredit));
                }
                value = value.add(drawn);
                postings++;
            }
        }
        return new Consumption(value, postings);
    }

    private static boolean within(LocalDate date, LocalDate from, LocalDate through) {
        return !date.isBefore(from) && !date.isAfter(through);
    }
}
