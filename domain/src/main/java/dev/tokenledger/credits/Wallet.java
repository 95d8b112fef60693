package dev.tokenledger.credits;

import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.credits.Commands.FundContractCredits;
import dev.tokenledger.credits.Commands.GrantPromotionalCredits;
import dev.tokenledger.credits.Commands.PurchaseCredits;
import dev.tokenledger.credits.Events.CreditsFundedByContract;
import dev.tokenledger.credits.Events.CreditsPurchased;
import dev.tokenledger.credits.Events.PromotionalCreditsGranted;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.kernel.WalletIds;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.usage.PricingCatalogBook;
import dev.tokenledger.usage.RecordUsage;
import dev.tokenledger.usage.UsageOutcome;
import dev.tokenledger.usage.UsageRecorded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.Currency;

/**
 * A customer's account of prepaid credits and consumption (ASC 606-10-55-46 to 55-49; README "Prepaid credits"),
 * one aggregate made of members that each own one concept: the credit pools, the holds, the receivables (overage,
 * invoices, payments) and the usage meter, sharing the wallet's profile and its log of requests carried out. Each
 * command is validated before anything is applied; each event carries the journal lines it posts.
 *
 * <p>The root handles only the commands that may create the wallet (a purchase, a grant, a customer's first usage);
 * the members handle the rest.
 */
@AggregateRoot
public class Wallet {

    @AggregateIdentifier
    private String walletId;
    private final WalletProfile profile = new WalletProfile();
    private final RequestLog requests = new RequestLog();
    @AggregateMember
    private final CreditPools pools = new CreditPools(profile, requests);
    @AggregateMember
    private final Receivables receivables = new Receivables(profile, requests, pools);
    @AggregateMember
    private final UsageMeter meter = new UsageMeter(profile, requests, pools, receivables);
    @AggregateMember
    private final Holds holds = new Holds(profile, requests, pools, meter);
    @AggregateMember
    private final UnclaimedProperty unclaimed = new UnclaimedProperty(profile, requests, pools);

    protected Wallet() {
    }

    /** What every wallet command returns; {@code entryId} is null when nothing was posted. */
    public record WalletResult(String requestId, String entryId, boolean alreadyApplied) {
    }

    /** The result of a command carried out now; {@code entry} is null when it posted nothing. */
    static WalletResult posted(String requestId, PostedEntry entry) {
        return new WalletResult(requestId, entry == null ? null : entry.entryId(), false);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletResult handle(PurchaseCredits c, ChartOfAccounts chart, PeriodCalendar calendar, CreditProgramBook programs) {
        return pools.purchase(c, chart, calendar, programs);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletResult handle(GrantPromotionalCredits c, CreditProgramBook programs) {
        return pools.grant(c, programs);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletResult handle(FundContractCredits c, CreditProgramBook programs) {
        return pools.fund(c, programs);
    }

    /** Usage of a customer without a wallet is pay-as-you-go: all overage, priced in the rate card's currency. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UsageOutcome handle(RecordUsage c, ChartOfAccounts chart, PeriodCalendar calendar, PricingCatalogBook book) {
        return meter.record(c, chart, calendar, book.current());
    }

    @EventSourcingHandler
    void on(CreditsPurchased e) {
        walletId = WalletIds.aggregateId(e.customerId());
        profile.open(e.customerId(), e.terms());
    }

    @EventSourcingHandler
    void on(CreditsFundedByContract e) {
        walletId = WalletIds.aggregateId(e.customerId());
        profile.open(e.customerId(), e.terms());
    }

    @EventSourcingHandler
    void on(PromotionalCreditsGranted e) {
        walletId = WalletIds.aggregateId(e.customerId());
        profile.open(e.customerId(), e.terms());
    }

    @EventSourcingHandler
    void on(UsageRecorded e) {
        if (walletId == null) {
            walletId = WalletIds.aggregateId(e.customerId());
            profile.openPayAsYouGo(e.customerId(), Currency.getInstance(e.currency()));
        }
    }
}
