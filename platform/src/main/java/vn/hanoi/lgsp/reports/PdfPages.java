package vn.hanoi.lgsp.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * An A4 document written line by line, with the platform's Vietnamese font embedded so that
 * diacritics survive any reader ({@link ReportSettings}); a new page when one is full, long text
 * wrapped. Every PDF the platform hands out is written with it.
 */
public final class PdfPages implements AutoCloseable {

    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private final PDDocument document = new PDDocument();
    private final PDType0Font regular;
    private final PDType0Font bold;
    private PDPageContentStream stream;
    private float y;

    public PdfPages(ReportSettings fonts, String title, String author) {
        try {
            regular = PDType0Font.load(document, Files.newInputStream(fonts.font()), true);
            bold = Files.exists(fonts.boldFont()) ? PDType0Font.load(document, Files.newInputStream(fonts.boldFont()), true)
                    : regular;
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title);
            info.setAuthor(author);
            newPage();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start a PDF (font " + fonts.font() + ")", e);
        }
    }

    public PdfPages gap(float points) {
        y -= points;
        return this;
    }

    /** A line of text in the regular or the bold face; wraps at the margin. */
    public PdfPages line(boolean strong, float size, String text) {
        PDType0Font font = strong ? bold : regular;
        for (String part : wrap(font, size, text, WIDTH)) {
            write(font, size, MARGIN, part);
            y -= size * 1.45f;
        }
        return this;
    }

    /**
     * A label and its value in columns: the value starts {@code labelWidth} points in and wraps
     * within its column. A label that starts with a space is a sub-item, in the regular face.
     */
    public PdfPages row(String label, String value, float labelWidth, float size) {
        float valueX = MARGIN + labelWidth;
        List<String> labels = wrap(label.startsWith(" ") ? regular : bold, size, label, labelWidth - 8);
        List<String> values = wrap(regular, size, value, PDRectangle.A4.getWidth() - MARGIN - valueX);
        for (int i = 0; i < Math.max(labels.size(), values.size()); i++) {
            if (i < labels.size()) {
                write(label.startsWith(" ") ? regular : bold, size, MARGIN, labels.get(i));
            }
            if (i < values.size()) {
                write(regular, size, valueX, values.get(i));
            }
            y -= size * 1.43f;
        }
        y -= 2;
        return this;
    }

    /** The finished document's bytes. */
    public byte[] toBytes() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            stream.close();
            stream = null;
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PDF", e);
        }
    }

    @Override
    public void close() {
        try {
            if (stream != null) {
                stream.close();
            }
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void newPage() throws IOException {
        if (stream != null) {
            stream.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        stream = new PDPageContentStream(document, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void write(PDType0Font font, float size, float x, String text) {
        text = printable(font, text);
        try {
            if (y < MARGIN) {
                newPage();
            }
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, y);
            stream.showText(text);
            stream.endText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PDF", e);
        }
    }

    /**
     * The text as the font can print it: text from outside (an agency's purpose, a name) may hold
     * characters the font has no glyph for, or invisible direction marks; each becomes "?" rather
     * than failing the whole document.
     */
    static String printable(PDType0Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            String one = new String(Character.toChars(c));
            boolean format = Character.getType(c) == Character.FORMAT || Character.isISOControl(c);
            boolean printable = !format;
            if (printable) {
                try {
                    font.encode(one);
                } catch (IllegalArgumentException | IOException e) {
                    printable = false;
                }
            }
            out.append(printable ? one : "?");
        });
        return out.toString();
    }

    private static List<String> wrap(PDType0Font font, float size, String text, float width) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (widthOf(font, size, candidate) > width && !current.isEmpty()) {
                lines.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        lines.add(current.toString());
        return lines;
    }

    private static float widthOf(PDType0Font font, float size, String text) {
        try {
            return font.getStringWidth(printable(font, text)) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
