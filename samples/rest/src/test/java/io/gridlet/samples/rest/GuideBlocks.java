package io.gridlet.samples.rest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced blocks of {@code docs/guide.md}, each with the marker on the line before it:
 * {@code <!-- run: demo -->}, {@code <!-- source: FILE -->} or {@code <!-- not run: REASON -->}.
 */
record GuideBlocks(List<Block> blocks) {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    static final Path GUIDE = ROOT.resolve("docs/guide.md");
    static final Path README = ROOT.resolve("README.md");

    private static final Pattern MARKER = Pattern.compile("<!-- (run: demo|source: (\\S+)|not run: (.+)) -->");

    /** One block; {@code marker} is null when the line before the fence is not a marker. */
    record Block(int line, String language, String marker, String source, String text) {

        boolean runs() {
            return "run: demo".equals(marker);
        }
    }

    static GuideBlocks read() throws IOException {
        return read(GUIDE);
    }

    /** The fenced blocks of a Markdown file; a fence may be indented, as in a list. */
    static GuideBlocks read(Path markdown) throws IOException {
        List<String> lines = Files.readAllLines(markdown).stream().map(String::stripLeading).toList();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("```")) {
                continue;
            }
            int open = i;
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            Matcher marker = open > 0 ? MARKER.matcher(lines.get(open - 1).trim()) : null;
            boolean marked = marker != null && marker.matches();
            blocks.add(new Block(open + 1, lines.get(open).substring(3).trim(), marked ? marker.group(1) : null,
                    marked ? marker.group(2) : null, text.toString()));
        }
        return new GuideBlocks(List.copyOf(blocks));
    }

    /** The {@code run: demo} blocks, in order, as one script that stops at the first failure. */
    String demoScript() {
        StringBuilder script = new StringBuilder("set -euo pipefail\ncd '" + ROOT + "'\n");
        for (Block block : blocks) {
            if (block.runs()) {
                script.append("echo '== docs/guide.md line ").append(block.line()).append("'\n").append(block.text());
            }
        }
        return script.toString();
    }
}
