package io.jenkins.plugins.cloudimages.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.cloudimages.deploy.BootSpec;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.SshKeyPair;
import io.jenkins.plugins.cloudimages.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local driver's bookkeeping with a real QEMU that has nothing to boot (a blank disk keeps the
 * firmware looping), so no guest boot time is spent.
 */
class LocalQemuDriverTest {
  @TempDir Path temp;

  @Test
  void shouldGiveEachInstanceItsOwnPortDiskSeedsAndFolderAndRemoveThemAll() throws Exception {
    RequiredTools.require("qemu-system-x86_64", "qemu-img", "cloud-localds", "tar");
    Path blank = Files.write(temp.resolve("blank.raw"), new byte[1 << 20]);
    LocalQemuDriver driver =
        new LocalQemuDriver(LocalQemuDriver.Settings.defaults(temp.resolve("state")), line -> {});
    BuildIdentity build = new BuildIdentity("test", "local#1").withDeployment("d1");
    Deadline deadline = Deadline.in("t", Duration.ofMinutes(1), Clock.systemUTC());

    CloudResource image =
        driver.uploadImage(new ImageSource("blank", blank, null, null, null), build, deadline);
    CloudResource a = driver.boot(image, spec("a"), deadline).get(0);
    CloudResource b = driver.boot(image, spec("b"), deadline).get(0);

    int portA = driver.awaitAddress(a, deadline).port();
    int portB = driver.awaitAddress(b, deadline).port();
    assertThat(portA).isNotEqualTo(portB);
    Path dirA = temp.resolve("state").resolve(a.id());
    Path dirB = temp.resolve("state").resolve(b.id());
    String cmdA = Files.readString(dirA.resolve("qemu.cmdline"));
    assertThat(cmdA)
        .contains(
            "file=" + dirA.resolve("disk.qcow2"),
            "file=" + dirA.resolve("seed.tar"),
            "file=" + dirA.resolve("seed.iso"))
        .contains("hostfwd=tcp:127.0.0.1:" + portA + "-:22")
        .contains("-accel " + LocalQemuDriver.detectAccelerator())
        .doesNotContain(dirB.toString());
    assertThat(Files.readString(dirA.resolve("user-data"))).isEqualTo("#cloud-config\nuser: a\n");
    assertThat(Files.readString(dirA.resolve("meta-data"))).contains("instance-id: " + a.id());
    assertThat(dirA.resolve("seed")).isDirectory();
    assertThat(dirA.resolve("seed/ssh_host_ed25519_key")).doesNotExist();
    assertThat(driver.listOwned())
        .extracting(CloudResource::id)
        .containsExactlyInAnyOrder(image.id(), a.id(), b.id());
    long pidA =
        ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().orElse("").contains(dirA.toString()))
            .findFirst()
            .orElseThrow()
            .pid();

    driver.heartbeat(a, Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(driver.listOwned())
        .filteredOn(r -> r.id().equals(a.id()))
        .first()
        .extracting(r -> r.tags().get(BuildIdentity.TAG_HEARTBEAT))
        .isEqualTo("2030-01-01T00:00:00Z");

    for (CloudResource r : List.of(a, b, image)) {
      driver.delete(r, deadline);
    }
    assertThat(ProcessHandle.of(pidA).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(dirA).doesNotExist();
    assertThat(dirB).doesNotExist();
    assertThat(blank).exists().hasSize(1 << 20);
    assertThatThrownBy(() -> driver.delete(a, deadline))
        .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.isNotFound()).isTrue());
  }

  private static BootSpec spec(String name) {
    return new BootSpec(
        name,
        "#cloud-config\nuser: " + name + "\n",
        "root",
        "ssh-ed25519 AAAAx c",
        null,
        null,
        false,
        new BuildIdentity("test", "local#1").withDeployment("d1").tags(Instant.now()),
        SshKeyPair.generateEd25519("h"));
  }
}
