package dev.tokenledger.adapters.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** One line when the ledger is ready: where it answers, and where to start. */
@Component
public class ReadyBanner implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);
    private final Environment environment;

    public ReadyBanner(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String port = environment.getProperty("local.server.port");
        if (port != null) {
            log.info("Token ledger ready: http://localhost:{}/ (API reference: /swagger-ui.html, policies: "
                    + "/api/v1/accounting-policies)", port);
        }
    }
}
