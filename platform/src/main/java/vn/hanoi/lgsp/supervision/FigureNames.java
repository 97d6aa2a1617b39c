package vn.hanoi.lgsp.supervision;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import vn.hanoi.lgsp.agency.AgencyQueries;
import vn.hanoi.lgsp.catalog.ServiceCatalog;
import vn.hanoi.lgsp.catalog.SharedService;
import vn.hanoi.lgsp.monitoring.TransactionFigures;

/** Names for the codes a set of figures carries: supervisors read names, with codes on hover. */
@Component
class FigureNames {

    /** Code → name; a code with no name (a made-up or closed agency) is left out, and shown as it is. */
    record Names(Map<String, String> agencies, Map<String, String> services) {
    }

    private final AgencyQueries agencies;
    private final ServiceCatalog catalog;

    FigureNames(AgencyQueries agencies, ServiceCatalog catalog) {
        this.agencies = agencies;
        this.catalog = catalog;
    }

    Names of(TransactionFigures.Overview figures, String agency) {
        Set<String> agencyCodes = new HashSet<>();
        Stream.of(figures.byAgency(), figures.gatewayByConsumer()).flatMap(Collection::stream)
                .forEach(o -> agencyCodes.add(o.key()));
        if (agency != null) {
            agencyCodes.add(agency);
        }
        Map<String, String> services = new LinkedHashMap<>();
        figures.gatewayByService().forEach(o -> catalog.find(o.key()).map(SharedService::name)
                .ifPresent(name -> services.put(o.key(), name)));
        return new Names(agencies.names(agencyCodes), services);
    }
}
