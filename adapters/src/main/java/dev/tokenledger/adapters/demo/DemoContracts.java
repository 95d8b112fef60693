package dev.tokenledger.adapters.demo;

import dev.tokenledger.adapters.contracts.ContractService;
import dev.tokenledger.contracts.BillingSchedule;
import dev.tokenledger.contracts.CommitmentPolicy;
import dev.tokenledger.contracts.ContractCommands.BillingTerms;
import dev.tokenledger.contracts.ContractCommands.CommitmentTerms;
import dev.tokenledger.contracts.ContractCommands.DeliverObligation;
import dev.tokenledger.contracts.ContractCommands.DiscountTerms;
import dev.tokenledger.contracts.ContractCommands.InvoiceContract;
import dev.tokenledger.contracts.ContractCommands.ModifyContract;
import dev.tokenledger.contracts.ContractCommands.ObligationTerms;
import dev.tokenledger.contracts.ContractCommands.RecognizeContractRevenue;
import dev.tokenledger.contracts.ContractCommands.RecordContractPayment;
import dev.tokenledger.contracts.ContractCommands.SettleCommitment;
import dev.tokenledger.contracts.ContractCommands.SignContract;
import dev.tokenledger.contracts.ObligationKind;
import dev.tokenledger.contracts.PublishStandaloneSellingPrice;
import dev.tokenledger.contracts.RecognitionBasis;
import dev.tokenledger.contracts.RecognitionPattern;
import dev.tokenledger.contracts.SspMethod;
import dev.tokenledger.contracts.TerminationRefund;
import dev.tokenledger.credits.Settlement;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import org.axonframework.commandhandling.CommandExecutionException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demo company's enterprise contracts (README "The demo company"), booked month by month with the rest:
 * <ul>
 *   <li>initech: platform access, premium support, onboarding delivered in December and a pool of prepaid credits,
 *       under a committed minimum of 120% of its planned usage, billed quarterly: the year ends with a shortfall,
 *       settled and invoiced on 31 October;</li>
 *   <li>hooli: platform access and support billed monthly in arrears (a contract asset between invoices), committed
 *       to 80% of its plan; renewed early on 1 May with a fine-tuning workshop at a discount and six more months: a
 *       prospective modification;</li>
 *   <li>globex (when the company is big enough to have it): platform access recognised monthly, support with a
 *       discount tied to it, billed upfront; an audit-log add-on bought at its SSP in March: a separate contract.</li>
 * </ul>
 */
final class DemoContracts {

    static final String PRINCIPAL = "demo-company";
    private static final LocalDate START = SyntheticAiCompany.START;
    private static final LocalDate END = SyntheticAiCompany.END;

    private final ContractService contracts;
    private final SyntheticAiCompany company;
    private final List<String> signed = new ArrayList<>();
    private final List<Unpaid> unpaid = new ArrayList<>();

    private record Unpaid(String contractId, String customerId, String invoiceId, LocalDate paidOn) {
    }

    DemoContracts(ContractService contracts, SyntheticAiCompany company) {
        this.contracts = contracts;
        this.company = company;
    }

