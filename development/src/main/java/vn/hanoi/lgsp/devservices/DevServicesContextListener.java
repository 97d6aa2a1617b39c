package vn.hanoi.lgsp.devservices;

import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * Lets the servers outlive every context that uses them, so contexts close cleanly at exit;
 * and stops them when the platform fails to start, instead of leaving them running behind
 * a JVM that lingers on its non-daemon threads.
 */
public class DevServicesContextListener implements ApplicationListener<ApplicationEvent> {

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationPreparedEvent prepared) {
            DevServices.current().ifPresent(s -> s.registerDependent(prepared.getApplicationContext()));
        } else if (event instanceof ApplicationFailedEvent) {
            DevServices.current().ifPresent(DevServices::stopAfterFailedStart);
        }
    }
}
