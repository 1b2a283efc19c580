package dev.tollgate.impl.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayTextTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "Alice's app", "Café Crème", "日本語のアプリ", "Ünïcødé — “quoted” & <b>escaped</b> later",
        "می\u200Cخواهم", // Persian with ZERO WIDTH NON-JOINER
        "Family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", // emoji joined by ZERO WIDTH JOINER
        "עברית app", // right-to-left letters themselves are fine: only the formatting characters are refused
    })
    void textPeopleWriteIsSafe(String text) {
        assertTrue(DisplayText.isSafe(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "nul\u0000", "tab\t", "line\nfeed", "esc\u001B[31m", "del\u007F", "c1\u0085",
        "Trojan \u202Enigeb", "lre\u202A", "rlo\u202E", "lri\u2066", "pdi\u2069", "lrm\u200E", "rlm\u200F",
        "alm\u061C", "zero\u200Bwidth", "soft\u00ADhyphen", "word\u2060joiner", "bom\uFEFF",
        "tag\uDB40\uDC41", "line\u2028separator", "paragraph\u2029separator", "lone\uD800surrogate",
        "private\uE000use", "unassigned\u0378"})
    void controlBidiAndInvisibleCharactersAreRefused(String text) {
        assertFalse(DisplayText.isSafe(text), text);
    }

    @Test
    void theFirstRefusedCodePointIsNamed() {
        assertEquals(Optional.of("U+202E"), DisplayText.firstUnsafe("Pay\u202Elapyap\u0000"));
        assertEquals(Optional.of("U+E0041"), DisplayText.firstUnsafe("x\uDB40\uDC41"));
        assertEquals(Optional.empty(), DisplayText.firstUnsafe("fine"));
    }
}
