package dev.rill.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggedTextTest {
    @Test
    void cleanShortTextIsKept() {
        String text = "rtmp://127.0.0.1/live?token=abc";
        assertThat(LoggedText.of(text)).isSameAs(text);
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(LoggedText.of("a\nb\rc\td\u001b[31m\u007f")).isEqualTo("a\\nb\\rc\\td\\x1b[31m\\x7f");
    }

    @Test
    void longTextIsCutAndSaysHowMuchWasLeftOut() {
        String cut = LoggedText.of("x".repeat(1 << 20));
        assertThat(cut).isEqualTo("x".repeat(LoggedText.MAX_VALUE) + "...(" + ((1 << 20) - LoggedText.MAX_VALUE)
                + " more chars)");
    }

    @Test
    void escapesCountTowardTheCap() {
        String cut = LoggedText.bounded("\n".repeat(10), 6);
        assertThat(cut).isEqualTo("\\n\\n\\n...(7 more chars)");
    }
}
