package vn.hanoi.lgsp.portal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Vietnamese text as a search compares it: without tone and vowel marks, đ as d, lower case,
 * single spaces, so "ho tich", "Hộ tịch" and "HỘ  TỊCH" are one query.
 */
final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SearchText() {
    }

    static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String bare = MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
        return SPACES.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** Every word of the query appears somewhere in the text. */
    static boolean matches(String query, String... texts) {
        String folded = fold(query);
        if (folded.isEmpty()) {
            return true;
        }
        StringBuilder haystack = new StringBuilder();
        for (String text : texts) {
            haystack.append(' ').append(fold(text));
        }
        for (String word : folded.split(" ")) {
            if (haystack.indexOf(word) < 0) {
                return false;
            }
        }
        return true;
    }
}
