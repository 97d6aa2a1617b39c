package vn.hanoi.lgsp.sealing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** One sealer for the platform, under the master key outside the database. */
@Configuration(proxyBeanMethods = false)
class SealingConfiguration {

    /** Made when first needed: a workers-only process holds no sealed data and needs no key. */
    @Bean
    @Lazy
    ContentSealer contentSealer(SealingSettings settings) {
        return new ContentSealer(settings.masterKeyFile(), settings.previousMasterKeyFiles());
    }
}
