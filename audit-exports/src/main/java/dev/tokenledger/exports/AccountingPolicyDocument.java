package dev.tokenledger.exports;

import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.contracts.Contract;
import dev.tokenledger.journal.PolicyVersions;
import dev.tokenledger.projections.contracts.ContractReports.SspRow;
import dev.tokenledger.projections.credits.CreditReports.ProgramVersion;
import dev.tokenledger.usage.CostCard;
import dev.tokenledger.usage.RateCard;
import dev.tokenledger.usage.Tier;
import dev.tokenledger.usage.UnitCost;
import dev.tokenledger.usage.UnitPrice;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.time.Instant;
import java.util.List;

/**
 * The documented accounting policies, written from the live configuration (chart of accounts, credit programs
 * and their versions, reporting time zone, expiry settings), so the document always states what the ledger does
 * and since when. Markdown for review and version control; HTML for reading and export.
 */
public final class AccountingPolicyDocument {

    /** The settings the document states. */
    public record Settings(String reportingZone, boolean autoExpiry, int expiryGraceDays) {
    }

    private AccountingPolicyDocument() {
    }

    public static String markdown(ChartOfAccounts chart, List<ProgramVersion> programs, Settings settings, Instant generatedAt) {
        return markdown(chart, programs, List.of(), List.of(), settings, generatedAt);
    }

    /** The document, with the rate and cost cards in force (every version, in effective order). */
    public static String markdown(ChartOfAccounts chart, List<ProgramVersion> programs, List<RateCard> rateCards,
                                  List<CostCard> costCards, Settings settings, Instant generatedAt) {
        return markdown(chart, programs, rateCards, costCards, List.of(), settings, generatedAt);
    }

