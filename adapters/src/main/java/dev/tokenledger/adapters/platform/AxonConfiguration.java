package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tokenledger.adapters.projections.ProjectionExclusions;
import dev.tokenledger.adapters.projections.ProjectionFailures;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.credits.CreditProgram;
import dev.tokenledger.credits.CreditProgramBook;
import dev.tokenledger.credits.EventStoreCreditProgramBook;
import dev.tokenledger.credits.Wallet;
import dev.tokenledger.projections.credits.CreditPoolProjection;
import dev.tokenledger.projections.credits.CreditProgramProjection;
import dev.tokenledger.projections.credits.CreditReports;
import dev.tokenledger.journal.EntryDirectory;
import dev.tokenledger.journal.EventStoreEntryDirectory;
import dev.tokenledger.journal.JournalEntry;
import dev.tokenledger.periods.AccountingPeriod;
import dev.tokenledger.periods.EventStorePeriodCalendar;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.projections.EventMetadata;
import dev.tokenledger.projections.ProcessingGroups;
import dev.tokenledger.projections.audit.AuditTrailProjection;
import dev.tokenledger.projections.journal.GeneralLedgerProjection;
import dev.tokenledger.projections.periods.PeriodStatusProjection;
import dev.tokenledger.projections.reports.LedgerReports;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon on PostgreSQL without Axon Server: JDBC event store and token store on Flyway's snake_case tables,
 * Jackson serialisation with the ledger's own ObjectMapper (so web JSON settings never change the stored event
 * format), projections that never skip a failing event.
 */
@Configuration
public class AxonConfiguration {

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("token_timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new JdbcSQLErrorCodesResolver();
    }

