package io.jenkins.plugins.cloudimages.tfunctional;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The per-file mode: a small bash driver sources {@code tests/0_lib/functions.sh} once, exports its
 * functions and {@code PASS=0 FAIL=1}, then runs each listed file as its own process and brackets
 * it with marker lines that carry a random token, so a test's output cannot fake them. This class
 * writes the driver and reads its output back into a {@link ResultCollector}.
 */
final class PerFileProtocol implements LineListener {
  private final ResultCollector collector;
  private final String marker;
  private boolean done;

  PerFileProtocol(ResultCollector collector) {
    this.collector = collector;
    byte[] token = new byte[8];
    new SecureRandom().nextBytes(token);
    this.marker = "##cloudimg-" + HexFormat.of().formatHex(token);
  }

  String marker() {
    return marker;
  }

  /** The driver; arguments: the marker, then the file listing the tests to run. */
  static String driverScript() {
    return """
        #!/bin/bash
        # cloudimg t_functional driver (per-file mode): one process per test file.
        marker="$1"
        list="$2"
        exec 2>&1
        export PASS=0 FAIL=1
        if [ ! -f ./tests/0_lib/functions.sh ]; then
          echo "[+] $(date) -> Unable to source functions library. Cannot continue"
          exit 1
        fi
        source ./tests/0_lib/functions.sh
        set +e +u
        while read -r _ _ name; do export -f "$name"; done < <(declare -F)
        while IFS= read -r test <&3; do
          printf '%s begin %s\\n' "$marker" "$test"
          "./$test" </dev/null
          status=$?
          printf '%s end %s %s\\n' "$marker" "$status" "$test"
        done 3<"$list"
        printf '%s done\\n' "$marker"
        """;
  }

  @Override
  public void line(String line) {
    int at = line.indexOf(marker + " ");
    if (at < 0) {
      collector.output(line);
      return;
    }
    if (at > 0) {
      collector.output(line.substring(0, at));
    }
    String[] event = line.substring(at + marker.length() + 1).split(" ", 3);
    switch (event[0]) {
      case "begin" -> collector.begin(SkipList.normalize(event[1]));
      case "end" -> collector.end(Integer.parseInt(event[1]));
      case "done" -> done = true;
      default -> collector.output(line);
    }
  }

  /** Whether the driver got through the whole list. */
  boolean done() {
    return done;
  }
}