    /** The SSP table and the contracts, signed in October 2025 for the year from 1 November. */
    void sign(Consumer<Object> send) {
        ssp(send, "platform-enterprise", "Enterprise platform access (SSO, audit logs, dedicated capacity)",
                SspMethod.OBSERVABLE_PRICE, "month", "5000", "4500", "5500",
                "Median of 38 standalone enterprise platform renewals in FY2025; 80% within 10% (pricing study PS-2025-11)");
        ssp(send, "support-premium", "Premium support, 24x7 with a named engineer", SspMethod.ADJUSTED_MARKET_ASSESSMENT,
                "month", "1000", "900", "1100", "Three competitors' published premium support prices, adjusted for our "
                        + "response-time commitments (market study MS-2025-07)");
        ssp(send, "onboarding", "Onboarding and integration", SspMethod.EXPECTED_COST_PLUS_MARGIN, "each", "15000", null, null,
                "60 engineer-days at a loaded cost of 180 USD/hour plus a 35% services margin (cost model CM-2025-03)");
        ssp(send, "fine-tuning-workshop", "Fine-tuning workshop (two days, on site)", SspMethod.EXPECTED_COST_PLUS_MARGIN,
                "each", "8000", null, null, "Two senior engineers for two days plus travel, 40% margin (cost model CM-2025-03)");
        ssp(send, "audit-log-addon", "Audit-log export add-on (perpetual licence, delivered)", SspMethod.OBSERVABLE_PRICE,
                "each", "9000", "8500", "9500", "List price, sold separately to 11 customers in FY2025 at 8,500-9,500");
        ssp(send, "credit", "Prepaid inference credits", SspMethod.OBSERVABLE_PRICE, "credit",
                SyntheticAiCompany.VALUE_PER_CREDIT.toPlainString(), null, null,
                "Price list 2025: credits sell standalone at their face value");
        LocalDate signedOn = START.minusDays(12);
        if (company.plannedSpend("initech").isPresent()) {
            BigDecimal commitment = thousands(planned(company, "initech").multiply(new BigDecimal("1.2")));
            sign(new SignContract("initech-2026", "initech", "USD", signedOn, START, END, new BigDecimal("80000.00"),
                    List.of(obligation("platform", ObligationKind.PLATFORM_ACCESS, "platform-enterprise", "12"),
                            obligation("support", ObligationKind.SUPPORT, "support-premium", "12"),
                            new ObligationTerms("onboarding", ObligationKind.SERVICE, "Onboarding and integration",
                                    "onboarding", BigDecimal.ONE, RecognitionPattern.ON_DELIVERY, null, null, null,
                                    LocalDate.of(2025, 12, 15), null, null, null, null),
                            new ObligationTerms("credits", ObligationKind.CREDIT_POOL, "Launch credits", "credit", null,
                                    null, null, null, null, null, "prepaid", new BigDecimal("500000"), END, null)),
                    List.of(), new CommitmentTerms(commitment, CommitmentPolicy.END_OF_TERM, null),
                    new BillingTerms(BillingSchedule.QUARTERLY, Settlement.INVOICED, 30), TerminationRefund.NONE,
                    "Enterprise order form OF-2025-311 (demo)", null));
        }
        if (company.plannedSpend("hooli").isPresent()) {
            BigDecimal commitment = thousands(planned(company, "hooli").multiply(new BigDecimal("0.8")));
            sign(new SignContract("hooli-2026", "hooli", "USD", signedOn, START, END, new BigDecimal("66000.00"),
                    List.of(obligation("platform", ObligationKind.PLATFORM_ACCESS, "platform-enterprise", "12"),
                            obligation("support", ObligationKind.SUPPORT, "support-premium", "12")),
                    List.of(), new CommitmentTerms(commitment, CommitmentPolicy.END_OF_TERM, null),
                    new BillingTerms(BillingSchedule.MONTHLY_IN_ARREARS, Settlement.INVOICED, 30), TerminationRefund.NONE,
                    "Enterprise order form OF-2025-317 (demo)", null));
        }
        if (company.plannedSpend("globex").isPresent()) {
            sign(new SignContract("globex-2026", "globex", "USD", signedOn, START, END, new BigDecimal("67500.00"),
                    List.of(new ObligationTerms("platform", ObligationKind.PLATFORM_ACCESS, null, "platform-enterprise",
                                    new BigDecimal("12"), null, RecognitionBasis.MONTHLY, null, null, null, null, null, null, null),
                            obligation("support", ObligationKind.SUPPORT, "support-premium", "12")),
                    List.of(new DiscountTerms("support-with-platform", new BigDecimal("4500.00"), List.of("support"),
                            "Premium support sells with platform renewals at 37.5% off (price list 2025, 14 renewals)")),
                    null, new BillingTerms(BillingSchedule.UPFRONT, Settlement.INVOICED, 45), TerminationRefund.NONE,
                    "Enterprise order form OF-2025-322 (demo)", null));
        }
    }