    /** Axon's own messages (tracking tokens, ...): Jackson with the ledger's own mapper, independent of web settings. */
    static ObjectMapper generalObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /**
     * The event format is part of the ledger's record: it must not follow changes to web JSON settings, and it holds
     * exactly the components of each event record (fields), never values derived by methods such as
     * {@code Money.isZero()}.
     */
    public static ObjectMapper eventObjectMapper() {
        return generalObjectMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(generalObjectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    /** Events stored by the 2026-11 ledgers (no revision) are read as revision 2. */
    @Bean
    public DerivedPropertiesUpcaster derivedPropertiesUpcaster() {
        return new DerivedPropertiesUpcaster();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(generalObjectMapper()).build();
    }

    /** Correlation and trace ids, plus who issued the command, copied from each command onto its events. */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    public CorrelationDataProvider auditCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(EventMetadata.PRINCIPAL, EventMetadata.COMMAND_NAME,
                EventMetadata.COMMAND_ID, EventMetadata.CLIENT_CORRELATION_ID);
    }

    /** Aggregates are registered here because the domain carries no Spring annotations. */
    @Bean
    public ConfigurerModule ledgerAggregates(
            @org.springframework.beans.factory.annotation.Value("${ledger.wallet-cache-size:50000}") int walletCacheSize) {
        return configurer -> configurer
                .configureAggregate(JournalEntry.class)
                .configureAggregate(AccountingPeriod.class)
                .configureAggregate(CreditProgram.class)
                // wallets stay in memory between commands: usage batches touch the same wallets again and again
                .configureAggregate(org.axonframework.config.AggregateConfigurer.defaultConfiguration(Wallet.class)
                        .configureCache(c -> new BoundedAggregateCache(walletCacheSize)))
                .configureAggregate(dev.tokenledger.usage.PricingCatalog.class)
                .configureAggregate(dev.tokenledger.costs.CostPosting.class)
                .configureAggregate(dev.tokenledger.operations.ProjectionDecisions.class)
                .configureAggregate(dev.tokenledger.contracts.StandaloneSellingPrice.class)
                .configureAggregate(dev.tokenledger.contracts.Contract.class)
                .configureAggregate(dev.tokenledger.licensing.Licence.class)
                .configureAggregate(dev.tokenledger.incentives.VolumeRebate.class)
                .configureAggregate(dev.tokenledger.exportlog.ErpExportLog.class);
    }

    /**
     * A failing projection handler must never let its processor move past the event: the error propagates, the
     * batch rolls back with its token, and the processor retries with back-off (visible in health and logs).
     */
    @Bean
    public ProjectionFailures projectionFailures() {
        return new ProjectionFailures();
    }

    @Bean
    public ProjectionExclusions projectionExclusions(org.springframework.beans.factory.ObjectProvider<EventStore> eventStore) {
        return new ProjectionExclusions(eventStore::getObject);
    }

    @Bean
    public ConfigurerModule projectionErrorHandling(ProjectionFailures failures, ProjectionExclusions exclusions) {
        return configurer -> configurer.eventProcessing(processing -> processing
                // a handler that throws, and a batch the database refuses at commit, are both recorded and rethrown
                .registerDefaultListenerInvocationErrorHandler(c -> failures)
                .registerDefaultErrorHandler(c -> failures)
                // events an operator excluded (audited, in the event store) never reach the projections
                .registerHandlerInterceptor(ProcessingGroups.LEDGER, c -> exclusions)
                // a segment that only skipped events meant for other segments stores its token on claim
                // extension; doing that every 500 ms (not 5 s) keeps lag and rebuild progress honest
                .registerPooledStreamingEventProcessorConfiguration(ProcessingGroups.LEDGER,
                        (c, builder) -> builder.claimExtensionThreshold(500)));
    }

    /**
     * The event store, reading from storage on every stream: no shared cache of recent events, so a rebuild answers
     * from the stored rows themselves (a row changed outside the ledger shows in the next rebuild, and the audit
     * chain's verification will name it).
     */
    /** Axon's JDBC storage engine on Flyway's tables, with the ledger's serializers and upcasters. */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration configuration,
                                                 org.axonframework.common.jdbc.ConnectionProvider connectionProvider,
                                                 org.axonframework.common.transaction.TransactionManager transactionManager,
                                                 EventSchema eventSchema) {
        return org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .build();
    }

    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .optimizeEventConsumption(false)
                .build();
    }

    @Bean
    public PeriodCalendar periodCalendar(EventStore eventStore) {
        return new EventStorePeriodCalendar(eventStore);
    }

    @Bean
    public EntryDirectory entryDirectory(EventStore eventStore, LedgerReports reports) {
        return new EventStoreEntryDirectory(eventStore, reports::entryKind);
    }

    @Bean
    public CreditProgramBook creditProgramBook(EventStore eventStore) {
        return new EventStoreCreditProgramBook(eventStore);
    }

    @Bean
    public dev.tokenledger.projections.metrics.MetricsProjection metricsProjection(DSLContext db, ChartOfAccounts chart) {
        return new dev.tokenledger.projections.metrics.MetricsProjection(db, chart);
    }

    @Bean
    public dev.tokenledger.projections.metrics.MetricsReports metricsReports(DSLContext db, ChartOfAccounts chart) {
        return new dev.tokenledger.projections.metrics.MetricsReports(db, chart);
    }

    @Bean
    public dev.tokenledger.projections.metrics.MarginMetrics marginMetrics(DSLContext db) {
        return new dev.tokenledger.projections.metrics.MarginMetrics(db);
    }

    @Bean
    public dev.tokenledger.projections.metrics.BurnDownMetrics burnDownMetrics(DSLContext db,
            dev.tokenledger.projections.metrics.MetricsReports metricsReports) {
        return new dev.tokenledger.projections.metrics.BurnDownMetrics(db, metricsReports);
    }

    @Bean
    public dev.tokenledger.projections.incentives.VolumeAgreementProjection volumeAgreementProjection(DSLContext db,
                                                                                                  ChartOfAccounts chart) {
        return new dev.tokenledger.projections.incentives.VolumeAgreementProjection(db, chart);
    }

    @Bean
    public dev.tokenledger.projections.licensing.LicenceProjection licenceProjection(DSLContext db) {
        return new dev.tokenledger.projections.licensing.LicenceProjection(db);
    }

    @Bean
    public dev.tokenledger.projections.exports.ErpExportLogProjection erpExportLogProjection(DSLContext db) {
        return new dev.tokenledger.projections.exports.ErpExportLogProjection(db);
    }

    @Bean
    public dev.tokenledger.projections.reports.FinancialStatements financialStatements(DSLContext db, ChartOfAccounts chart) {
        return new dev.tokenledger.projections.reports.FinancialStatements(db, chart);
    }

    @Bean
    public dev.tokenledger.projections.journal.JournalChainProjection journalChainProjection(DSLContext db) {
        return new dev.tokenledger.projections.journal.JournalChainProjection(db);
    }

    @Bean
    public dev.tokenledger.projections.journal.JournalSeals journalSeals(DSLContext db, ChartOfAccounts chart) {
        return new dev.tokenledger.projections.journal.JournalSeals(db, chart);
    }

    @Bean
    public dev.tokenledger.contracts.SspBook sspBook(EventStore eventStore) {
        return new dev.tokenledger.contracts.EventStoreSspBook(eventStore);
    }

    @Bean
    public dev.tokenledger.contracts.ConsumptionMeter consumptionMeter(EventStore eventStore) {
        return new dev.tokenledger.contracts.EventStoreConsumptionMeter(eventStore);
    }

    @Bean
    public dev.tokenledger.projections.contracts.ContractProjection contractProjection(DSLContext db) {
        return new dev.tokenledger.projections.contracts.ContractProjection(db);
    }

    @Bean
    public dev.tokenledger.projections.contracts.ContractReports contractReports(DSLContext db, ChartOfAccounts chart) {
        return new dev.tokenledger.projections.contracts.ContractReports(db, chart);
    }

    @Bean
    public dev.tokenledger.usage.PricingCatalogBook pricingCatalogBook(EventStore eventStore) {
        return new dev.tokenledger.usage.EventStorePricingCatalogBook(eventStore);
    }

    @Bean
    public dev.tokenledger.projections.usage.UsagePostingProjection usagePostingProjection(DSLContext db) {
        return new dev.tokenledger.projections.usage.UsagePostingProjection(db);
    }

    @Bean
    public dev.tokenledger.projections.usage.UsageReports usageReports(DSLContext db, ChartOfAccounts chart) {
        return new dev.tokenledger.projections.usage.UsageReports(db, chart);
    }

    @Bean
    public CreditPoolProjection creditPoolProjection(DSLContext db) {
        return new CreditPoolProjection(db);
    }

    @Bean
    public CreditProgramProjection creditProgramProjection(DSLContext db) {
        return new CreditProgramProjection(db);
    }

    @Bean
    public CreditReports creditReports(DSLContext db, ChartOfAccounts chart) {
        return new CreditReports(db, chart);
    }

    @Bean
    public GeneralLedgerProjection generalLedgerProjection(DSLContext db) {
        return new GeneralLedgerProjection(db);
    }

    @Bean
    public AuditTrailProjection auditTrailProjection(DSLContext db) {
        return new AuditTrailProjection(db);
    }

    @Bean
    public PeriodStatusProjection periodStatusProjection(DSLContext db) {
        return new PeriodStatusProjection(db);
    }

    @Bean
    public LedgerReports ledgerReports(DSLContext db, ChartOfAccounts chart) {
        return new LedgerReports(db, chart);
    }
}
