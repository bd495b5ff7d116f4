package io.ftpflux.testkit.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the documentation's code examples compiled: a test marks each example with {@code // tag::name[]} and
 * {@code // end::name[]} lines, and the markdown quotes the region, without its indentation, in a {@code ```java}
 * block. The documentation tests compare the two. (ftp-core keeps a copy among its own tests: it does not depend on
 * the testkit, so that its tests run without Netty.)
 */
public final class DocSnippets {

    private static final Pattern TAG = Pattern.compile("\\s*// tag::([\\w-]+)\\[]\\s*");
    private static final Pattern JAVA_BLOCK = Pattern.compile("^```java\\n(.*?)\\n```$", Pattern.DOTALL | Pattern.MULTILINE);

    private DocSnippets() {
    }

    /**
     * Returns the tagged regions of a source file, in order, each without its common indentation.
     *
     * @param source the test source file
     * @return the regions
     * @throws IOException if the file cannot be read
     */
    public static List<String> taggedRegions(Path source) throws IOException {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        List<String> regions = new ArrayList<>();
        for (int start = 0; start < lines.size(); start++) {
            Matcher tag = TAG.matcher(lines.get(start));
            if (tag.matches()) {
                String endMarker = "// end::" + tag.group(1) + "[]";
                int end = start + 1;
                while (end < lines.size() && !lines.get(end).strip().equals(endMarker)) {
                    end++;
                }
                if (end == lines.size()) {
                    throw new IllegalStateException(source + ": tag " + tag.group(1) + " has no " + endMarker);
                }
                regions.add(String.join("\n", lines.subList(start + 1, end)).stripIndent());
            }
        }
        return regions;
    }

    /**
     * Returns the contents of a markdown file's {@code ```java} blocks, in order.
     *
     * @param markdown the markdown file
     * @return the blocks' contents
     * @throws IOException if the file cannot be read
     */
    public static List<String> javaBlocks(Path markdown) throws IOException {
        Matcher block = JAVA_BLOCK.matcher(Files.readString(markdown, StandardCharsets.UTF_8).replace("\r\n", "\n"));
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }
}
