package dev.tollgate.impl.server.store;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Text that a client gives and a person reads: its name on the consent page, in listings and in the console. Such
 * text must not carry characters that change how it, or the text around it, is shown. Refused:
 * <ul>
 *   <li>controls (Unicode {@code Cc}: NUL, line feed, escape, C1 controls), line and paragraph separators
 *       ({@code Zl}, {@code Zp});</li>
 *   <li>format characters ({@code Cf}): the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 *       U+2066–U+2069) and marks (U+200E, U+200F, U+061C) that reorder a name ("Trojan Source", CVE-2021-42574),
 *       and the invisible ones (zero-width space, soft hyphen, word joiner, byte order mark, tag characters) that
 *       make two names look alike. Only ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER (U+200C, U+200D) are kept:
 *       Persian and Indic words and emoji sequences need them;</li>
 *   <li>lone surrogates, private-use and unassigned code points, which no reader can check.</li>
 * </ul>
 *
 * @see <a href="https://www.unicode.org/reports/tr36/">Unicode TR 36, security considerations</a>
 */
public final class DisplayText {

    private DisplayText() {
    }

    /** Whether {@code text} may be shown to a person as it is. */
    public static boolean isSafe(String text) {
        return firstUnsafe(text).isEmpty();
    }

    /** The first refused code point, as {@code U+XXXX}, for an error message; empty when the text is safe. */
    public static Optional<String> firstUnsafe(String text) {
        OptionalInt first = text.codePoints().filter(DisplayText::refused).findFirst();
        return first.isPresent() ? Optional.of(String.format("U+%04X", first.getAsInt())) : Optional.empty();
    }

    private static boolean refused(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE,
                 Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            case Character.FORMAT -> codePoint != 0x200C && codePoint != 0x200D;
            default -> false;
        };
    }
}