    /** The document, with the cards and the SSP table (every version, in effective order). */
    public static String markdown(ChartOfAccounts chart, List<ProgramVersion> programs, List<RateCard> rateCards,
                                  List<CostCard> costCards, List<SspRow> ssps, Settings settings, Instant generatedAt) {
        StringBuilder md = new StringBuilder();
        md.append("# Accounting policies\n\n");
        md.append("Generated ").append(generatedAt).append(" from the ledger's live configuration. Chart of accounts: `")
                .append(chart.source()).append("` (SHA-256 `").append(chart.fingerprint()).append("`). ")
                .append("Every posting records the policy version it was decided under; a posting is never re-derived under a later version.\n\n");

        md.append("## 1. Money and rounding\n\n");
        md.append("- Amounts in the general ledger are exact, at the currency's minor unit; an amount with finer precision is refused, never rounded silently.\n");
        md.append("- Prices and usage values may be finer (a price per credit or token, up to 18 decimals); they are kept exactly and rounded only when posted: half-up, ties away from zero.\n");
        md.append("- **Cumulative catch-up.** Whatever is earned or incurred gradually (usage of a credit pool, proportional breakage, overage, the cost of usage) is computed as an exact cumulative amount, rounded once, and the difference from what was already posted is posted. Totals therefore do not depend on how usage is split into batches or draws.\n");
        md.append("- **Allocation.** Where one amount is split over lines (a pool's usage revenue over models and features, infrastructure over customers and models), the largest-remainder method is used in minor units: every share is floored, the leftover units go one at a time in descending order of remainder, ties to the line listed first; the shares always sum to the amount.\n");
        md.append("- Amounts are below 10^12 in the currency's major unit; sums over many entries are kept without limit.\n\n");

        md.append("## 2. Cut-off and periods\n\n");
        md.append("- Accounting periods are calendar months in the reporting time zone **").append(settings.reportingZone()).append("**. The effective date of usage is the date of its timestamp in that zone.\n");
        md.append("- Every entry has an effective date and a recorded time (when the ledger learned of it). Trial balances can be read as of a date and as known at a past recorded time.\n");
        md.append("- Closed periods never change. An entry dated in a closed period posts on the first day of the first open period, flagged prior-period, with a reference to its original date. Reopening a period needs a reason and is recorded in the audit trail.\n");
        md.append("- Corrections are new entries: reversals mirror an entry and link to it; manual adjustments need a reason. Policy version `").append(PolicyVersions.LEDGER_CORE).append("`.\n\n");

        md.append("## 3. Prepaid credits\n\n");
        md.append("- A purchase of credits creates a pool: P = the consideration allocated to it, N = the credits granted (bonus credits included, so each credit carries P/N). Cash purchases debit ")
                .append(account(chart, AccountRole.CASH)).append(", invoiced purchases ").append(account(chart, AccountRole.ACCOUNTS_RECEIVABLE))
                .append("; both credit the contract liability ").append(account(chart, AccountRole.DEFERRED_REVENUE_CREDITS)).append(". No revenue is recognised on purchase.\n");
        md.append("- Usage draws from pools in order of earliest expiry, then earliest purchase. A pool that expires on date D can be drawn through the end of D. Usage revenue of a pool, cumulative = round(P x R / N), R = credits redeemed; it moves from the contract liability to ")
                .append(account(chart, AccountRole.USAGE_REVENUE)).append(".\n");
        md.append("- **Promotional credits** carry no consideration (P = 0): they are drawn like any pool, post no revenue, and are tracked in credits for metrics.\n");
        md.append("- **Overage**: usage that no pool covers is revenue billed in arrears: ").append(account(chart, AccountRole.UNBILLED_RECEIVABLE))
                .append(" against usage revenue at the program's value per credit, by cumulative catch-up; invoicing moves it to receivables; payment to cash.\n");
        md.append("- **Holds** reserve credits for a request before it is served; they post nothing. Available balance = credits in usable pools less open holds; a hold lapses by itself at its expiry time.\n\n");

        md.append("## 4. Breakage, expiry and unclaimed property\n\n");
        md.append("- **REMOTE** (the default): no breakage before expiry; at expiry the remaining liability, less the amount expected to be remitted as unclaimed property, is recognised as ")
                .append(account(chart, AccountRole.BREAKAGE_REVENUE)).append(".\n");
        md.append("- **Dormancy** (REMOTE programs with a dormancy rule): once a pool has had no usage for the program's dormancy period, its remaining liability, less escheat, is recognised as breakage; if usage resumes, that breakage is reversed before the new usage is recognised.\n");
        md.append("- **PROPORTIONAL** (ASC 606-10-55-48, where redemption history is reliable): total revenue, cumulative = round((P - X - refunds) x min(R / E, 1)), E = credits expected to be redeemed; breakage = that total less usage revenue. A revised E is applied by catch-up when revised, which can be negative; a draw beyond E first raises E to R. At expiry the remaining liability, less escheat, is trued up to breakage.\n");
        md.append("- **Escheat** (ASC 606-10-55-49: amounts owed to a state are never revenue): X = P x the program's escheat share (basis PRICE), or P x (1 - expected redemption rate) x the share (basis EXPECTED_UNREDEEMED, the share of the amount expected never to be redeemed). X is reclassified from the contract liability to ")
                .append(account(chart, AccountRole.UNCLAIMED_PROPERTY_LIABILITY)).append(" (at most what remains) when the property becomes reportable to a state, dated then (before expiry where the state's dormancy rule says so: the pool then closes and the rest of its liability is breakage, as at expiry), or at expiry; the jurisdiction and due date are recorded with the report, and the remittance to the state is its own entry, ")
                .append(account(chart, AccountRole.UNCLAIMED_PROPERTY_LIABILITY)).append(" to ").append(account(chart, AccountRole.CASH)).append(".\n");
        md.append("- **Expiry** is ").append(settings.autoExpiry() ? "automatic" : "**switched off** (expiries are stated explicitly)")
                .append(": a pool is expired, dated its expiry date D, once D plus a grace period of ").append(settings.expiryGraceDays())
                .append(" day(s) for late usage has passed; each pool exactly once. Imports of history state expiries explicitly.\n");
        md.append("- Over a pool's life: usage + breakage + escheat + refunds = P, and the liability is never negative.\n\n");

        md.append("## 5. Refunds\n\n");
        md.append("Where a program allows it, unused value of a paid pool can be refunded (at most the value of its unused credits, less expected escheat): the contract liability is debited against ")
                .append(account(chart, AccountRole.CASH)).append(" or ").append(account(chart, AccountRole.REFUND_LIABILITY))
                .append(". Promotional credits are never refunded.\n\n");

        md.append("## 6. Usage: pricing, revenue and cost\n\n");
        md.append("- **Pricing.** Each usage record is priced exactly at the rate card in force on its usage date (reporting time zone): a customer's own card first, then the list card, model by model and unit by unit. Tiers apply to the customer's month-to-date quantity of the model and unit, in time order: GRADUATED prices each unit at its band, VOLUME prices the whole record at the band the month-to-date total reaches. The card versions used are kept with the record, so a record always prices the same way; a record no card prices is refused.\n");
        md.append("- **Revenue.** A customer's usage of one month in one batch posts one entry, dated the latest usage date in it. Its value is drawn from the customer's credit pools (earliest expiry first) and recognised as ")
                .append(account(chart, AccountRole.USAGE_REVENUE)).append(" by catch-up per pool; what no pool covers is overage, billed in arrears (")
                .append(account(chart, AccountRole.UNBILLED_RECEIVABLE)).append("). Usage of promotional credits posts no revenue.\n");
        md.append("- **Principal or agent (ASC 606-10-55-36 to 55-40).** Judged per provider, on its cost card. Where the company controls the model call before it is delivered (its own models, and third-party models it buys capacity of and is primarily responsible for: cost role COMPUTE or THIRD_PARTY) it is principal: usage is revenue gross and the provider's fees are cost of revenue. Where it arranges for a provider to serve its own model to the customer (cost role AGENT: the provider is primarily responsible and sets the terms of the call) it is agent: the provider's fee is posted against ")
                .append(account(chart, AccountRole.USAGE_REVENUE)).append(", so revenue is the company's net fee.\n");
        md.append("- **Cost accrual and cut-off.** Each record is costed at the cost card in force on its usage date: own inference to ")
                .append(account(chart, AccountRole.COGS_COMPUTE)).append(", third-party model fees to ").append(account(chart, AccountRole.COGS_THIRD_PARTY_MODELS))
                .append(", both against ").append(account(chart, AccountRole.ACCRUED_COMPUTE))
                .append(", by catch-up per model, feature and cost role, in the same entry as the revenue: cost and revenue of usage always fall in the same period. Usage recorded after its period was closed posts in the first open period, flagged prior-period, priced and costed as of its own date.\n");
        md.append("- **Vendor invoices.** When a compute or model vendor invoices, the accrual is cleared: ").append(account(chart, AccountRole.ACCRUED_COMPUTE))
                .append(" to ").append(account(chart, AccountRole.ACCOUNTS_PAYABLE)).append(". A difference between the invoice and the accrual is an adjustment posted by hand with its reason.\n");
        md.append("- **Infrastructure.** A month's fixed infrastructure cost (reserved GPUs, hosting) is booked to ").append(account(chart, AccountRole.COGS_INFRASTRUCTURE))
                .append(" against ").append(account(chart, AccountRole.ACCOUNTS_PAYABLE))
                .append(", dated the last day of the month, and allocated to customers and models by their share of the month's tokens (largest remainder), so that margin can be read fully loaded.\n");
        md.append("- **Platform fees.** A platform fee billed is a contract liability (").append(account(chart, AccountRole.DEFERRED_REVENUE_SUBSCRIPTION))
                .append(") recognised as ").append(account(chart, AccountRole.SUBSCRIPTION_REVENUE))
                .append(" ratably over the service period by day, with cumulative catch-up; it is not usage revenue.\n\n");
        md.append(cards(rateCards, costCards));

        md.append(contracts(chart, ssps));

        md.append("## 8. Credit programs in force, and since when\n\n");
        if (programs.isEmpty()) {
            md.append("No credit program has been adopted yet.\n\n");
        } else {
            md.append("| program | version | effective from | currency | value per credit | expiry | breakage | expected redemption | dormancy | escheat share | refunds | adopted by | recorded |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (ProgramVersion p : programs) {
                String expiry = switch (p.expiryKind()) {
                    case "DAYS_AFTER_PURCHASE" -> p.expiryDays() + " days after purchase";
                    case "FIXED_DATE" -> "on " + p.expiryDate();
                    default -> "never";
                };
                md.append("| ").append(p.programId()).append(" | ").append(p.version()).append(" | ").append(p.effectiveFrom())
                        .append(" | ").append(p.currency()).append(" | ").append(p.valuePerCredit().toPlainString())
                        .append(" | ").append(expiry).append(" | ").append(p.breakagePolicy()).append(" | ")
                        .append("PROPORTIONAL".equals(p.breakagePolicy()) ? p.expectedRedemptionRate().toPlainString() : "-")
                        .append(" | ").append(p.dormancyDays() == null ? "-" : p.dormancyDays() + " days")
                        .append(" | ").append(p.escheatShare().toPlainString())
                        .append("EXPECTED_UNREDEEMED".equals(p.escheatBasis()) ? " of the expected unredeemed amount" : "")
                        .append(" | ").append(p.refundsAllowed() ? "allowed" : "not allowed")
                        .append(" | ").append(p.adoptedBy() == null ? "-" : p.adoptedBy()).append(" | ").append(p.recordedAt()).append(" |\n");
            }
            md.append("\nPostings under a program record the version as `credits/{program}/v{version}`.\n\n");
        }

        md.append("## 9. Chart of accounts\n\n");
        md.append("| code | name | type | role | ERP code |\n|---|---|---|---|---|\n");
        for (Account a : chart.accounts()) {
            md.append("| ").append(a.code()).append(" | ").append(a.name()).append(" | ").append(a.type()).append(" | ")
                    .append(a.role().map(Enum::name).orElse("-")).append(" | ").append(a.erpCode()).append(" |\n");
        }
        return md.toString();
    }

