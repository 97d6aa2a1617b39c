package vn.hanoi.lgsp.exchange;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ExchangeConfiguration {

    /** A record travels as one base64 string: let JSON strings be as long as the largest record. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer recordSizedJsonStrings(ExchangeSettings settings) {
        long base64 = settings.maxPayloadSize().toBytes() * 4 / 3 + 1024;
        int limit = (int) Math.min(Integer.MAX_VALUE, Math.max(base64, StreamReadConstraints.DEFAULT_MAX_STRING_LEN));
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(limit).build()));
    }
}
