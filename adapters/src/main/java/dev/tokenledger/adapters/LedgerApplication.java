package dev.tokenledger.adapters;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LedgerApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--hash-password")) {
            dev.tokenledger.adapters.platform.UserPasswords.printHash(args);
            return;
        }
        disableAxonUpdateChecker();
        SpringApplication.run(LedgerApplication.class, args);
    }

    /**
     * A system of record never phones home (the machine may have no route to the internet at all), and its log says
     * only what an operator can act on: no vendor console advertisement, no library logo or tip of the day.
     */
    public static void disableAxonUpdateChecker() {
        for (String property : new String[]{"axoniq.update-checker.disabled", "disable-axoniq-console-message",
                "org.jooq.no-logo", "org.jooq.no-tips"}) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "true");
            }
        }
    }
}
