package io.apimdnssync.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** After `./mvnw package` (failsafe runs this in `verify`): every path the Dockerfile copies exists. */
class DockerfilePathsIT {
    static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+\\S+\\s*$");

    @Test
    void everyCopiedPathExistsAfterPackage() throws Exception {
        String dockerfile = Files.readString(Path.of("deployment/Dockerfile"));
        Matcher m = COPY.matcher(dockerfile);
        List<String> sources = m.results().map(r -> r.group(1)).toList();
        assertFalse(sources.isEmpty(), "the Dockerfile copies nothing?");
        for (String source : sources) {
            assertTrue(Files.exists(Path.of(source)), source + " does not exist after package");
        }
        String ignore = Files.readString(Path.of(".dockerignore"));
        assertTrue(ignore.contains("!target/quarkus-app/"), "the build context lets the packaged app in");
    }
}
