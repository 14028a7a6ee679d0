package dev.rill.server.config;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;

/**
 * Splits SRS config text into tokens, following SRS's {@code SrsConfDirective::read_token}: words
 * are separated by blanks, {@code ;} and braces (SRS keeps a {@code }} inside a bare word; Rill ends
 * the word there so a missing {@code ;} is reported where it is); {@code #} starts a comment only where a token
 * could start (so {@code http://h/#x} stays one word); a word that starts with {@code "} or
 * {@code '} runs to the matching quote and may hold blanks, {@code ;}, braces and {@code #}. There
 * are no escapes inside quotes, as in SRS.
 */
final class ConfigLexer {
    enum Kind { WORD, SEMICOLON, OPEN_BRACE, CLOSE_BRACE, END }

    /** One token; {@code text} is the word without its quotes. */
    record Token(Kind kind, String text, int line) {
    }

    private final String text;
    private final String file;
    private int pos;
    private int line = 1;

    ConfigLexer(String text, String file) {
        this.text = text;
        this.file = file;
    }

    Token next() {
        skipBlanksAndComments();
        if (pos >= text.length()) {
            return new Token(Kind.END, "", line);
        }
        char c = text.charAt(pos);
        switch (c) {
            case ';' -> {
                pos++;
                return new Token(Kind.SEMICOLON, ";", line);
            }
            case '{' -> {
                pos++;
                return new Token(Kind.OPEN_BRACE, "{", line);
            }
            case '}' -> {
                pos++;
                return new Token(Kind.CLOSE_BRACE, "}", line);
            }
            case '"', '\'' -> {
                return quoted(c);
            }
            default -> {
                return bare();
            }
        }
    }

    private void skipBlanksAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token quoted(char quote) {
        int startLine = line;
        int start = ++pos;
        while (pos < text.length() && text.charAt(pos) != quote) {
            if (text.charAt(pos) == '\n') {
                line++;
            }
            pos++;
        }
        if (pos >= text.length()) {
            throw new RillException(ErrorCode.CONFIG_INVALID, file + ":" + startLine
                    + ": unterminated " + quote + " quote (no closing " + quote + " before end of file)");
        }
        String word = text.substring(start, pos);
        pos++;
        return new Token(Kind.WORD, word, startLine);
    }

    private Token bare() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '{' || c == '}') {
                break;
            }
            pos++;
        }
        return new Token(Kind.WORD, text.substring(start, pos), line);
    }
}
