package dev.tokenledger.usage;

public record CostCardPublished(CostCard card, String inputHash) {
}
