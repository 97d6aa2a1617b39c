package vn.hanoi.lgsp.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** where the calendar comes from and when a working day ends are settings, bound as Spring Boot binds them. */
class CalendarSettingsTest {

    @Test
    void defaultsToTheBuiltInCalendarAndFivePm() {
        CalendarSettings settings = bind(Map.of());

        assertThat(settings.file()).isNull();
        assertThat(settings.closeOfBusiness()).isEqualTo(LocalTime.of(17, 0));
    }

    @Test
    void takesAFilePathAndAClosingTime() {
        CalendarSettings settings = bind(Map.of(
                "lgsp.calendar.file", "/etc/lgsp/vn-working-calendar.json",
                "lgsp.calendar.close-of-business", "16:30"));

        assertThat(settings.file()).isEqualTo(Path.of("/etc/lgsp/vn-working-calendar.json"));
        assertThat(settings.closeOfBusiness()).isEqualTo(LocalTime.of(16, 30));
    }

    private static CalendarSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("lgsp.calendar", CalendarSettings.class);
    }
}
