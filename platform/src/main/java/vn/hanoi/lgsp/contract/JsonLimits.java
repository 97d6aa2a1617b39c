package vn.hanoi.lgsp.contract;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * JSON bodies of the API read strings of at most {@code lgsp.api.max-json-string} characters
 * (a long OpenAPI document fits; a body built to exhaust memory does not). Only the record
 * endpoint reads longer ones, with a converter of its own sized to the largest record.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimits implements WebMvcConfigurer {

    /**
     * @param maxJsonString the longest JSON string an API body may hold; a body past it is a
     *                      {@code 01} bad request
     */
    @ConfigurationProperties("lgsp.api")
    @Validated
    record Settings(@DefaultValue("4MB") @jakarta.validation.constraints.NotNull DataSize maxJsonString) {
    }

    private final DataSize maxString;

    JsonLimits(Settings settings) {
        this.maxString = settings.maxJsonString();
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            // exactly Spring's own converter: the record endpoint's subclass keeps its own limit
            if (converters.get(i).getClass() == MappingJackson2HttpMessageConverter.class) {
                MappingJackson2HttpMessageConverter standard = (MappingJackson2HttpMessageConverter) converters.get(i);
                ObjectMapper limited = standard.getObjectMapper().copy();
                limited.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxString.toBytes())).build());
                MappingJackson2HttpMessageConverter replacement = new MappingJackson2HttpMessageConverter(limited);
                replacement.setSupportedMediaTypes(standard.getSupportedMediaTypes());
                converters.set(i, replacement);
            }
        }
    }
}
