package vn.hanoi.lgsp.support;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.BaseDelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateListener;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.core.model.CoreModelElement;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.camunda.community.process_test_coverage.engine.platform7.ElementCoverageParseListener;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The process-model tests' engine records which elements of each model ran
 * (camunda-process-test-coverage). The library's listeners look the process definition up inside
 * the step being recorded, as whoever the test signed in: a staff member completing a task may
 * not read process definitions, so the look-up would fail the staff member's step. Recording
 * what ran is not the staff member's act; its listeners run without authorization checks.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ProcessEngineCoverageConfiguration.class)
class ProcessCoverage {

    @Bean
    AbstractCamundaConfiguration coverageRecordedWithoutAuthorization() {
        return new AbstractCamundaConfiguration() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                if (configuration.getCustomPostBPMNParseListeners() == null) {
                    configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
                }
                configuration.getCustomPostBPMNParseListeners().add(new Unauthorized());
            }
        };
    }

    /** Once a whole model is parsed, wraps the coverage listeners its elements carry. */
    static final class Unauthorized extends AbstractBpmnParseListener {

        @Override
        public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> processDefinitions) {
            processDefinitions.forEach(Unauthorized::wrapScope);
        }

        private static void wrapScope(ScopeImpl scope) {
            wrapListeners(scope);
            for (ActivityImpl activity : scope.getActivities()) {
                activity.getOutgoingTransitions().forEach(t -> wrapListeners((TransitionImpl) t));
                wrapScope(activity);
            }
        }

        private static void wrapListeners(CoreModelElement element) {
            element.getListeners().values().forEach(listeners -> listeners.replaceAll(Unauthorized::wrapped));
            element.getBuiltInListeners().values().forEach(listeners -> listeners.replaceAll(Unauthorized::wrapped));
        }

        private static DelegateListener<? extends BaseDelegateExecution> wrapped(
                DelegateListener<? extends BaseDelegateExecution> listener) {
            if (!listener.getClass().getName().startsWith(ElementCoverageParseListener.class.getName())) {
                return listener;
            }
            ExecutionListener coverage = (ExecutionListener) listener;
            return (ExecutionListener) execution -> Context.getCommandContext().runWithoutAuthorization(() -> {
                coverage.notify(execution);
                return null;
            });
        }
    }
}
