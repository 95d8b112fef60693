package dev.tokenledger.adapters.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The rules for configured passwords. Outside demo mode the ledger refuses to start while a user keeps its demo
 * password or a password stands in plain text: every password is given in Spring Security's encoded form
 * ({bcrypt}..., {pbkdf2}..., {argon2}..., {scrypt}...), made with {@code bin/ledger --hash-password}.
 */
public final class UserPasswords {

    private static final Logger log = LoggerFactory.getLogger(UserPasswords.class);
    static final Set<String> ENCODINGS = Set.of("{bcrypt}", "{pbkdf2}", "{argon2}", "{scrypt}",
            "{pbkdf2@SpringSecurity_v5_8}", "{argon2@SpringSecurity_v5_8}", "{scrypt@SpringSecurity_v5_8}");

    private UserPasswords() {
    }

    static void check(List<LedgerProperties.User> users, boolean demoAllowed, PasswordEncoder encoder) {
        for (LedgerProperties.User user : users) {
            String password = user.password() == null ? "" : user.password();
            if (demoAllowed) {
                continue;
            }
            boolean encoded = ENCODINGS.stream().anyMatch(password::startsWith);
            if (!encoded) {
                throw new IllegalStateException("user " + user.name() + ": outside demo mode a password must be encoded "
                        + "({bcrypt}...); make one with: bin/ledger --hash-password");
            }
            if (encoder.matches(user.name() + "-secret", password)) {
                throw new IllegalStateException("user " + user.name() + " still has its demo password; set "
                        + "LEDGER_" + user.name().toUpperCase() + "_PASSWORD to an encoded password of its own "
                        + "(bin/ledger --hash-password)");
            }
        }
        if (demoAllowed) {
            log.info("Demo users are active ({}), with the demo passwords documented in the README: for the demo "
                    + "and tests only", users.stream().map(LedgerProperties.User::name).toList());
        }
    }

    /**
     * {@code bin/ledger --hash-password [password]}: prints the password in the encoded form the configuration takes.
     * Without an argument the password is read from the console (not echoed) or from standard input.
     */
    public static void printHash(String[] args) throws IOException {
        String password;
        if (args.length > 1) {
            password = args[1];
        } else {
            Console console = System.console();
            password = console != null ? new String(console.readPassword("Password: "))
                    : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        if (password.isEmpty()) {
            System.err.println("give a password");
            System.exit(2);
        }
        System.out.println("{bcrypt}" + new BCryptPasswordEncoder().encode(password));
    }
}
