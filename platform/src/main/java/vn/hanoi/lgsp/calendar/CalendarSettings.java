package vn.hanoi.lgsp.calendar;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;

/**
 * @param file            the working-day calendar DOST maintains (env {@code LGSP_CALENDAR_FILE}); unset, the
 *                        copy shipped in the application ({@code calendar/vn-working-calendar.json}) is used, so a
 *                        holiday announcement can be applied by editing a file and restarting, without a release
 * @param closeOfBusiness a deadline ends at this local time (Asia/Ho_Chi_Minh) of its last working day
 *                        (env {@code LGSP_CALENDAR_CLOSE_OF_BUSINESS}); 17:00 is when Hanoi's offices close
 */
@ConfigurationProperties("lgsp.calendar")
@Validated
public record CalendarSettings(
        Path file,
        @DefaultValue("17:00") @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) LocalTime closeOfBusiness) {
}