    /** What happens in the contracts during a month, before its usage: deliveries, modifications, invoices due. */
    void beginMonth(YearMonth month) {
        LocalDate first = month.atDay(1);
        if (month.equals(YearMonth.of(2025, 12)) && signed.contains("initech-2026")) {
            contracts.sendAs(PRINCIPAL, new DeliverObligation("initech-2026", "onboarding", "onboarding-accepted",
                    LocalDate.of(2025, 12, 10)));
        }
        if (month.equals(YearMonth.of(2026, 3)) && signed.contains("globex-2026")) {
            ContractService.Outcome addon = contracts.sendAs(PRINCIPAL, new ModifyContract("globex-2026", "addon",
                    LocalDate.of(2026, 3, 2), new BigDecimal("9000.00"),
                    List.of(new ObligationTerms("audit-logs", ObligationKind.PRODUCT, "Audit-log export add-on",
                            "audit-log-addon", BigDecimal.ONE, null, null, null, null, LocalDate.of(2026, 3, 5), null,
                            null, null, null)),
                    null, "Customer adds the audit-log add-on at list price (order OF-2026-052)"));
            signed.add(addon.separateContractId());
            contracts.sendAs(PRINCIPAL, new DeliverObligation(addon.separateContractId(), "audit-logs", "addon-delivered",
                    LocalDate.of(2026, 3, 5)));
        }
        if (month.equals(YearMonth.of(2026, 5)) && signed.contains("hooli-2026")) {
            contracts.sendAs(PRINCIPAL, new ModifyContract("hooli-2026", "renewal", first, new BigDecimal("40000.00"),
                    List.of(new ObligationTerms("workshop", ObligationKind.SERVICE, "Fine-tuning workshop",
                            "fine-tuning-workshop", BigDecimal.ONE, RecognitionPattern.ON_DELIVERY, null, null, null,
                            LocalDate.of(2026, 6, 10), null, null, null, null)),
                    END.plusMonths(6), "Renewed early for six months with a fine-tuning workshop at a discount (OF-2026-077)"));
        }
        if (month.equals(YearMonth.of(2026, 6)) && signed.contains("hooli-2026")) {
            contracts.sendAs(PRINCIPAL, new DeliverObligation("hooli-2026", "workshop", "workshop-held", LocalDate.of(2026, 6, 10)));
        }
        invoiceDue(first, "a");
    }

    /** Month-end: revenue recognised through the last day, invoices due, payments received, commitments settled. */
    void closeMonth(YearMonth month) {
        LocalDate end = month.atEndOfMonth();
        for (String contract : signed) {
            contracts.sendAs(PRINCIPAL, new RecognizeContractRevenue(contract, "recognise-" + month, end));
        }
        invoiceDue(end, "b");
        for (Unpaid invoice : List.copyOf(unpaid)) {
            if (invoice.paidOn() != null && YearMonth.from(invoice.paidOn()).equals(month)) {
                contracts.sendAs(PRINCIPAL, new RecordContractPayment(invoice.contractId(), "pay-" + invoice.invoiceId(),
                        invoice.invoiceId(), invoice.paidOn(), null));
                unpaid.remove(invoice);
            }
        }
        if (end.equals(END)) {
            for (String contract : List.of("initech-2026")) {
                if (signed.contains(contract)) {
                    contracts.sendAs(PRINCIPAL, new SettleCommitment(contract, "commitment-settled", END));
                }
            }
        }
    }

    private void invoiceDue(LocalDate date, String suffix) {
        for (String contract : signed) {
            String invoiceId = "inv-" + YearMonth.from(date) + suffix;
            try {
                contracts.sendAs(PRINCIPAL, new InvoiceContract(contract, invoiceId, date));
                String customer = contract.substring(0, contract.indexOf('-'));
                unpaid.add(new Unpaid(contract, customer, invoiceId, company.paymentDate(customer, date)));
            } catch (RuntimeException e) {
                Throwable cause = e instanceof CommandExecutionException ? e.getCause() : e;
                if (!(cause instanceof LedgerRejection r) || r.violations().get(0).code() != RejectionCode.NOTHING_TO_INVOICE) {
                    throw e;
                }
            }
        }
    }

    private void sign(SignContract contract) {
        contracts.sendAs(PRINCIPAL, contract);
        signed.add(contract.contractId());
    }

    private static ObligationTerms obligation(String id, ObligationKind kind, String ssp, String quantity) {
        return new ObligationTerms(id, kind, null, ssp, new BigDecimal(quantity), null, null, null, null, null, null,
                null, null, null);
    }

    private static void ssp(Consumer<Object> send, String id, String description, SspMethod method, String unit,
                            String price, String low, String high, String evidence) {
        send.accept(new PublishStandaloneSellingPrice(id, id + "-v1", START.minusYears(1), description, "USD", method,
                unit, method == SspMethod.RESIDUAL ? null : new BigDecimal(price), low == null ? null : new BigDecimal(low),
                high == null ? null : new BigDecimal(high), evidence, START.minusMonths(2)));
    }

    /** The synthetic company's planned yearly spend (drawn as a double by its generator), as a decimal once. */
    private static BigDecimal planned(SyntheticAiCompany company, String customer) {
        return BigDecimal.valueOf(company.plannedSpend(customer).getAsDouble());
    }

    private static BigDecimal thousands(BigDecimal amount) {
        return amount.setScale(-3, RoundingMode.HALF_UP).setScale(2);
    }
}
