package io.gridlet.samples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlet.samples.rest.GuideBlocks.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every block of the user guide says how the build checks it, and copied code matches its source. */
class GuideTest {

    private final GuideBlocks guide;

    GuideTest() throws Exception {
        guide = GuideBlocks.read();
    }

    @Test
    void everyBlockCarriesAMarker() {
        assertThat(guide.blocks()).hasSizeGreaterThan(10);
        assertThat(guide.blocks()).allSatisfy(block -> assertThat(block.marker())
                .as("docs/guide.md line %d: a block needs <!-- run: demo -->, <!-- source: FILE --> or "
                        + "<!-- not run: REASON --> on the line before it", block.line())
                .isNotNull());
        assertThat(guide.blocks()).filteredOn(Block::runs).allSatisfy(block -> assertThat(block.language())
                .as("docs/guide.md line %d: run blocks are bash", block.line()).isEqualTo("bash"));
    }

    @Test
    void copiedCodeIsInItsSourceLineByLineInOrder() throws Exception {
        List<Block> copies = guide.blocks().stream().filter(block -> block.source() != null).toList();
        assertThat(copies).hasSizeGreaterThanOrEqualTo(5);
        assertCopied(copies);
    }

    @Test
    void theReadmesJavaIsCopiedFromSourceTheBuildCompiles() throws Exception {
        List<Block> java = GuideBlocks.read(GuideBlocks.README).blocks().stream()
                .filter(block -> block.language().equals("java")).toList();
        assertThat(java).isNotEmpty().allSatisfy(block -> assertThat(block.source())
                .as("README.md line %d: a Java block needs <!-- source: FILE --> on the line before it", block.line())
                .isNotNull());
        assertCopied(java);
    }

    private static void assertCopied(List<Block> copies) throws Exception {
        for (Block copy : copies) {
            Path source = GuideBlocks.ROOT.resolve(copy.source());
            assertThat(source).as("docs/guide.md line %d", copy.line()).isRegularFile();
            List<String> sourceLines = Files.readAllLines(source).stream().map(String::trim).toList();
            int at = 0;
            for (String line : copy.text().lines().map(String::trim).filter(line -> !line.isEmpty()).toList()) {
                int found = sourceLines.subList(at, sourceLines.size()).indexOf(line);
                assertThat(found).as("docs/guide.md line %d: '%s' is not in %s (after line %d)", copy.line(), line,
                        copy.source(), at).isNotNegative();
                at += found + 1;
            }
        }
    }

    @Test
    void theDemoScriptHoldsEveryRunBlockInOrder() {
        String script = guide.demoScript();
        assertThat(script).startsWith("set -euo pipefail");
        int last = -1;
        for (Block block : guide.blocks().stream().filter(Block::runs).toList()) {
            int at = script.indexOf(block.text());
            assertThat(at).as("docs/guide.md line %d", block.line()).isGreaterThan(last);
            last = at;
        }
        assertThat(last).as("at least one block runs against the demo").isPositive();
    }
}
