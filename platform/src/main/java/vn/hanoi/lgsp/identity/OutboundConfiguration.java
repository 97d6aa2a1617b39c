package vn.hanoi.lgsp.identity;

import vn.hanoi.lgsp.http.OutboundTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    @Bean
    OutboundTokens outboundTokens() {
        return new OutboundTokens();
    }
}
