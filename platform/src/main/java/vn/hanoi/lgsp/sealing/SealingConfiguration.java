package vn.hanoi.lgsp.sealing;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/** One sealer for the platform, under the master key outside the database. */
@Configuration(proxyBeanMethods = false)
class SealingConfiguration {

    /** Made when first needed: a workers-only process holds no sealed data and needs no key. */
    @Bean
    @Lazy
    ContentSealer contentSealer(Environment environment) {
        Binder binder = Binder.get(environment);
        return new ContentSealer(binder.bind("lgsp.exchange.master-key-file", Path.class).orElse(null),
                binder.bind("lgsp.exchange.previous-master-key-files", Bindable.listOf(Path.class)).orElse(List.of()));
    }
}
