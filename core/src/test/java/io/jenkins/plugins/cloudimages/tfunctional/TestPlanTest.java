package io.jenkins.plugins.cloudimages.tfunctional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestPlanTest {
  private static final List<SuiteFile> SUITE =
      List.of(
          exec("tests/z_cleanup/10_last.sh"),
          exec("tests/p_gzip/20-gzip-test"),
          exec("tests/p_gzip/10-test-binaries"),
          exec("tests/p_gzip/_helper.sh"),
          plain("tests/p_gzip/gzip-test.txt.gz"),
          exec("tests/p_bash/bash_version_info_test.sh"),
          exec("tests/r_lamp/01_lamp.sh"),
          exec("tests/0_lib/functions.sh"),
          plain("tests/0_lib/readme"),
          exec("tests/0_common/30_dns_works.sh"),
          exec("tests/0_common/00_centos_repos.sh"),
          exec("tests/0_common/README.md"),
          exec("tests/0_zz/10_more.sh"),
          exec("tests/p_abrt-cli/sub/10_nested.sh"),
          exec("tests/other/10_not_a_group.sh"),
          exec("tests/toplevel.sh"),
          exec("runtests.sh"));

  @Test
  void shouldOrderTheGroupsLikeRuntests() throws Exception {
    TestPlan plan = TestPlan.of(SUITE, List.of(), SkipList.empty(), "8");

    assertThat(plan.tests())
        .extracting(PlannedTest::path)
        .containsExactly(
            "tests/0_common/00_centos_repos.sh",
            "tests/0_common/30_dns_works.sh",
            "tests/0_zz/10_more.sh",
            "tests/p_abrt-cli/sub/10_nested.sh",
            "tests/p_bash/bash_version_info_test.sh",
            "tests/p_gzip/10-test-binaries",
            "tests/p_gzip/20-gzip-test",
            "tests/r_lamp/01_lamp.sh",
            "tests/z_cleanup/10_last.sh");
    assertThat(plan.tests()).allMatch(PlannedTest::runs);
  }

  @Test
  void shouldKeepTheCommonTestsWhenDirectoriesAreSelected() throws Exception {
    TestPlan plan =
        TestPlan.of(SUITE, List.of("z_cleanup", "./tests/p_gzip/", "other"), SkipList.empty(), "8");

    assertThat(plan.tests())
        .extracting(PlannedTest::path)
        .containsExactly(
            "tests/0_common/00_centos_repos.sh",
            "tests/0_common/30_dns_works.sh",
            "tests/0_zz/10_more.sh",
            "tests/p_gzip/10-test-binaries",
            "tests/p_gzip/20-gzip-test",
            "tests/z_cleanup/10_last.sh",
            "tests/other/10_not_a_group.sh");
  }

  @Test
  void shouldRejectADirectoryTheSuiteDoesNotHave() {
    assertThatThrownBy(() -> TestPlan.of(SUITE, List.of("p_gzip", "p_nope"), SkipList.empty(), "8"))
        .isInstanceOf(TFunctionalException.class)
        .hasMessageStartingWith("the suite has no test directory tests/p_nope (it has 0_common");
  }

  @Test
  void shouldDisableSkipListedFilesOnTheirReleaseOnly() throws Exception {
    List<String> problems = new ArrayList<>();
    SkipList skips =
        SkipList.parseLenient(
            "8|tests/p_gzip/20-gzip-test|https://bugs.example/1\n"
                + "9|./tests/p_bash/bash_version_info_test.sh|later\n",
            "skipped-tests.list",
            problems);

    TestPlan eight = TestPlan.of(SUITE, List.of("p_gzip", "p_bash"), skips, "8");
    TestPlan eighteen = TestPlan.of(SUITE, List.of("p_gzip", "p_bash"), skips, "18");

    assertThat(eight.tests())
        .filteredOn(t -> !t.runs())
        .containsExactly(
            new PlannedTest(
                "tests/p_gzip/20-gzip-test",
                "disabled in skipped-tests.list: https://bugs.example/1"));
    assertThat(eight.runnable()).hasSize(eight.tests().size() - 1);
    assertThat(eighteen.tests()).allMatch(PlannedTest::runs);
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldNameTheDirectoryAndFileOfATest() {
    PlannedTest test = new PlannedTest("tests/p_abrt-cli/sub/10_nested.sh", null);
    assertThat(test.directory()).isEqualTo("p_abrt-cli");
    assertThat(test.name()).isEqualTo("sub/10_nested.sh");
  }

  private static SuiteFile exec(String path) {
    return new SuiteFile(path, true);
  }

  private static SuiteFile plain(String path) {
    return new SuiteFile(path, false);
  }
}
