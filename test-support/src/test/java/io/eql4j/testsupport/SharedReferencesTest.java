package io.eql4j.testsupport;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedReferencesTest {

    private static final Path MISSING = Path.of("no-such-shared-directory-" + 1234567);

    @Test
    void missingReferencesFailUnderCi() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SharedReferences.requireExists(MISSING, true));
        assertTrue(e.getMessage().contains("under CI (CI=true) a test that needs them fails instead of skipping"));
    }

    @Test
    void missingReferencesSkipWithOneLineOtherwise() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> SharedReferences.requireExists(MISSING, false));
        assertTrue(e.getMessage().contains("skipped: shared references not found at "));
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void presentReferencesPass() {
        assertDoesNotThrow(() -> SharedReferences.requireExists(Path.of("."), true));
    }

    @Test
    void seededFailuresNameTheSeed() {
        AssertionError e = assertThrows(AssertionError.class, () -> Seeded.check("p", 50, r -> {
            if (r.nextInt(5) == 0) {
                throw new AssertionError("boom");
            }
        }));
        String message = e.getMessage();
        long seed = Long.parseLong(message.replaceAll(".*with seed (-?\\d+);.*", "$1"));
        assertTrue(message.contains("replay with -Deql4j.seed=" + seed));
        // the seed replays the failing try: its random gives the same first draw
        assertEquals(0, new Random(seed).nextInt(5));
    }
}
