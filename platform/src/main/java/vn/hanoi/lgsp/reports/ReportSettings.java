package vn.hanoi.lgsp.reports;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Periodic reports' PDFs.
 *
 * @param font     TrueType font of the reports' text (Debian's {@code fonts-dejavu-core})
 * @param boldFont its bold face
 */
@ConfigurationProperties("lgsp.reports")
@Validated
public record ReportSettings(
        @DefaultValue("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") @NotNull Path font,
        @DefaultValue("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf") @NotNull Path boldFont) {
}
