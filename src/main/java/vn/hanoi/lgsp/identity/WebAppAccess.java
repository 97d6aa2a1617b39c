package vn.hanoi.lgsp.identity;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which staff groups may open which Camunda web app, and see the shared Tasklist filters.
 * Granted at start-up, idempotently; Camunda admins already have everything.
 */
@Component
class WebAppAccess {

    static final Map<String, List<String>> APPLICATIONS = Map.of(
            "tasklist", List.of("dost-reviewers", "dost-operators", "supervisors", "agency-staff"),
            "cockpit", List.of("dost-operators", "supervisors"));

    private final AuthorizationService authorizations;
    private final FilterService filters;

    WebAppAccess(AuthorizationService authorizations, FilterService filters) {
        this.authorizations = authorizations;
        this.filters = filters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void grant() {
        APPLICATIONS.forEach((application, groups) ->
                groups.forEach(group -> grant(group, Resources.APPLICATION, application)));
        List<String> taskGroups = APPLICATIONS.get("tasklist");
        for (Filter filter : filters.createFilterQuery().list()) {
            taskGroups.forEach(group -> grant(group, Resources.FILTER, filter.getId()));
        }
    }

    private void grant(String group, Resource resource, String resourceId) {
        boolean exists = authorizations.createAuthorizationQuery()
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).count() > 0;
        if (exists) {
            return;
        }
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(group);
        grant.setResource(resource);
        grant.setResourceId(resourceId);
        grant.addPermission(resource == Resources.APPLICATION ? Permissions.ACCESS : Permissions.READ);
        authorizations.saveAuthorization(grant);
    }
}
