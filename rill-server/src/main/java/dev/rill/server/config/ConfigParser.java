package dev.rill.server.config;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.server.config.ConfigLexer.Kind;
import dev.rill.server.config.ConfigLexer.Token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the directive tree from SRS-syntax text (SRS {@code SrsConfDirective::parse_conf}):
 * {@code name args;}, {@code name args { ... }}, and {@code include FILE...;}, which at any level
 * splices the directives of each file in its place. A relative include path is read from the working
 * directory, as SRS reads it; when no such file is there, from the directory of the including file,
 * with a warning saying so (a warning also names the file used when both places have one). Fails
 * with {@link ErrorCode#CONFIG_INVALID} and a {@code file:line}.
 */
public final class ConfigParser {
    /** Name of the synthetic directive that holds the top-level directives. */
    public static final String ROOT_NAME = "";
    /** Deepest nesting of includes (file including file ...); default 16. */
    public static final int MAX_INCLUDE_DEPTH = 16;
    /** Deepest nesting of blocks within one tree; default 32 (SRS needs 4). */
    public static final int MAX_BLOCK_DEPTH = 32;
    /** Largest config file read, in bytes; default 4 MiB. */
    public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private static final String INCLUDE = "include";

    /** Absolute paths of the files being read, outermost first, for loop detection. */
    private final Deque<Path> including = new ArrayDeque<>();
    private final List<String> warnings;

    private ConfigParser(List<String> warnings) {
        this.warnings = warnings;
    }

    /** Reads and parses a config file and everything it includes. */
    public static Directive parseFile(Path file) {
        return parseFile(file, new ArrayList<>());
    }

    /** As {@link #parseFile(Path)}, adding {@code file:line: ...} warnings (how includes were found). */
    public static Directive parseFile(Path file, List<String> warnings) {
        ConfigParser parser = new ConfigParser(warnings);
        String text = parser.read(file, null);
        return parser.parseRoot(text, file);
    }

    /** Parses text as if read from {@code nameForMessages}, the including file of its includes. */
    public static Directive parseText(String text, Path nameForMessages) {
        return parseText(text, nameForMessages, new ArrayList<>());
    }

    /** As {@link #parseText(String, Path)}, adding warnings to {@code warnings}. */
    public static Directive parseText(String text, Path nameForMessages, List<String> warnings) {
        return new ConfigParser(warnings).parseRoot(text, nameForMessages);
    }

    private Directive parseRoot(String text, Path file) {
        List<Directive> top = parseFileText(text, file);
        return Directive.block(ROOT_NAME, List.of(), top, file.toString(), 0);
    }

    private List<Directive> parseFileText(String text, Path file) {
        including.addLast(identity(file));
        try {
            ConfigLexer lexer = new ConfigLexer(text, file.toString());
            return parseBlock(lexer, file, null, 0);
        } finally {
            including.removeLast();
        }
    }

    /** Reads directives until the '}' closing {@code opener}, or end of file when opener is null. */
    private List<Directive> parseBlock(ConfigLexer lexer, Path file, Directive opener, int depth) {
        List<Directive> out = new ArrayList<>();
        while (true) {
            Token token = lexer.next();
            switch (token.kind()) {
                case END -> {
                    if (opener != null) {
                        throw error(opener.where(), "missing '}' for '" + opener.text()
                                + "' (block opened here) before end of file");
                    }
                    return out;
                }
                case CLOSE_BRACE -> {
                    if (opener == null) {
                        throw error(file + ":" + token.line(), "unexpected '}' with no open block");
                    }
                    return out;
                }
                case SEMICOLON -> throw error(file + ":" + token.line(),
                        "empty directive: ';' with no directive name before it");
                case OPEN_BRACE -> throw error(file + ":" + token.line(),
                        "'{' with no directive name before it");
                case WORD -> parseDirective(lexer, file, token, depth, out);
            }
        }
    }

    private void parseDirective(ConfigLexer lexer, Path file, Token nameToken, int depth,
                                List<Directive> out) {
        String where = file + ":" + nameToken.line();
        if (nameToken.text().isEmpty()) {
            throw error(where, "empty directive name");
        }
        List<String> args = new ArrayList<>();
        Token token = lexer.next();
        while (token.kind() == Kind.WORD) {
            args.add(token.text());
            token = lexer.next();
        }
        String name = nameToken.text();
        if (token.kind() == Kind.SEMICOLON) {
            if (name.equals(INCLUDE)) {
                out.addAll(include(file, nameToken.line(), args));
            } else {
                out.add(Directive.simple(name, args, file.toString(), nameToken.line()));
            }
            return;
        }
        Directive head = Directive.simple(name, args, file.toString(), nameToken.line());
        if (token.kind() != Kind.OPEN_BRACE) {
            String found = token.kind() == Kind.END ? "end of file" : "'}'";
            throw error(where, "expected ';' or '{' after '" + head.text() + "' but found " + found);
        }
        if (name.equals(INCLUDE)) {
            throw error(where, "include takes file names and no block: write 'include FILE;'");
        }
        if (depth + 1 > MAX_BLOCK_DEPTH) {
            throw error(where, "block nesting " + (depth + 1) + " exceeds limit " + MAX_BLOCK_DEPTH);
        }
        List<Directive> children = parseBlock(lexer, file, head, depth + 1);
        out.add(Directive.block(name, args, children, file.toString(), nameToken.line()));
    }

    private List<Directive> include(Path from, int line, List<String> names) {
        String where = from + ":" + line;
        if (names.isEmpty()) {
            throw error(where, "include needs at least one file name");
        }
        List<Directive> spliced = new ArrayList<>();
        for (String name : names) {
            Path target = locate(from, where, name);
            Path id = identity(target);
            if (including.contains(id)) {
                throw error(where, "include loop: " + loopText(id));
            }
            if (including.size() >= MAX_INCLUDE_DEPTH) {
                throw error(where, "include depth " + (including.size() + 1) + " exceeds limit "
                        + MAX_INCLUDE_DEPTH);
            }
            spliced.addAll(parseFileText(read(target, where), target));
        }
        return spliced;
    }

    /** The working directory first (SRS), then the including file's directory. */
    private Path locate(Path from, String where, String name) {
        Path asGiven = Path.of(name).normalize();
        if (asGiven.isAbsolute()) {
            return asGiven;
        }
        Path dir = from.getParent() == null ? Path.of("") : from.getParent();
        Path beside = dir.resolve(name).normalize();
        boolean inWorkingDir = Files.isRegularFile(asGiven);
        boolean besideFile = Files.isRegularFile(beside);
        if (inWorkingDir && besideFile && !identity(asGiven).equals(identity(beside))) {
            warnings.add(where + ": include " + name + ": read " + asGiven.toAbsolutePath()
                    + " from the working directory, as SRS does, not " + beside + " next to " + from);
        } else if (!inWorkingDir && besideFile) {
            warnings.add(where + ": include " + name + ": not in the working directory "
                    + Path.of("").toAbsolutePath() + " (where SRS looks); read " + beside + " next to " + from);
            return beside;
        } else if (!inWorkingDir) {
            throw error(where, "include " + name + ": no such file in the working directory "
                    + Path.of("").toAbsolutePath() + " nor next to " + from);
        }
        return asGiven;
    }

    private String loopText(Path again) {
        List<Path> chain = new ArrayList<>(including);
        int start = chain.indexOf(again);
        return chain.subList(start, chain.size()).stream()
                .map(p -> p.getFileName().toString())
                .collect(Collectors.joining(" -> ")) + " -> " + again.getFileName();
    }

    /** Reads a file; {@code where} is the include that named it, or null for the top file. */
    private String read(Path file, String where) {
        String what = where == null ? "cannot read config " + file : "cannot read included file " + file;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw error(where == null ? file.toString() : where,
                        "config file " + file + " is " + size + " bytes, over the limit " + MAX_FILE_BYTES);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String message = what + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
            throw new RillException(ErrorCode.CONFIG_INVALID,
                    where == null ? message : where + ": " + message, e);
        }
    }

    /** The same file reached by different relative paths must compare equal for loop detection. */
    private static Path identity(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static RillException error(String where, String message) {
        return new RillException(ErrorCode.CONFIG_INVALID, where + ": " + message);
    }
}
