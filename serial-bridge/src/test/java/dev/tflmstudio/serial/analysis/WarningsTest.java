package dev.tflmstudio.serial.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Board errors are listed by text, a few per kind, and counted past that: a million distinct ones stay small. */
class WarningsTest {
    @Test
    void theNumbersOfAnErrorMakeNoNewKind() {
        assertThat(Warnings.errorKind("Failed to allocate 1024 bytes (requested 12)"))
                .isEqualTo("Failed to allocate # bytes (requested #)");
        assertThat(Warnings.errorKind("a.cc:42 x != y (3 != 4)")).isEqualTo("a.cc:# x != y (# != #)");
    }

    @Test
    void theFirstTextsOfAKindAreListedAndTheRestCountedOnOneLine() {
        Warnings w = new Warnings();
        int told = 0;
        for (int i = 0; i < 1_000; i++) {
            if (w.error("Failed to allocate " + i + " bytes", i + 1) != null) {
                told++;
            }
            w.error("Failed to allocate 0 bytes", 5_000 + i);
        }
        assertThat(told).isEqualTo(Warnings.TEXTS_PER_KIND + 1);
        assertThat(w.list()).hasSize(Warnings.TEXTS_PER_KIND + 1);
        assertThat(w.list().get(0)).isEqualTo("the board printed an error (line 1): Failed to allocate 0 bytes"
                + " (and 1000 more like it)");
        assertThat(w.list().get(1)).isEqualTo("the board printed an error (line 2): Failed to allocate 1 bytes");
        assertThat(w.list().get(Warnings.TEXTS_PER_KIND)).isEqualTo("the board printed more than 20 different errors"
                + " like this; the others are only counted (the first, line 21): Failed to allocate 20 bytes"
                + " (and 979 more like it)");
    }

    /** {@code i} in letters only: each a different kind. */
    static String letters(int i) {
        StringBuilder s = new StringBuilder();
        do {
            s.append((char) ('a' + i % 26));
            i /= 26;
        } while (i > 0);
        return s.toString();
    }

    @Test
    void pastTheLastKindNewKindsAreCountedOnOneLine() {
        Warnings w = new Warnings();
        for (int i = 0; i < 100_000; i++) {
            w.error("Didn't find op for builtin opcode '" + letters(i) + "'", i + 1);
        }
        assertThat(w.list()).hasSize(Warnings.MAX_KINDS + 1);
        assertThat(w.list().get(Warnings.MAX_KINDS)).startsWith("the board printed errors of more than 100 kinds;")
                .endsWith("(and " + (100_000 - Warnings.MAX_KINDS - 1) + " more like it)");
    }
}
