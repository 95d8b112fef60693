package dev.tokenledger.usage;

import java.math.BigDecimal;

/** The direct cost of one unit of one model, exactly. */
public record UnitCost(String model, String unit, BigDecimal unitCost) {
}
