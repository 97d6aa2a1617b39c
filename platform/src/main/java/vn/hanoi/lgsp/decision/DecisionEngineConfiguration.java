package vn.hanoi.lgsp.decision;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's DMN tables evaluate FEEL parsed once per expression ({@link ParsedOnceFeelEngine}). */
@Configuration(proxyBeanMethods = false)
class DecisionEngineConfiguration {

    @Bean
    static ProcessEnginePlugin parsedOnceFeel() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                if (configuration.isDmnFeelEnableLegacyBehavior()) {
                    // the legacy FEEL engine is another engine altogether: left as configured
                    return;
                }
                DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                        ? configuration.getDmnEngineConfiguration() : new DefaultDmnEngineConfiguration();
                dmn.setFeelEngineFactory(ParsedOnceFeelEngine.factory(configuration.getDmnFeelCustomFunctionProviders()));
                configuration.setDmnEngineConfiguration(dmn);
            }
        };
    }
}
