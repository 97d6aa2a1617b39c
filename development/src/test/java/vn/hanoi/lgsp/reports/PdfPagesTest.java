package vn.hanoi.lgsp.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Text from outside the platform (an agency's declared purpose, an officer's name) reaches the
 * platform's PDFs: Vietnamese prints as it is; a character the font cannot draw, or an invisible
 * direction mark, prints as "?" instead of failing the citizen's or the supervisor's document.
 */
class PdfPagesTest {

    private static final ReportSettings FONTS = new ReportSettings(
            Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"));

    @Test
    void vietnamesePrintsAndWhatTheFontCannotDrawBecomesAQuestionMark() throws Exception {
        byte[] pdf;
        try (PdfPages pages = new PdfPages(FONTS, "Thử", "LGSP")) {
            pages.line(false, 10, "Mục đích: xác minh nhân thân 中 \u202Eabc");
            pages.row("Cán bộ", "Trần Thị Cán Bộ\u0007", 120, 10);
            pdf = pages.toBytes();
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Mục đích: xác minh nhân thân ? ?abc", "Trần Thị Cán Bộ?");
        }
    }
}
