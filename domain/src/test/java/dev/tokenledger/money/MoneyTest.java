package dev.tokenledger.money;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void holdsAmountsAtTheMinorUnit() {
        assertThat(Money.of("12.5", "USD").amount()).isEqualByComparingTo("12.50");
        assertThat(Money.of("12.5", "USD").amount().scale()).isEqualTo(2);
        assertThat(Money.of("12.50", "USD")).isEqualTo(Money.of("12.5", "USD"));
        assertThat(Money.of("1.230000", "USD").minorUnits()).isEqualTo(123);
        assertThat(Money.of("900", "JPY").minorUnits()).isEqualTo(900);
    }

    @Test
    void refusesAScaleFinerThanTheCurrencyUnlessARoundingModeIsNamed() {
        assertThatThrownBy(() -> Money.of("0.001", "USD")).isInstanceOf(MoneyPrecisionException.class);
        assertThatThrownBy(() -> Money.of("1.5", "JPY")).isInstanceOf(MoneyPrecisionException.class);
        assertThat(Money.rounded(new BigDecimal("0.0000025").multiply(BigDecimal.valueOf(3_000_000)), USD, RoundingMode.HALF_UP))
                .isEqualTo(Money.of("7.50", "USD"));
    }

    @Test
    void roundsHalfUpWithTiesAwayFromZero() {
        assertThat(Money.roundedHalfUp(new BigDecimal("0.005"), USD)).isEqualTo(Money.of("0.01", "USD"));
        assertThat(Money.roundedHalfUp(new BigDecimal("-0.005"), USD)).isEqualTo(Money.of("-0.01", "USD"));
        assertThat(Money.roundedHalfUp(new BigDecimal("0.0049999"), USD)).isEqualTo(Money.of("0.00", "USD"));
        assertThat(Money.roundedHalfUp(new BigDecimal("2.5"), JPY)).isEqualTo(Money.of("3", "JPY"));
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "EUR")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("currency mismatch");
    }

    @Property
    void minorUnitsRoundTrip(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long minor) {
        assertThat(Money.ofMinor(minor, USD).minorUnits()).isEqualTo(minor);
        assertThat(Money.ofMinor(minor, USD).plus(Money.ofMinor(1, USD)).minus(Money.ofMinor(1, USD)))
                .isEqualTo(Money.ofMinor(minor, USD));
    }
}
