package dev.tokenledger.chart;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartLoaderTest {

    private static final String HEADER = "code,name,type,role,postable,erp_code\n";

    @Test
    void defaultChartMapsEveryRoleToOnePostableAccount() {
        ChartOfAccounts chart = ChartLoader.defaultChart();
        assertThat(chart.accounts()).hasSize(27);
        for (AccountRole role : AccountRole.values()) {
            assertThat(chart.accountFor(role).postable()).isTrue();
        }
        assertThat(chart.accountFor(AccountRole.DEFERRED_REVENUE_CREDITS).code()).isEqualTo("2300");
        assertThat(chart.account("2300").orElseThrow().name()).isEqualTo("Contract liability, prepaid credits");
        assertThat(chart.fingerprint()).hasSize(64);
    }

    @Test
    void duplicateCodeNamesBothLines() {
        String csv = defaultBody() + "1000,Other cash,ASSET,,true,X\n";
        assertThatThrownBy(() -> ChartLoader.parse(csv, "mine.csv"))
                .isInstanceOf(InvalidChartException.class)
                .hasMessageContaining("mine.csv line 29")
                .hasMessageContaining("already defined on line 2");
    }

    @Test
    void unknownTypeIsRejectedWithItsLine() {
        String csv = defaultBody() + "9000,Suspense,STUFF,,true,9000\n";
        assertThatThrownBy(() -> ChartLoader.parse(csv, "mine.csv"))
                .hasMessageContaining("line 29").hasMessageContaining("unknown account type 'STUFF'");
    }

    @Test
    void roleMappedTwiceIsRejected() {
        String csv = defaultBody() + "1001,Petty cash,ASSET,CASH,true,1001\n";
        assertThatThrownBy(() -> ChartLoader.parse(csv, "mine.csv"))
                .hasMessageContaining("line 29").hasMessageContaining("role CASH already mapped on line 2");
    }

    @Test
    void roleOnNonPostableAccountIsRejected() {
        String csv = defaultBody().replace("1000,Cash,ASSET,CASH,true", "1000,Cash,ASSET,CASH,false");
        assertThatThrownBy(() -> ChartLoader.parse(csv, "mine.csv"))
                .hasMessageContaining("line 2").hasMessageContaining("non-postable");
    }

    @Test
    void missingRoleIsRejected() {
        String csv = defaultBody().replace("5300,Payment processing fees,EXPENSE,PAYMENT_FEES", "5300,Payment processing fees,EXPENSE,");
        assertThatThrownBy(() -> ChartLoader.parse(csv, "mine.csv"))
                .hasMessageContaining("PAYMENT_FEES");
    }

    @Test
    void missingErpCodeIsRejected() {
        String csv = defaultBody() + "9000,Suspense,ASSET,,true,\n";
        assertThatThrownBy(() -> ChartLoader.parse(csv, "mine.csv"))
                .hasMessageContaining("line 29").hasMessageContaining("no ERP account code");
    }

    @Test
    void wrongHeaderIsRejected() {
        assertThatThrownBy(() -> ChartLoader.parse("code,name\n1000,Cash\n", "mine.csv"))
                .hasMessageContaining("line 1").hasMessageContaining("header");
    }

    @Test
    void extraAccountsWithoutRoleAreAllowed() {
        ChartOfAccounts chart = ChartLoader.parse(defaultBody() + "1010,Bank: operating,ASSET,,true,1010-00\n", "mine.csv");
        assertThat(chart.account("1010")).isPresent();
        assertThat(chart.account("1010").orElseThrow().role()).isEmpty();
    }

    private static String defaultBody() {
        try (var in = ChartLoader.class.getResourceAsStream(ChartLoader.DEFAULT_CHART_RESOURCE)) {
            String text = new String(in.readAllBytes());
            assertThat(text).startsWith(HEADER);
            return text;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