    /** Section 7: contracts with several performance obligations (ASC 606 steps 4 and 5) and the SSP table. */
    private static String contracts(ChartOfAccounts chart, List<SspRow> ssps) {
        StringBuilder md = new StringBuilder("## 7. Contracts with several performance obligations\n\n");
        md.append("Policy version `").append(Contract.POLICY_VERSION).append("`.\n\n");
        md.append("- **Performance obligations.** A contract may combine platform access and support (stand-ready obligations satisfied over time), implementation or other services (over their service period, or at a point in time on delivery), products whose control passes at a point in time, and pools of prepaid credits. Usage beyond the pools is variable consideration that relates to the period of use: it is allocated entirely to that period and recognised as used (ASC 606-10-32-40), outside the allocation.\n");
        md.append("- **Allocation (step 4).** The fixed transaction price is allocated to the obligations by relative standalone selling price at contract inception (ASC 606-10-32-28 to 32-35), each SSP being the version in force on the signing date times the obligation's quantity. A discount is allocated to all obligations proportionally, unless observable evidence ties it to a subset (32-36 to 32-38); then it is allocated to that subset only. The residual approach is used only for an SSP the table marks RESIDUAL (highly variable or uncertain, 32-34(c)), for at most one obligation, and only when the residual falls inside the range the table states; otherwise the contract is refused with the numbers. Shares are in minor units by the largest-remainder method (section 1), so they always sum to the price. The allocation is recorded with every input it used and can be read as the contract's SSP analysis.\n");
        md.append("- **Over time.** Platform access and support are recognised ratably by day over their period (or monthly, in equal monthly amounts, where the contract says so), by cumulative catch-up: recognised to date = round(allocated x days elapsed / days in the period), so the total equals the allocated amount exactly whichever days recognition runs on. Leap days count.\n");
        md.append("- **At a point in time.** A product, or a service recognised on delivery, is recognised in full on the delivery date (an explicit event).\n");
        md.append("- **Prepaid credits.** The amount allocated to a credit pool becomes that pool's consideration P; from the pool's first day its liability sits in ")
                .append(account(chart, AccountRole.DEFERRED_REVENUE_CREDITS)).append(" and the prepaid-credit policies (sections 3 to 5) apply to it unchanged.\n");
        md.append("- **Billing and the contract's position.** Billing follows the contract's plan (upfront, monthly, quarterly, or monthly in arrears; invoiced, or paid when billed) independently of recognition. Each contract is presented net (ASC 606-10-45-1 to 45-4): consideration billed ahead of recognition is a contract liability (")
                .append(account(chart, AccountRole.DEFERRED_REVENUE_SUBSCRIPTION)).append("); recognition (or funding of credits) ahead of billing is a contract asset (")
                .append(account(chart, AccountRole.CONTRACT_ASSET)).append("). Recognition first reduces the liability, then grows the asset; an invoice first clears the asset, then grows the liability. Revenue posts to ")
                .append(account(chart, AccountRole.SUBSCRIPTION_REVENUE)).append(", ").append(account(chart, AccountRole.SUPPORT_REVENUE)).append(", ")
                .append(account(chart, AccountRole.SERVICES_REVENUE)).append(" and ").append(account(chart, AccountRole.PRODUCT_REVENUE)).append(" by obligation kind.\n");
        md.append("- **Committed minimum spend.** Spend counted toward a commitment is the greater of the customer's billable usage over the term (usage drawn from paid pools and overage, at the prices it was posted at; promotional credits excluded) and the consideration of the contract's prepaid credits (paid whether used or not; what is left of them at expiry is breakage, so it is not billed twice). The shortfall is the commitment less that, never negative, rounded half-up once. Policy per contract: **END_OF_TERM** recognises and invoices the shortfall when the term ends (")
                .append(account(chart, AccountRole.ACCOUNTS_RECEIVABLE)).append(" to ").append(account(chart, AccountRole.COMMITMENT_SHORTFALL_REVENUE))
                .append("); **PROPORTIONAL_EXPECTED_SHORTFALL** recognises the expected shortfall S = commitment - max(expected usage, prepaid credits) as usage occurs, cumulative = round(S x min(usage to date / expected usage, 1)) at each recognition run, against the contract asset; a revised expectation is a cumulative catch-up (possibly negative); at the end of the term the actual shortfall is trued up and invoiced, which clears the asset.\n");
        md.append("- **Material rights (ASC 606-10-55-41 to 55-45).** An option that gives the customer a discount it would not get without the contract (a voucher, loyalty points, bonus credits) is a separate obligation. Its standalone selling price is the discount per unit (less any discount available to customers without the contract) times the units times the likelihood of exercise (55-44), and it takes part in the relative-SSP allocation. The amount allocated moves to ")
                .append(account(chart, AccountRole.MATERIAL_RIGHT_LIABILITY)).append(" and is recognised in ").append(account(chart, AccountRole.MATERIAL_RIGHT_REVENUE))
                .append(" under the policy named for each option: **EXERCISE_OR_LAPSE** (right by right, remote at expiry): cumulative revenue = allocated x units exercised / units granted, and the rest when the option lapses; **PORTFOLIO_REDEMPTION** (points or bonus credits with reliable redemption history, 55-48 by analogy): cumulative revenue = allocated x min(units exercised / units expected to be exercised, 1), with a change in the expectation applied by cumulative catch-up when it is made (possibly negative), and the rest at lapse. Amounts are rounded half-up once, on the cumulative figure. Options survive a termination of the contract and are not reallocated by a modification.\n");
        md.append("- **Licences of IP and royalties (ASC 606-10-55-54 to 55-65B; policy version licences/2026-12).** A contract is typed explicitly: a licence of functional IP (the customer runs the model) is a right to use, recognised when control passes and not before the customer can use it; access to a service the company runs (API, SaaS) is never a licence and is refused on this path. The fixed fee and any minimum guarantee are fixed consideration recognised in ")
                .append(account(chart, AccountRole.LICENCE_REVENUE)).append(" at transfer; amounts billed before it are held in ").append(account(chart, AccountRole.DEFERRED_REVENUE_LICENCES))
                .append(". Sales- or usage-based royalties are recognised in ").append(account(chart, AccountRole.ROYALTY_REVENUE))
                .append(" at the later of the usage and the transfer, and only where the licence is the sole or predominant item the royalty relates to (otherwise refused); royalties are cumulative (base x rate, rounded half-up once) and what falls within the minimum guarantee is billed against the contract asset the guarantee created, the shortfall billed when the term ends.\n");
        md.append("- **Volume discounts (ASC 606-10-32-5 to 32-14; policy version volume-discounts/2026-12).** A retrospective volume discount (every unit of the contract year at the price of the tier the year reaches) is variable consideration: usage is invoiced at the price the year has reached, revenue is recognised at the price of the tier the year is expected to reach (the constrained estimate, never below the volume already reached), cumulative = round(units to date x expected price), and what was invoiced above revenue is a refund liability (")
                .append(account(chart, AccountRole.REFUND_LIABILITY)).append("). A change in the expected volume is a cumulative catch-up; at the end of the year revenue is trued up to the volume reached and the rebate credited. Prospective tiers that accumulate over a contract year are priced as consumed (rate cards with tiersAccumulateFrom), unless the discount is a material right.\n");
        md.append("- **Modifications (ASC 606-10-25-10 to 25-13).** Distinct obligations added at prices that reflect their SSPs (within the table's range, or equal to the SSP where no range is given), with the term unchanged, form a separate contract. Any other modification (a price below SSP, a term extension) is accounted for prospectively: recognition is caught up to the day before, then the amount not yet recognised for the obligations that continue plus the additional price is reallocated by relative SSP over what remains (continuing obligations over time at their SSP for the days that remain). Credit pools already funded keep their consideration. A modification is a new event; nothing recognised before it changes; one dated in a closed period posts in the first open period, flagged prior-period.\n");
        md.append("- **Termination.** Recognition is caught up to the termination date; what the billing plan had due by then is billed; consideration billed and not yet recognised is refunded where the contract provides for refunds (a refund liability), otherwise recognised, since nothing remains to be delivered (ASC 606-10-25-7); what was recognised and not billed is billed. The contract's credit pools are kept until they expire, or expired on the termination date, as the termination states; a commitment is waived (expected shortfall recognised so far is reversed) or settled then.\n");
        md.append("- **Disclosures.** Remaining performance obligations (606-10-50-13) are the fixed consideration allocated to obligations not yet satisfied, the unused liability of contract credit pools, and the part of a commitment neither consumed nor prepaid; usage fees above a commitment are excluded (50-14A(b)). Revenue is disaggregated by obligation type, customer, contract and period (50-5).\n\n");
        md.append("### Standalone selling prices\n\n");
        if (ssps.isEmpty()) {
            md.append("No standalone selling price has been published yet.\n\n");
            return md.toString();
        }
        md.append("| SSP | version | effective from | description | currency | method | per | price | range | evidence | evidence as of | published by |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (SspRow r : ssps) {
            md.append("| ").append(r.sspId()).append(" | ").append(r.version()).append(" | ").append(r.effectiveFrom())
                    .append(" | ").append(cell(r.description())).append(" | ").append(r.currency()).append(" | ").append(r.method())
                    .append(" | ").append(r.unit()).append(" | ").append(r.unitPrice() == null ? "-" : r.unitPrice())
                    .append(" | ").append(r.rangeLow() == null ? "-" : r.rangeLow() + " to " + r.rangeHigh())
                    .append(" | ").append(cell(r.evidence())).append(" | ").append(r.evidenceAsOf())
                    .append(" | ").append(r.publishedBy() == null ? "-" : r.publishedBy()).append(" |\n");
        }
        return md.append('\n').toString();
    }

