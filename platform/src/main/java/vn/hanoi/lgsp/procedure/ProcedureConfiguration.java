package vn.hanoi.lgsp.procedure;

import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.hanoi.lgsp.agency.AgencyRegistry;

/** The deployment policy inside the engine, and what it knows of the platform. */
@Configuration(proxyBeanMethods = false)
class ProcedureConfiguration {

    @Bean
    PlatformModels platformModels() {
        return new PlatformModels();
    }

    /** Built on first use: the agency registry and the bean names exist only once the context has started. */
    @Bean
    ModelPolicyHolder modelPolicy(PlatformModels platform, ApplicationContext context,
                                  ObjectProvider<AgencyRegistry> agencies) {
        return new ModelPolicyHolder(() -> {
            Set<String> beans = new HashSet<>(Set.of(context.getBeanDefinitionNames()));
            for (String name : context.getBeanDefinitionNames()) {
                beans.addAll(Set.of(context.getAliases(name)));
            }
            // singletons registered by hand (environment, systemProperties, systemEnvironment…) resolve in expressions too
            if (context instanceof org.springframework.context.ConfigurableApplicationContext configurable) {
                beans.addAll(Set.of(configurable.getBeanFactory().getSingletonNames()));
            }
            // a few names are not beans at all but the engine's: RESERVED_NAMES covers them
            return new ModelPolicy(new ModelPolicy.Context(platform.processIds(), platform.formIds(), Set.copyOf(beans),
                    code -> agencies.getObject().find(code).filter(a -> a.status() == vn.hanoi.lgsp.agency.Agency.Status.ACTIVE)
                            .isPresent()));
        });
    }

    @Bean
    static ProcessEnginePlugin modelPolicyPlugin(ObjectProvider<ModelPolicyHolder> policy,
                                                 ObjectProvider<ModelReleases> releases,
                                                 ObjectProvider<CaseSteps> cases) {
        return new ModelPolicyPlugin(() -> policy.getObject().get(), releases::getObject, cases::getObject);
    }

    /** Engine REST's deployments answered in the agency API's envelope (see {@link DeploymentGuard}). */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<DeploymentGuard> deploymentGuard(
            vn.hanoi.lgsp.contract.EnvelopeWriter envelopes, ModelPolicyHolder policy) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new DeploymentGuard(envelopes, policy));
        registration.setName("deployment-guard");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST);
        // after the caller is known: an anonymous call gets its 401 first
        registration.setOrder(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER + 3);
        return registration;
    }

    /** A leader's decision that cannot stand answered as a refusal (see {@link ReviewDecisionGuard}). */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<ReviewDecisionGuard> reviewDecisionGuard(
            org.camunda.bpm.engine.TaskService tasks, org.camunda.bpm.engine.RepositoryService repository,
            ModelReleases releases, vn.hanoi.lgsp.contract.EnvelopeWriter envelopes) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new ReviewDecisionGuard(tasks, repository, releases, envelopes));
        registration.setName("review-decision-guard");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST);
        registration.setOrder(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER + 4);
        return registration;
    }

    /** One policy, made once. */
    static final class ModelPolicyHolder {
        private final java.util.function.Supplier<ModelPolicy> factory;
        private volatile ModelPolicy policy;

        ModelPolicyHolder(java.util.function.Supplier<ModelPolicy> factory) {
            this.factory = factory;
        }

        ModelPolicy get() {
            ModelPolicy made = policy;
            if (made == null) {
                synchronized (this) {
                    if (policy == null) {
                        policy = factory.get();
                    }
                    made = policy;
                }
            }
            return made;
        }
    }
}
