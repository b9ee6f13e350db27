package org.ebl4j.structured.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.ebl4j.structured.eval.ChunkEvaluation.Chunk;
import org.junit.jupiter.api.Test;

/** conlleval's chunking rules and scores on hand-made examples. */
class ChunkEvaluationTest {
    @Test
    void chunksFollowConllevalRules() {
        assertEquals(List.of(new Chunk(0, 1, "NP"), new Chunk(2, 2, "VP"), new Chunk(4, 5, "NP")),
                ChunkEvaluation.chunks(new String[] {"B-NP", "I-NP", "B-VP", "O", "B-NP", "I-NP"}));
        // IOB1: I after O starts a chunk; a type change starts a chunk; B after I of the same type splits
        assertEquals(List.of(new Chunk(0, 0, "NP"), new Chunk(1, 2, "VP"), new Chunk(3, 3, "VP")),
                ChunkEvaluation.chunks(new String[] {"I-NP", "I-VP", "I-VP", "B-VP"}));
        assertEquals(List.of(new Chunk(1, 1, "PP")), ChunkEvaluation.chunks(new String[] {"O", "I-PP", "O"}));
        assertEquals(List.of(), ChunkEvaluation.chunks(new String[] {"O", "O"}));
    }

    @Test
    void precisionRecallF1AndAccuracy() {
        ChunkEvaluation e = new ChunkEvaluation();
        // gold: [NP 0-1] [VP 2] [NP 3-4]; guess: [NP 0-1] [VP 2-3] [NP 4]: one chunk right of 3 guessed, 3 gold
        e.add(new String[] {"B-NP", "I-NP", "B-VP", "B-NP", "I-NP"},
                new String[] {"B-NP", "I-NP", "B-VP", "I-VP", "B-NP"});
        assertEquals(1.0 / 3, e.precision(), 1e-15);
        assertEquals(1.0 / 3, e.recall(), 1e-15);
        assertEquals(3.0 / 5, e.accuracy(), 1e-15);
        // second sentence: gold [PP 0] [NP 1]; guess [PP 0] only: 2 right of 4 guessed, of 5 gold
        e.add(new String[] {"B-PP", "B-NP"}, new String[] {"B-PP", "O"});
        assertEquals(2.0 / 4, e.precision(), 1e-15);
        assertEquals(2.0 / 5, e.recall(), 1e-15);
        assertEquals(2 * 0.5 * 0.4 / 0.9, e.f1(), 1e-15);
        assertEquals(4.0 / 7, e.accuracy(), 1e-15);
        assertEquals(5, e.goldChunks());
        assertEquals(4, e.guessedChunks());
        assertEquals(2, e.correctChunks());
        assertEquals(0, new ChunkEvaluation().f1());
    }
}
