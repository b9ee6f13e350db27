package org.ebl4j.structured.crf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class FeatureTemplatesTest {
    private static final String[][] TOKENS = {{"He", "PRP"}, {"reckons", "VBZ"}, {"the", "DT"}};

    @Test
    void expandsMacrosWithCrfPlusPlusBoundaryNames() {
        FeatureTemplates t = FeatureTemplates.parse("# Unigram\nU00:%x[-2,0]\nU05:%x[-1,0]/%x[0,0]\n\n"
                + "U17:%x[0,1]/%x[1,1]\nU22:%x[1,1]/%x[2,1]\n# Bigram\nB\nB01:%x[0,1]\n", "t");
        List<FeatureTemplate> all = t.templates();
        assertEquals(6, all.size());
        assertEquals("U00:_B-2", all.get(0).expand(TOKENS, 0));
        assertEquals("U00:He", all.get(0).expand(TOKENS, 2));
        assertEquals("U05:_B-1/He", all.get(1).expand(TOKENS, 0));
        assertEquals("U17:VBZ/DT", all.get(2).expand(TOKENS, 1));
        assertEquals("U22:_B+1/_B+2", all.get(3).expand(TOKENS, 2));
        assertEquals("B", all.get(4).expand(TOKENS, 1));
        assertEquals(FeatureTemplate.Kind.BIGRAM, all.get(5).kind());
        assertEquals("B01:DT", all.get(5).expand(TOKENS, 2));
        assertEquals(1, t.maxColumn());
        assertEquals(t.text(), FeatureTemplates.parse(t.text(), "again").text());
    }

    @Test
    void badTemplatesGiveErrorsNamingTheLine() {
        assertEquals("t:2: template 'X01:%x[0,0]' must start with U (unigram) or B (bigram)",
                error("U00:%x[0,0]\nX01:%x[0,0]\n"));
        String macro = ": expected %x[row,col] with an integer row and an integer column >= 0";
        assertEquals("t:1: bad macro at character 5 of 'U01:%x[0]'" + macro, error("U01:%x[0]"));
        assertEquals("t:1: bad macro at character 5 of 'U01:%x[a,0]'" + macro, error("U01:%x[a,0]"));
        assertEquals("t:1: bad macro at character 5 of 'U01:%x[0,0'" + macro, error("U01:%x[0,0"));
        assertEquals("t:1: bad macro at character 5 of 'U01:%y[0,0]'" + macro, error("U01:%y[0,0]"));
        assertEquals("t:1: bad macro at character 5 of 'U01:%x[0,-1]'" + macro, error("U01:%x[0,-1]"));
        assertEquals("t: no template lines (expected lines starting with U or B)", error("# nothing\n\n"));
        // a column the data does not have is caught when the dictionaries are built
        FeatureTemplates t = FeatureTemplates.parse("U00:%x[0,2]", "t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSpace.build(t,
                List.of(new Sequence(TOKENS, new String[] {"B-NP", "B-VP", "B-NP"}))));
        assertEquals("template 'U00:%x[0,2]' reads column 2 but the tokens have 2 observation column(s) (0..1)",
                e.getMessage());
    }

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> FeatureTemplates.parse(text, "t")).getMessage();
    }
}