    /** Text safe inside a markdown table cell. */
    private static String cell(String text) {
        return text == null ? "-" : text.replace("|", "\\|");
    }

    private static String cards(List<RateCard> rateCards, List<CostCard> costCards) {
        StringBuilder md = new StringBuilder();
        if (!rateCards.isEmpty()) {
            md.append("### Rate cards\n\n| card | version | effective from | for | model | unit | tiers (up to: price per unit) |\n|---|---|---|---|---|---|---|\n");
            for (RateCard card : rateCards) {
                for (UnitPrice price : card.prices()) {
                    md.append("| ").append(card.cardId()).append(" | ").append(card.version()).append(" | ").append(card.effectiveFrom())
                            .append(" | ").append(card.customerId() == null ? "list" : card.customerId()).append(" | ")
                            .append(price.model()).append(" | ").append(price.unit()).append(" | ").append(price.mode()).append(' ');
                    for (Tier tier : price.tiers()) {
                        md.append(tier.upTo() == null ? "rest" : tier.upTo()).append(": ").append(tier.unitPrice().toPlainString()).append("; ");
                    }
                    md.append("|\n");
                }
            }
            md.append('\n');
        }
        if (!costCards.isEmpty()) {
            md.append("### Cost cards\n\n| card | version | effective from | provider | role | model | unit | cost per unit |\n|---|---|---|---|---|---|---|---|\n");
            for (CostCard card : costCards) {
                for (UnitCost cost : card.costs()) {
                    md.append("| ").append(card.cardId()).append(" | ").append(card.version()).append(" | ").append(card.effectiveFrom())
                            .append(" | ").append(card.provider()).append(" | ").append(card.role()).append(" | ").append(cost.model())
                            .append(" | ").append(cost.unit()).append(" | ").append(cost.unitCost().toPlainString()).append(" |\n");
                }
            }
            md.append('\n');
        }
        return md.toString();
    }

    public static String html(String markdown) {
        var extensions = List.of(TablesExtension.create());
        Parser parser = Parser.builder().extensions(extensions).build();
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(extensions).escapeHtml(true).build();
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Accounting policies</title>"
                + "<style>body{font-family:sans-serif;max-width:70em;margin:2em auto;line-height:1.45}"
                + "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.25em .5em}</style></head><body>\n"
                + renderer.render(parser.parse(markdown)) + "</body></html>\n";
    }

    private static String account(ChartOfAccounts chart, AccountRole role) {
        Account account = chart.accountFor(role);
        return account.code() + " " + account.name();
    }
}
