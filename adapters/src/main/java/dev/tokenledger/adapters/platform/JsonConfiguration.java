package dev.tokenledger.adapters.platform;

import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;

/**
 * Web JSON: amounts leave as exact decimal strings ("12.30"), so no client reads money as an inexact binary number
 * and the currency's scale survives. Requests may send amounts as strings or JSON numbers; both are read exactly.
 */
@Configuration
public class JsonConfiguration {

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer exactDecimals() {
        SimpleModule module = new SimpleModule("exact-decimals");
        module.addSerializer(BigDecimal.class, new ToStringSerializerBase(BigDecimal.class) {
            @Override
            public String valueToString(Object value) {
                return ((BigDecimal) value).toPlainString();
            }
        });
        return builder -> builder.modulesToInstall(module);
    }
}
