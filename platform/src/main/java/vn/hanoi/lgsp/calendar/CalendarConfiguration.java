package vn.hanoi.lgsp.calendar;

import java.time.LocalDate;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The working-day calendar and its expression bean. The file is read and checked while the context starts, so
 * a broken edit stops the platform with the bad entry named instead of producing wrong deadlines later.
 */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CalendarConfiguration.class);

    @Bean
    WorkingDayCalendar workingDayCalendar(CalendarSettings settings) {
        CalendarFile file = new CalendarFileReader().read(settings.file());
        LocalDate today = LocalDate.now(WorkingDayCalendar.VIETNAM);
        file.requireCovers(today);
        log.info("Working-day calendar {} (version {}): {}", file.origin(), file.version(), file.years().stream()
                .map(y -> y.year() + (y.provisional() ? " (provisional)" : ""))
                .collect(Collectors.joining(", ")));
        if (file.lastYear() == today.getYear()) {
            // deadlines set late in the year already reach into the next one
            log.warn("Working-day calendar {} ends with {}: deadlines in {} will fail until DOST adds that year",
                    file.origin(), file.lastYear(), file.lastYear() + 1);
        }
        return new WorkingDayCalendar(file, settings.closeOfBusiness());
    }

    /** Named for BPMN expressions: {@code ${workingDays.after(5)}}. */
    @Bean
    WorkingDays workingDays(WorkingDayCalendar calendar) {
        return new WorkingDays(calendar, () -> ClockUtil.getCurrentTime().toInstant());
    }
}
