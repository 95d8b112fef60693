package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenledger.adapters.platform.LedgerProperties.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.util.List;

/**
 * Who may do what. Everything but health, the start page and static files needs authentication (users from
 * configuration): API clients send HTTP Basic on every call and get no session; the dashboard at {@code /} signs in
 * with a form and keeps a session.
 * ADMIN: everything. ACCOUNTANT: post, reverse, close and reopen periods, adopt credit programs, revise breakage
 * estimates, expire pools, and everything INGEST may do; read. AUDITOR: read everything, write nothing.
 * INGEST: only the write endpoints for business events (purchases, grants, usage draws, refunds), nothing else.
 */
@Configuration
@ConditionalOnWebApplication
public class SecurityConfiguration {

    /** Endpoints that ingest business events; INGEST principals may call only these. */
    public static final String[] BUSINESS_EVENT_WRITES = {"/api/v1/customers/**", "/api/v1/usage/**"};

    @Bean
    public SecurityFilterChain ledgerSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        String admin = Role.ADMIN.name();
        String accountant = Role.ACCOUNTANT.name();
        String auditor = Role.AUDITOR.name();
        String ingest = Role.INGEST.name();
        AuthenticationEntryPoint problem = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"token-ledger\"");
            write(json, response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Authentication required",
                    "send HTTP Basic credentials of a configured user");
        };
        RequestMatcher api = request -> {
            String path = request.getRequestURI();
            return path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/v3/");
        };
        http
                // API clients authenticate every request with HTTP Basic and get no session; the dashboard signs in
                // with a form and keeps a session, whose unsafe requests need the CSRF token (cookie XSRF-TOKEN, sent
                // back as header X-XSRF-TOKEN)
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(request -> request.getHeader("Authorization") != null
                                || request.getSession(false) == null))
                // sessions only when needed (the default policy, deliberately not named: naming one makes Spring
                // Security store every authenticated request's context, HTTP Basic API calls too, in a new session)
                // remember where a browser was going before the sign-in form; never an API call (no session for it)
                .requestCache(cache -> cache.requestCache(pagesOnly(api)))
                .httpBasic(basic -> basic.authenticationEntryPoint(problem)
                        // a Basic-authenticated call is kept for that request only: no session per API call
                        .securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .formLogin(form -> form.defaultSuccessUrl("/", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(problem, api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
                        .accessDeniedHandler((request, response, e) ->
                        write(json, response, HttpStatus.FORBIDDEN, "FORBIDDEN", "Forbidden", e instanceof CsrfException
                                ? "a signed-in browser's " + request.getMethod() + " needs the CSRF token: the XSRF-TOKEN "
                                        + "cookie's value in the header X-XSRF-TOKEN (API clients send HTTP Basic instead)"
                                : "your role may not " + request.getMethod() + " " + request.getRequestURI())))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // the start page, the dashboard's static files and the API's documentation are public; every
                        // call still signs in
                        .requestMatchers(HttpMethod.GET, "/start.html", "/favicon.ico", "/ui/**", "/webjars/**",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/index.html").hasAnyRole(admin, accountant, auditor)
                        .requestMatchers(HttpMethod.POST, "/api/v1/admin/**").hasRole(admin)
                        .requestMatchers(HttpMethod.POST, "/api/v1/journal-entries/**", "/api/v1/periods/**",
                                "/api/v1/credit-programs/**", "/api/v1/credit-pools/**", "/api/v1/rate-cards/**",
                                "/api/v1/cost-cards/**", "/api/v1/contracts/**", "/api/v1/ssp/**", "/api/v1/exports/**",
                                "/api/v1/vendor-invoices/**", "/api/v1/infrastructure-costs/**", "/api/v1/licences/**",
                                "/api/v1/volume-discounts/**")
                            .hasAnyRole(admin, accountant)
                        .requestMatchers(HttpMethod.POST, BUSINESS_EVENT_WRITES).hasAnyRole(admin, accountant, ingest)
                        .requestMatchers(HttpMethod.GET, "/api/v1/**", "/actuator/**").hasAnyRole(admin, accountant, auditor)
                        .anyRequest().hasRole(admin));
        return http.build();
    }

    private static HttpSessionRequestCache pagesOnly(RequestMatcher api) {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && !api.matches(request));
        return cache;
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    public UserDetailsService users(LedgerProperties properties, PasswordEncoder encoder) {
        List<LedgerProperties.User> configured = properties.security().users();
        if (configured.isEmpty()) {
            throw new IllegalStateException("ledger.security.users is empty: configure at least one user");
        }
        UserPasswords.check(configured, properties.demoUsersAllowed(), encoder);
        List<UserDetails> users = configured.stream()
                .map(u -> User.withUsername(u.name())
                        .password(u.password())
                        .roles(u.roles().stream().map(Enum::name).toArray(String[]::new))
                        .build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }

    private static void write(ObjectMapper json, jakarta.servlet.http.HttpServletResponse response, HttpStatus status,
                              String code, String title, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemResponses.problem(status, code, title, detail, null));
    }
}
