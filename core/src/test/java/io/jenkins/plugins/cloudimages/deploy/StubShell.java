package io.jenkins.plugins.cloudimages.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The shell of a fake instance: each command's result comes from {@code answer}; an upload is the
 * command {@code cat > PATH}, so that a gone instance fails it too.
 */
final class StubShell implements RemoteShell {
  /** The result of one command. */
  interface Answer {
    Result answer(String command) throws IOException;
  }

  private final String description;
  private final Answer answer;

  StubShell(String description, Answer answer) {
    this.description = description;
    this.answer = answer;
  }

  @Override
  public Result run(String command, Duration timeout, Consumer<String> output) throws IOException {
    return answer.answer(command);
  }

  @Override
  public void upload(InputStream content, String remotePath) throws IOException {
    run("cat > " + remotePath, Duration.ofMinutes(1), line -> {});
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {}
}
