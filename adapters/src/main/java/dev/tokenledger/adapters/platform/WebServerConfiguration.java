package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** Every refusal answered before the application runs is problem+json too (container and firewall). */
@Configuration
public class WebServerConfiguration {

    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemJsonContainerErrors() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
            }
        });
    }

    /** Spring Security's firewall refuses paths with encoded slashes, NUL, "..": answered as problem+json. */
    @Bean
    public RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return (request, response, rejected) -> {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ProblemResponses.problem(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER",
                    "Invalid parameter", "the path holds characters or segments the ledger does not accept", "path"));
        };
    }
}
