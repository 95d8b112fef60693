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

    /** A system of record never phones home; the machine may have no route to the internet at all. */
    public static void disableAxonUpdateChecker() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }
}
