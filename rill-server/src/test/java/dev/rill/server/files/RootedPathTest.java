package dev.rill.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RootedPathTest {
    private static final Path ROOT = Path.of("/srv/hls");

    @ParameterizedTest
    @ValueSource(strings = {"live/cam.m3u8", "live/sub/cam-1.ts", "./live/cam.ts", "live/x/../cam.ts"})
    void pathsUnderTheRootResolve(String relative) throws IOException {
        Path file = RootedPath.resolve(ROOT, relative);
        assertThat(file.startsWith(ROOT) && !file.equals(ROOT)).as(file.toString()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x.m3u8", "live/../../x.ts", "/etc/passwd", "", ".", "live/.."})
    void pathsLeavingTheRootAreRefused(String relative) {
        assertThatThrownBy(() -> RootedPath.resolve(ROOT, relative)).isInstanceOf(IOException.class)
                .hasMessageContaining("leaves /srv/hls");
    }
}
