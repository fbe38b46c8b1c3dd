package io.jenkins.plugins.cloudimages.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {
  @TempDir Path dir;

  @Test
  void shouldHandOnCompleteLinesOnceEach() throws IOException {
    Path log = dir.resolve("run.log");
    List<String> seen = new ArrayList<>();
    LogFollower follower = new LogFollower(log, seen::add);
    follower.poll(); // not there yet
    Files.writeString(log, "first\nsecond par");
    follower.poll();
    assertThat(seen).containsExactly("first");
    Files.writeString(log, "tial\nthird\n", StandardOpenOption.APPEND);
    follower.poll();
    follower.poll();
    assertThat(seen).containsExactly("first", "second partial", "third");
  }
}
