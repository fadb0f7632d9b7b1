package io.gridlet.management.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What {@code ./gridlet new} derives from a name, and the archetype plugin it runs. */
class NewCommandTest {

    @Test
    void itRunsTheArchetypePluginTheReactorBuildsTheArchetypeWith() throws Exception {
        Matcher version = Pattern.compile("<archetype.version>([^<]+)</archetype.version>")
                .matcher(Files.readString(Path.of("..", "pom.xml")));
        assertThat(version.find()).isTrue();
        assertThat(NewCommand.ARCHETYPE_PLUGIN_VERSION).isEqualTo(version.group(1));
    }

    @Test
    void classAndPackageNamesComeFromTheFunctionsName() {
        assertThat(NewCommand.className("orders.total-v2")).isEqualTo("OrdersTotalV2");
        assertThat(NewCommand.className("2fast")).isEqualTo("Fn2fast");
        assertThat(NewCommand.className("function")).isEqualTo("FunctionFn");
        assertThat(NewCommand.defaultPackage("orders.total-v2")).isEqualTo("com.example.orders.total_v2");
        assertThat(NewCommand.defaultPackage("class.9lives")).isEqualTo("com.example._class._9lives");
    }
}
