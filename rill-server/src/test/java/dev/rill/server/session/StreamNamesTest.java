package dev.rill.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StreamNamesTest {
    static Stream<Arguments> names() {
        String longest = "s".repeat(StreamNames.MAX_LENGTH);
        return Stream.of(
                Arguments.of("live", "livestream", null),
                Arguments.of("live/sub", "cam_1-HD.x", null),
                Arguments.of("live", longest, null),
                Arguments.of("live", "..x..", null),
                Arguments.of("live", "", "empty stream name"),
                Arguments.of("", "s", "empty app name"),
                Arguments.of("live", longest + "s", "stream name of 201 characters (at most 200)"),
                Arguments.of("live", "../../x", "stream name with a slash"),
                Arguments.of("live", "..", "stream name with a '..' segment"),
                Arguments.of("live", ".", "stream name with a '.' segment"),
                Arguments.of("live", "a\\b", "stream name with a backslash"),
                Arguments.of("live", "a\nb", "stream name with control character 0x0a"),
                Arguments.of("live", "a\u007fb", "stream name with control character 0x7f"),
                Arguments.of("../../x", "s", "app name with a '..' segment"),
                Arguments.of("live/..", "s", "app name with a '..' segment"),
                Arguments.of("/live", "s", "app name with an empty path segment"),
                Arguments.of("live//x", "s", "app name with an empty path segment"),
                Arguments.of("live/", "s", "app name with an empty path segment"),
                Arguments.of("li\0ve", "s", "app name with control character 0x00"));
    }

    @ParameterizedTest
    @MethodSource("names")
    void refusesWhatCouldLeaveADirectoryOrBreakALine(String app, String stream, String problem) {
        assertThat(StreamNames.problem(app, stream)).isEqualTo(problem);
    }
}
