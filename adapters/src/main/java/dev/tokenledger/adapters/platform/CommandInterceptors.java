package dev.tokenledger.adapters.platform;

import dev.tokenledger.kernel.ClientRequest;
import dev.tokenledger.periods.ClosePeriod;
import dev.tokenledger.periods.ReopenPeriod;
import dev.tokenledger.projections.EventMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.Map;

@Configuration
public class CommandInterceptors {

    /** Header a client may send to correlate its request with the events it causes. */
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final String LOCK_TAKEN = CommandInterceptors.class.getName() + ".periodLock";

    /**
     * Stamps every command with who issued it, what it is and its client id; Axon copies these onto the events
     * (see AxonConfiguration's correlation data providers), which is what the audit trail reads.
     */
    @Bean
    public MessageDispatchInterceptor<CommandMessage<?>> auditMetadataInterceptor() {
        return messages -> (index, command) -> {
            Map<String, Object> meta = new HashMap<>();
            if (!command.getMetaData().containsKey(EventMetadata.PRINCIPAL)) {
                meta.put(EventMetadata.PRINCIPAL, currentPrincipal());
            }
            meta.put(EventMetadata.COMMAND_NAME, command.getPayloadType().getSimpleName());
            String clientId = clientIdOf(command.getPayload());
            if (clientId != null) {
                meta.put(EventMetadata.COMMAND_ID, clientId);
            }
            String correlation = requestCorrelationId();
            if (correlation != null) {
                meta.put(EventMetadata.CLIENT_CORRELATION_ID, correlation);
            }
            return command.andMetaData(meta);
        };
    }

    /**
     * Serialises posting against closing: every command takes a shared lock on the period-lock row for its
     * transaction; closing and reopening take it exclusively. So no entry can commit into a period while that period
     * is being closed, on one node or many. Runs inside the command's transaction (Axon's transaction interceptor
     * comes first).
     */
    @Bean
    public MessageHandlerInterceptor<CommandMessage<?>> periodLockInterceptor(DSLContext db) {
        return (unitOfWork, chain) -> {
            var root = unitOfWork.root();
            Object payload = unitOfWork.getMessage().getPayload();
            boolean exclusive = payload instanceof ClosePeriod || payload instanceof ReopenPeriod;
            Boolean held = (Boolean) root.getResource(LOCK_TAKEN);
            if (held == null || (exclusive && !held)) {
                var select = db.select(DSL.field(DSL.name("name"), SQLDataType.VARCHAR))
                        .from(DSL.table(DSL.name("ledger_lock")))
                        .where(DSL.field(DSL.name("name"), SQLDataType.VARCHAR).eq("periods"));
                if (exclusive || db.dialect().family() != SQLDialect.POSTGRES) {
                    select.forUpdate().fetch();
                } else {
                    select.forShare().fetch();
                }
                root.resources().put(LOCK_TAKEN, exclusive || db.dialect().family() != SQLDialect.POSTGRES);
            }
            return chain.proceed();
        };
    }

    private static String clientIdOf(Object payload) {
        return payload instanceof ClientRequest request ? request.clientRequestId() : null;
    }

    /**
     * The id of the aggregate a command addresses is made of a client's field (a customer id, an entry id ...). One
     * that the event store could not even look up (control characters, NUL, unpaired surrogates, far too long) is
     * refused naming that field, before any aggregate is loaded; the aggregate then checks the id's exact shape.
     */
    @Bean
    public MessageHandlerInterceptor<CommandMessage<?>> targetIdInterceptor() {
        AnnotationCommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
        return (unitOfWork, chain) -> {
            CommandMessage<?> command = unitOfWork.getMessage();
            if (command.getPayload() instanceof ClientRequest request) {
                String target;
                try {
                    target = targets.resolveTarget(command).getIdentifier();
                } catch (IllegalArgumentException e) {
                    target = null;
                }
                if (target == null || target.length() > 255 || !RequestChecks.isPrintable(target)) {
                    throw LedgerRejection.of(RejectionCode.REQUEST_ID_INVALID, request.targetField(),
                            "must be 1-80 letters, digits, '.', '_' or '-', starting with a letter or digit");
                }
            }
            return chain.proceed();
        };
    }

    /**
     * A command addressed to an aggregate that does not exist (a wallet not yet opened, an entry never posted) is
     * refused the way the command itself says, naming its field: a 404 with the command's own code.
     */
    @Bean
    public MessageHandlerInterceptor<CommandMessage<?>> missingTargetInterceptor() {
        return (unitOfWork, chain) -> {
            try {
                return chain.proceed();
            } catch (AggregateNotFoundException e) {
                if (unitOfWork.getMessage().getPayload() instanceof ClientRequest request
                        && request.whenTargetMissing() != null) {
                    throw request.whenTargetMissing();
                }
                throw e;
            }
        };
    }

    static String currentPrincipal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }

    private static String requestCorrelationId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String header = attributes.getRequest().getHeader(CORRELATION_HEADER);
            if (header != null && header.matches("[A-Za-z0-9._:-]{1,128}")) {
                return header;
            }
        }
        return null;
    }
}
