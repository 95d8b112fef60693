package dev.tokenledger.usage;

public record RateCardPublished(RateCard card, String inputHash) {
}
