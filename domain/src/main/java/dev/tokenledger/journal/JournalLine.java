package dev.tokenledger.journal;

import dev.tokenledger.money.Money;

import java.util.Objects;

/** One validated line of a journal entry: always a positive amount on one side of one postable account. */
public record JournalLine(String accountCode, Side side, Money amount, Dimensions dimensions) {

    public JournalLine {
        Objects.requireNonNull(accountCode, "accountCode");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(amount, "amount");
        dimensions = dimensions == null ? Dimensions.NONE : dimensions;
        if (!amount.isPositive()) {
            throw new IllegalStateException("journal lines are positive by construction, got " + amount);
        }
    }

    public JournalLine mirrored() {
        return new JournalLine(accountCode, side.opposite(), amount, dimensions);
    }
}
