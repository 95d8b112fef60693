package dev.tokenledger.usage;

/** The rate and cost cards as committed, for pricing inside a command. */
public interface PricingCatalogBook {

    Catalog current();
}
