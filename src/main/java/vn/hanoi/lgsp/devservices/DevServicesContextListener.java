package vn.hanoi.lgsp.devservices;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/** Lets the servers outlive every context that uses them, so contexts close cleanly at exit. */
public class DevServicesContextListener implements ApplicationListener<ApplicationPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        DevServices.current().ifPresent(s -> s.registerDependent(event.getApplicationContext()));
    }
}
