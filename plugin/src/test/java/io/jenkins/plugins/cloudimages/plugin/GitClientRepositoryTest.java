package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.cloudimages.release.GitIdentity;
import io.jenkins.plugins.cloudimages.release.GitRepository.ChangeType;
import io.jenkins.plugins.cloudimages.release.GitRepository.Commit;
import io.jenkins.plugins.cloudimages.release.GitRepository.FileChange;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local half of GitClientRepository (what runs through GitClient#withRepository) on a real
 * repository written by command line git; the client is the FAKE JGitFakeGitClient.
 */
class GitClientRepositoryTest {
  @TempDir Path dir;
  private Path work;
  private GitClientRepository repository;

  @BeforeEach
  void createRepository() throws Exception {
    RequiredTools.require("git");
    work = dir.resolve("work");
    git(dir, "init", "-q", "-b", "main", work.toString());
    JGitFakeGitClient client = new JGitFakeGitClient(work.toFile());
    repository = new GitClientRepository(client.client(), GitClientRepository.uri(work.toString()));
  }

  @Test
  void shouldListCommitsOldestFirstWithTheirChanges() throws Exception {
    String first = commit("add", "a.ks", "one", "b.json", "{}");
    Files.delete(work.resolve("b.json"));
    git(work, "rm", "-q", "b.json");
    String second = commit("edit", "a.ks", "two");

    List<Commit> all = repository.commits(null, second);
    List<Commit> after = repository.commits(first, second);

    assertThat(all).extracting(Commit::subject).containsExactly("add", "edit");
    assertThat(all.get(0).changes())
        .containsExactlyInAnyOrder(
            new FileChange(ChangeType.ADDED, "a.ks"), new FileChange(ChangeType.ADDED, "b.json"));
    assertThat(after).hasSize(1);
    assertThat(after.get(0).changes())
        .containsExactlyInAnyOrder(
            new FileChange(ChangeType.MODIFIED, "a.ks"),
            new FileChange(ChangeType.DELETED, "b.json"));
  }

  @Test
  void shouldFindTheLastChangeOfAPathAndACommitBySubject() throws Exception {
    String first = commit("add", "a.ks", "one");
    String second = commit("other", "c.ks", "x");

    assertThat(repository.lastCommitTouching(second, "a.ks")).contains(first);
    assertThat(repository.commitWithSubject(second, "add")).contains(first);
    assertThat(repository.commitWithSubject(second, "ad")).isEmpty();
    assertThat(repository.resolve("main")).contains(second);
    assertThat(repository.resolve("no-such-branch")).isEmpty();
  }

  @Test
  void shouldCommitOneFileWithoutTheWorkTreeKeepingItsMode() throws Exception {
    String base = commit("add", "run.sh", "#!/bin/sh\n", "dir/a.json", "{}");
    git(work, "update-index", "--chmod=+x", "run.sh");
    base = commitIndex("exec");

    String commit =
        repository.commitFile(
            base,
            "run.sh",
            "echo hi\n".getBytes(StandardCharsets.UTF_8),
            "RELEASEABLE x\n\nbody\n",
            new GitIdentity("Bot", "bot@example.org"));

    assertThat(git(work, "show", commit + ":run.sh")).isEqualTo("echo hi");
    assertThat(git(work, "ls-tree", commit, "run.sh")).startsWith("100755");
    assertThat(git(work, "log", "-1", "--format=%an <%ae>|%P|%s", commit))
        .isEqualTo("Bot <bot@example.org>|" + base + "|RELEASEABLE x");
    assertThat(repository.readFile(commit, "dir/a.json"))
        .hasValueSatisfying(b -> assertThat(b).hasSize(2));
    assertThat(repository.readFile(commit, "missing")).isEmpty();
    assertThat(repository.listFiles(commit)).containsExactlyInAnyOrder("run.sh", "dir/a.json");
    assertThat(git(work, "rev-parse", "HEAD")).isEqualTo(base);
    assertThat(work.resolve("run.sh")).hasContent("#!/bin/sh");
  }

  @Test
  void shouldKeepACommitOnABranchAndTagIt() throws Exception {
    String base = commit("add", "a.ks", "one");

    repository.createBranch("cloudimg/unreleased", base);
    repository.tag("v1", base, "RELEASEABLE v1\n", new GitIdentity("Bot", "bot@example.org"));

    assertThat(git(work, "rev-parse", "cloudimg/unreleased")).isEqualTo(base);
    assertThat(git(work, "cat-file", "-t", "v1")).isEqualTo("tag");
    assertThat(git(work, "tag", "-l", "--format=%(taggername)|%(subject)", "v1"))
        .isEqualTo("Bot|RELEASEABLE v1");
  }

  private String commit(String message, String... files) throws Exception {
    for (int i = 0; i < files.length; i += 2) {
      Path file = work.resolve(files[i]);
      Files.createDirectories(file.getParent());
      Files.writeString(file, files[i + 1]);
      git(work, "add", files[i]);
    }
    return commitIndex(message);
  }

  private String commitIndex(String message) throws Exception {
    git(work, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", message);
    return git(work, "rev-parse", "HEAD");
  }

  private static String git(Path in, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", in.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new AssertionError(String.join(" ", command) + "\n" + out);
    }
    return out.strip();
  }
}
