package vn.hanoi.lgsp.identity;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What each Keycloak group may do in Camunda: which web app staff may open, which shared
 * Tasklist filters they see, and what the external-task workers may touch. Granted at
 * start-up, idempotently; Camunda admins already have everything.
 */
@Component
class CamundaAccess {

    static final String WORKERS_GROUP = "lgsp-workers";
    /**
     * Analysts deploy models from Camunda Modeler through engine REST with their own short-lived
     * token (the portal's deployment page shows it): deployment rights without being Camunda admins.
     */
    static final String ANALYSTS_GROUP = "process-analysts";

    static final Map<String, List<String>> APPLICATIONS = Map.of(
            "tasklist", List.of("dost-reviewers", "dost-leaders", "dost-operators", "supervisors", "agency-staff"),
            "cockpit", List.of("dost-operators", "dost-leaders", "supervisors"));

    /** Processes people start from Tasklist, and the staff groups that may. */
    static final Map<String, List<String>> STARTABLE_IN_TASKLIST = Map.of(
            "service-version-upgrade", List.of("agency-staff", "dost-operators"),
            "service-onboarding", List.of("agency-staff"));

    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final RepositoryService repository;
    private final WorkerTopics workerTopics;

    CamundaAccess(AuthorizationService authorizations, FilterService filters, RepositoryService repository,
                  WorkerTopics workerTopics) {
        this.authorizations = authorizations;
        this.filters = filters;
        this.repository = repository;
        this.workerTopics = workerTopics;
    }

    @EventListener(ApplicationReadyEvent.class)
    void grant() {
        APPLICATIONS.forEach((application, groups) ->
                groups.forEach(group -> grant(group, Resources.APPLICATION, application, Permissions.ACCESS)));
        List<String> taskGroups = APPLICATIONS.get("tasklist");
        for (Filter filter : filters.createFilterQuery().list()) {
            taskGroups.forEach(group -> grant(group, Resources.FILTER, filter.getId(), Permissions.READ));
        }
        // Tasklist shows a task's deployed Camunda Form only to those who may read its process
        taskGroups.forEach(group -> grant(group, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ));
        // who may start which process from Tasklist's "Start process": the start form's own listener
        // then checks the user's agency against what is submitted
        STARTABLE_IN_TASKLIST.forEach((processKey, groups) -> groups.forEach(group -> {
            grant(group, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
            grant(group, Resources.PROCESS_DEFINITION, processKey, ProcessDefinitionPermissions.CREATE_INSTANCE);
        }));
        grantWorkers();
        grant(ANALYSTS_GROUP, Resources.DEPLOYMENT, Authorization.ANY, Permissions.CREATE, Permissions.READ);
        grant(ANALYSTS_GROUP, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
        grant(ANALYSTS_GROUP, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
    }

    /**
     * The workers fetch and complete external tasks, and only of the processes that have one of
     * their topics: READ_INSTANCE/UPDATE_INSTANCE on those definitions, nothing on any other
     * process (least privilege). Which calls they may make at all is {@link WorkerEngineAccess}.
     */
    private void grantWorkers() {
        // grants of earlier releases, on every process
        authorizations.createAuthorizationQuery().groupIdIn(WORKERS_GROUP).list().stream()
                .filter(a -> Authorization.ANY.equals(a.getResourceId()))
                .forEach(a -> authorizations.deleteAuthorization(a.getId()));
        for (String processKey : workerTopics.processesServed(repository)) {
            grant(WORKERS_GROUP, Resources.PROCESS_DEFINITION, processKey, Permissions.READ,
                    ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE);
        }
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        boolean exists = authorizations.createAuthorizationQuery()
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).count() > 0;
        if (exists) {
            return;
        }
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(group);
        grant.setResource(resource);
        grant.setResourceId(resourceId);
        for (Permission permission : permissions) {
            grant.addPermission(permission);
        }
        authorizations.saveAuthorization(grant);
    }
}
