package dev.rill.server.config;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigParserTest {
    private static final Path NAME = Path.of("conf", "x.conf");

    private static Directive parse(String text) {
        return ConfigParser.parseText(text, NAME);
    }

    @Test
    void buildsTreeWithFileAndLine() {
        Directive root = parse("""
                listen 1935 19350;
                # a comment
                vhost a.com {
                    play {
                        gop_cache off; # trailing comment
                    }
                }
                """);
        assertThat(root.children()).extracting(Directive::name).containsExactly("listen", "vhost");
        Directive listen = root.get("listen");
        assertThat(listen.args()).containsExactly("1935", "19350");
        assertThat(listen.where()).isEqualTo("conf/x.conf:1");
        assertThat(listen.isBlock()).isFalse();
        Directive vhost = root.get("vhost");
        assertThat(vhost.arg0()).isEqualTo("a.com");
        assertThat(vhost.isBlock()).isTrue();
        assertThat(vhost.line()).isEqualTo(3);
        Directive gop = vhost.get("play").get("gop_cache");
        assertThat(gop.args()).containsExactly("off");
        assertThat(gop.line()).isEqualTo(5);
        assertThat(gop.file()).isEqualTo("conf/x.conf");
    }

    @Test
    void helpersFindChildren() {
        Directive root = parse("listen 1; listen 2; pid p; empty {}");
        assertThat(root.getAll("listen")).extracting(Directive::arg0).containsExactly("1", "2");
        assertThat(root.get("listen").arg0()).isEqualTo("1");
        assertThat(root.get("missing")).isNull();
        assertThat(root.getAll("missing")).isEmpty();
        Directive empty = root.get("empty");
        assertThat(empty.isBlock()).isTrue();
        assertThat(empty.children()).isEmpty();
        assertThat(empty.arg0()).isEmpty();
    }

    static Stream<Arguments> quoting() {
        return Stream.of(
                Arguments.of("double quotes keep spaces", "a \"b c\";", List.of("b c")),
                Arguments.of("single quotes keep spaces", "a 'b c';", List.of("b c")),
                Arguments.of("quotes keep ; { } #", "a \"x;{}#y\" 'p;q';", List.of("x;{}#y", "p;q")),
                Arguments.of("other quote kind inside", "a \"it's\" '\"q\"';", List.of("it's", "\"q\"")),
                Arguments.of("empty quoted argument", "a \"\" z;", List.of("", "z")),
                Arguments.of("hash inside bare word", "a http://h/p#frag;", List.of("http://h/p#frag")),
                Arguments.of("newline inside quotes", "a \"l1\nl2\";", List.of("l1\nl2")),
                Arguments.of("tabs and CRLF", "a\tb\r\n\tc;\r\n", List.of("b", "c")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quoting")
    void quotingAndWords(String name, String text, List<String> args) {
        Directive root = parse(text);
        assertThat(root.children()).hasSize(1);
        assertThat(root.get("a").args()).containsExactlyElementsOf(args);
    }

    @Test
    void quotedWordKeepsItsStartLine() {
        Directive root = parse("\n\na \"x\ny\";\nb c;");
        assertThat(root.get("a").line()).isEqualTo(3);
        assertThat(root.get("b").line()).isEqualTo(5);
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("missing ; at end of file", "pid a;\nlisten 1935",
                        "conf/x.conf:2: expected ';' or '{' after 'listen 1935' but found end of file"),
                Arguments.of("missing ; before }", "vhost a {\n  enabled on\n}",
                        "conf/x.conf:2: expected ';' or '{' after 'enabled on' but found '}'"),
                Arguments.of("unterminated double quote", "a b;\nc \"d;\n",
                        "conf/x.conf:2: unterminated \" quote"),
                Arguments.of("unterminated single quote", "c 'd;", "conf/x.conf:1: unterminated ' quote"),
                Arguments.of("unexpected }", "a b;\n}\n", "conf/x.conf:2: unexpected '}' with no open block"),
                Arguments.of("missing } at end of file", "x;\nvhost a {\n play {\n }\n",
                        "conf/x.conf:2: missing '}' for 'vhost a' (block opened here) before end of file"),
                Arguments.of("empty directive", "a b;\n;\n", "conf/x.conf:2: empty directive"),
                Arguments.of("block without name", "{ a b; }", "conf/x.conf:1: '{' with no directive name"),
                Arguments.of("empty quoted name", "\"\" b;", "conf/x.conf:1: empty directive name"),
                Arguments.of("include without file", "include;", "conf/x.conf:1: include needs at least one file"),
                Arguments.of("include with block", "include a.conf { }", "conf/x.conf:1: include takes file names"),
                Arguments.of("include of missing file", "\ninclude nope.conf;",
                        "conf/x.conf:2: include nope.conf: no such file in the working directory "
                                + Path.of("").toAbsolutePath() + " nor next to conf/x.conf"),
                Arguments.of("nesting beyond limit", "a {".repeat(ConfigParser.MAX_BLOCK_DEPTH + 1),
                        "block nesting 33 exceeds limit 32"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void syntaxErrorsNameFileAndLine(String name, String text, String fragment) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(RillException.class)
                .hasMessageContaining(fragment)
                .satisfies(e -> assertThat(((RillException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }

    @Test
    void includeSplicesAtRootAndInBlocksRelativeToIncludingFile(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("conf/vhosts"));
        Files.writeString(dir.resolve("conf/main.conf"), """
                listen 1935;
                include vhosts/a.conf;
                vhost b.com {
                    include play.conf;
                    enabled on;
                }
                """);
        Files.writeString(dir.resolve("conf/vhosts/a.conf"), "vhost a.com {\n  include ../play.conf;\n}\n");
        Files.writeString(dir.resolve("conf/play.conf"), "# shared\nplay {\n    gop_cache off;\n}\n");

        Directive root = ConfigParser.parseFile(dir.resolve("conf/main.conf"));

        assertThat(root.children()).extracting(Directive::name).containsExactly("listen", "vhost", "vhost");
        Directive a = root.getAll("vhost").get(0);
        assertThat(a.arg0()).isEqualTo("a.com");
        assertThat(a.file()).endsWith("conf/vhosts/a.conf");
        Directive aGop = a.get("play").get("gop_cache");
        assertThat(aGop.file()).isEqualTo(dir.resolve("conf/play.conf").toString());
        assertThat(aGop.line()).isEqualTo(3);
        Directive b = root.getAll("vhost").get(1);
        assertThat(b.children()).extracting(Directive::name).containsExactly("play", "enabled");
        assertThat(b.get("enabled").line()).isEqualTo(5);
    }

    @Test
    void includeIsReadFromTheWorkingDirectoryFirstAsSrsDoes(@TempDir Path dir) throws IOException {
        // Tests run in the module directory: a directory under target/ is reachable from there.
        Path fromCwd = Files.createTempDirectory(Path.of("target"), "include-cwd");
        try {
            String name = fromCwd.resolve("v.conf").toString();
            Files.writeString(fromCwd.resolve("v.conf"), "pid from-working-dir;\n");
            Files.createDirectories(dir.resolve(fromCwd));
            Files.writeString(dir.resolve(name), "pid next-to-main;\n");
            Path main = dir.resolve("main.conf");
            Files.writeString(main, "include " + name + ";\n");
            List<String> warnings = new ArrayList<>();

            Directive root = ConfigParser.parseFile(main, warnings);

            assertThat(root.get("pid").arg0()).isEqualTo("from-working-dir");
            assertThat(warnings).containsExactly(main + ":1: include " + name + ": read "
                    + Path.of(name).toAbsolutePath() + " from the working directory, as SRS does, not "
                    + dir.resolve(name) + " next to " + main);

            Files.delete(fromCwd.resolve("v.conf"));
            warnings.clear();
            assertThat(ConfigParser.parseFile(main, warnings).get("pid").arg0()).isEqualTo("next-to-main");
            assertThat(warnings).singleElement().asString().contains("not in the working directory")
                    .endsWith("read " + dir.resolve(name) + " next to " + main);
        } finally {
            Files.deleteIfExists(fromCwd.resolve("v.conf"));
            Files.delete(fromCwd);
        }
    }

    @Test
    void includeTakesSeveralFilesAndTheSameFileTwice(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("one.conf"), "pid p1;");
        Files.writeString(dir.resolve("two.conf"), "pid p2;");
        Directive root = ConfigParser.parseText("include one.conf two.conf one.conf;", dir.resolve("m.conf"));
        assertThat(root.getAll("pid")).extracting(Directive::arg0).containsExactly("p1", "p2", "p1");
    }

    @Test
    void includeLoopIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.conf"), "pid x;\ninclude b.conf;\n");
        Files.writeString(dir.resolve("b.conf"), "vhost v {\n  include ./sub/../a.conf;\n}\n");
        Files.createDirectories(dir.resolve("sub"));
        assertThatThrownBy(() -> ConfigParser.parseFile(dir.resolve("a.conf")))
                .isInstanceOf(RillException.class)
                .hasMessageContaining("b.conf:2: include loop: a.conf -> b.conf -> a.conf");
    }

    @Test
    void fileIncludingItselfIsALoop(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("self.conf"), "include self.conf;");
        assertThatThrownBy(() -> ConfigParser.parseFile(dir.resolve("self.conf")))
                .hasMessageContaining("self.conf:1: include loop: self.conf -> self.conf");
    }

    @Test
    void missingTopFileIsAConfigError(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigParser.parseFile(dir.resolve("none.conf")))
                .isInstanceOf(RillException.class)
                .hasMessageContaining("cannot read config " + dir.resolve("none.conf"));
    }

    @Test
    void errorInsideIncludedFileNamesThatFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.conf"), "\n\nchunk_size 128\n");
        assertThatThrownBy(() -> ConfigParser.parseText("include bad.conf;", dir.resolve("m.conf")))
                .hasMessageContaining(dir.resolve("bad.conf") + ":3: expected ';' or '{' after 'chunk_size 128'");
    }
}
