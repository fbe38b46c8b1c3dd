package io.jenkins.plugins.cloudimages.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootKernelTest {
  @TempDir Path temp;

  @Test
  void shouldListKernelsNewestFirstWithTheirInitramfsAndRescueLast() throws Exception {
    RootTree root = new RootTree(temp);
    root.write("/boot/vmlinuz-5.14.0-70.el9.x86_64", "k", "rwxr-xr-x");
    root.write("/boot/initramfs-5.14.0-70.el9.x86_64.img", "i", "rw-------");
    root.write("/boot/vmlinuz-5.14.0-427.el9.x86_64", "k", "rwxr-xr-x");
    root.write("/boot/vmlinuz-0-rescue-0123456789abcdef", "k", "rwxr-xr-x");
    root.write("/boot/vmlinuz-6.1.0-56-amd64", "k", "rwxr-xr-x");
    root.write("/boot/initrd.img-6.1.0-56-amd64", "i", "rw-r--r--");
    root.write("/boot/vmlinuz-9.9-empty", "", "rwxr-xr-x");
    Files.createDirectories(temp.resolve("boot/vmlinuz-dir"));

    assertThat(BootKernel.find(root))
        .containsExactly(
            new BootKernel(
                "6.1.0-56-amd64",
                "/boot/vmlinuz-6.1.0-56-amd64",
                Optional.of("/boot/initrd.img-6.1.0-56-amd64")),
            new BootKernel(
                "5.14.0-427.el9.x86_64", "/boot/vmlinuz-5.14.0-427.el9.x86_64", Optional.empty()),
            new BootKernel(
                "5.14.0-70.el9.x86_64",
                "/boot/vmlinuz-5.14.0-70.el9.x86_64",
                Optional.of("/boot/initramfs-5.14.0-70.el9.x86_64.img")),
            new BootKernel(
                "0-rescue-0123456789abcdef",
                "/boot/vmlinuz-0-rescue-0123456789abcdef",
                Optional.empty()));
  }

  @Test
  void shouldFindNoKernelWithoutBoot() throws Exception {
    assertThat(BootKernel.find(new RootTree(temp))).isEmpty();
  }
}
