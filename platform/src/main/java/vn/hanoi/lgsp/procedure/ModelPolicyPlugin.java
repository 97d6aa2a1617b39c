package vn.hanoi.lgsp.procedure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import vn.hanoi.lgsp.workercontract.ProcedureBlocks;

/**
 * Puts {@link ModelPolicy} inside the engine, so that every way of deploying — engine REST from
 * Camunda Modeler, the web apps, a redeploy, the Java API — goes through it:
 * <ul>
 *   <li>before the engine's own deployers, a deployment made by a person (an authenticated user)
 *       is checked and refused whole with every problem named; the platform's own start-up
 *       deployment has no user;</li>
 *   <li>after them, what was accepted is registered for review (test first, then production);</li>
 *   <li>while a procedure's model is parsed, the platform adds its own listeners: the case's
 *       start and end, and who does each staff step.</li>
 * </ul>
 */
final class ModelPolicyPlugin extends AbstractProcessEnginePlugin {

    private final Supplier<ModelPolicy> policy;
    private final Supplier<ModelReleases> releases;
    private final Supplier<CaseSteps> cases;

    ModelPolicyPlugin(Supplier<ModelPolicy> policy, Supplier<ModelReleases> releases, Supplier<CaseSteps> cases) {
        this.policy = policy;
        this.releases = releases;
        this.cases = cases;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreDeployers() == null) {
            configuration.setCustomPreDeployers(new ArrayList<>());
        }
        configuration.getCustomPreDeployers().add(this::check);
        if (configuration.getCustomPostDeployers() == null) {
            configuration.setCustomPostDeployers(new ArrayList<>());
        }
        configuration.getCustomPostDeployers().add(this::register);
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new ProcedureParseListener());
    }

    /**
     * The resources of a deployment a person made; none for the platform's own code (its start-up
     * deployment has no user: engine REST and the web apps always act as one).
     */
    private static Map<String, byte[]> broughtByPerson(DeploymentEntity deployment) {
        CommandContext command = Context.getCommandContext();
        if (!deployment.isNew() || command == null || command.getAuthenticatedUserId() == null) {
            return Map.of();
        }
        Map<String, byte[]> resources = new LinkedHashMap<>();
        deployment.getResources().forEach((name, resource) -> resources.put(name, resource.getBytes()));
        return resources;
    }

    private void check(DeploymentEntity deployment) {
        Map<String, byte[]> resources = broughtByPerson(deployment);
        if (resources.isEmpty()) {
            return;
        }
        List<ModelPolicy.Problem> problems = new ArrayList<>(policy.get().check(resources));
        if (deployment.getTenantId() != null) {
            // a platform key under a tenant would make the key ambiguous for every start by key
            problems.add(new ModelPolicy.Problem(deployment.getName(), null, null,
                    "deployments with a tenant id are not accepted; deploy without one"));
        }
        if (!problems.isEmpty()) {
            throw refused(problems);
        }
    }

    private void register(DeploymentEntity deployment) {
        Map<String, byte[]> resources = broughtByPerson(deployment);
        if (resources.isEmpty()) {
            return;
        }
        CommandContext command = Context.getCommandContext();
        String user = command.getAuthenticatedUserId();
        command.runWithoutAuthorization(() -> {
            releases.get().registered(deployment, resources, user);
            return null;
        });
    }

    /** Refused as a parse failure: engine REST answers 400 with each problem and its element, which Modeler shows. */
    static ParseException refused(List<ModelPolicy.Problem> problems) {
        List<Problem> errors = problems.stream().<Problem>map(p -> new Problem() {
            @Override
            public String getMessage() {
                return p.toString();
            }

            @Override
            public int getLine() {
                return 0;
            }

            @Override
            public int getColumn() {
                return 0;
            }

            @Override
            public String getMainElementId() {
                return p.elementId();
            }

            @Override
            public List<String> getElementIds() {
                return p.elementId() == null ? List.of() : List.of(p.elementId());
            }
        }).toList();
        String message = "The deployment was not accepted: " + String.join("; ",
                problems.stream().map(ModelPolicy.Problem::toString).toList());
        return new ParseException(message, problems.get(0).resource(), errors, List.of());
    }

    /** The platform's own listeners on procedures (models with an owning agency), added at parse time. */
    private final class ProcedureParseListener extends AbstractBpmnParseListener {

        @Override
        public void parseProcess(Element process, ProcessDefinitionEntity definition) {
            if (property(process, ProcedureBlocks.Properties.OWNER) == null) {
                return;
            }
            definition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
                    (ExecutionListener) execution -> cases.get().started(execution));
            definition.addBuiltInListener(ExecutionListener.EVENTNAME_END,
                    (ExecutionListener) execution -> cases.get().ended(execution));
        }

        @Override
        public void parseUserTask(Element task, ScopeImpl scope, ActivityImpl activity) {
            String agency = property(task, ProcedureBlocks.Properties.TASK_AGENCY);
            if (agency == null || !(activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior)) {
                return;
            }
            behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE,
                    t -> cases.get().staffStepCreated(t, agency));
            behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE,
                    t -> cases.get().staffStepEnded(t, "COMPLETED"));
            behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE,
                    t -> cases.get().staffStepEnded(t, "CANCELLED"));
        }

        private static String property(Element element, String name) {
            Element extensions = element.element("extensionElements");
            if (extensions == null) {
                return null;
            }
            Element properties = extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
            if (properties == null) {
                return null;
            }
            for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
                if (name.equals(property.attribute("name"))) {
                    String value = property.attribute("value");
                    return value == null ? null : value.strip();
                }
            }
            return null;
        }
    }
}
