package vn.hanoi.lgsp.exchange;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Type;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ExchangeConfiguration {

    /**
     * A record travels as one base64 string: only the record endpoint reads JSON strings as long
     * as the largest record. Every other body keeps the API's small string limit
     * ({@code lgsp.api.max-json-string}).
     */
    @Bean
    WebMvcConfigurer recordSizedJson(ObjectMapper json, ExchangeSettings settings) {
        // as long as the body guard lets through: past it, the decoded size is what refuses the record
        long base64 = settings.maxPayloadSize().toBytes() * 4 / 3 + 64 * 1024;
        int limit = (int) Math.min(Integer.MAX_VALUE, base64);
        ObjectMapper recordJson = json.copy();
        recordJson.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(limit).build());
        MappingJackson2HttpMessageConverter records = new MappingJackson2HttpMessageConverter(recordJson) {
            @Override
            public boolean canRead(Type type, Class<?> contextClass, MediaType mediaType) {
                return type == SubmitRequest.class && super.canRead(type, contextClass, mediaType);
            }

            @Override
            public boolean canRead(Class<?> clazz, MediaType mediaType) {
                return clazz == SubmitRequest.class && super.canRead(clazz, mediaType);
            }

            @Override
            public boolean canWrite(Class<?> clazz, MediaType mediaType) {
                return false;
            }

            @Override
            public boolean canWrite(Type type, Class<?> clazz, MediaType mediaType) {
                return false;
            }
        };
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.add(0, records);
            }
        };
    }
}
