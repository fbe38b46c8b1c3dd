package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.KickstartCommand;
import io.jenkins.plugins.cloudimages.kickstart.KickstartFlattener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kickstart handed to anaconda in a VM: one self-contained file (flattened: every include
 * inlined) with the mirror map applied to the {@code url} and {@code repo} lines, so the installer
 * fetches from the same mirrors an installroot build would.
 */
final class InstallerKickstart {
  private static final Pattern URL_OPTION =
      Pattern.compile("(--(?:url|baseurl)[= ])(\"?)(\\S+?)\\2(?=\\s|$)");

  private InstallerKickstart() {}

  static Path write(Kickstart kickstart, RepositorySources sources, Path target)
      throws IOException {
    List<String> out = new KickstartFlattener(null).flatten(kickstart.file()).lines().toList();
    List<String> mapped = new ArrayList<>();
    for (String line : out) {
      String trimmed = line.trim();
      if (trimmed.startsWith("url ") || trimmed.startsWith("repo ")) {
        Matcher m = URL_OPTION.matcher(line);
        StringBuilder rewritten = new StringBuilder();
        while (m.find()) {
          m.appendReplacement(
              rewritten,
              Matcher.quoteReplacement(
                  m.group(1) + m.group(2) + sources.rewriteForInstaller(m.group(3)) + m.group(2)));
        }
        m.appendTail(rewritten);
        mapped.add(rewritten.toString());
      } else {
        mapped.add(line);
      }
    }
    Files.write(target, mapped);
    return target;
  }

  /**
   * The disk size for an installer: the metadata's, else the sum of the {@code part} sizes plus 512
   * MiB for the partition table and alignment, else 10 GiB.
   */
  static long diskSizeMiB(Kickstart kickstart, java.util.Optional<Long> metadataMiB) {
    if (metadataMiB.isPresent()) {
      return metadataMiB.get();
    }
    long sum = 0;
    for (KickstartCommand part : kickstart.commands("part")) {
      sum += part.option("--size").filter(v -> v.matches("\\d+")).map(Long::parseLong).orElse(0L);
    }
    return sum > 0 ? sum + 512 : 10 * 1024;
  }
}
