package io.jenkins.plugins.cloudimages.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.Janitor;
import io.jenkins.plugins.cloudimages.deploy.KeptDeployments;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cloudimg janitor}: removes resources whose owner stopped sending heartbeats. */
@Command(
    name = "janitor",
    mixinStandardHelpOptions = true,
    description = {
      "Removes cloudimg resources whose heartbeat is older than --older-than (crashed or killed"
          + " builds). Live resources are never touched, whichever controller owns them."
    })
final class JanitorCommand implements Callable<Integer> {
  @Mixin CloudOptions cloud;

  @Option(
      names = "--older-than",
      defaultValue = "2h",
      paramLabel = "DURATION",
      description = "Default ${DEFAULT-VALUE}.")
  String olderThan;

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|json")
  String format;

  @Override
  public Integer call() throws Exception {
    Duration limit = CloudOptions.duration(olderThan);
    Janitor.Report report =
        new Janitor(
                cloud.driver(),
                Clock.systemUTC(),
                Duration.ofMinutes(3),
                line -> System.err.println(line))
            .withWorkRoot(KeptDeployments.defaultWorkRoot())
            .sweep(limit);
    if ("json".equals(format)) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("cloud", cloud.cloud);
      out.put("olderThan", limit.toString());
      out.put("removed", report.removed().stream().map(JanitorCommand::describe).toList());
      out.put("failed", report.failed().stream().map(JanitorCommand::describe).toList());
      out.put("kept", report.kept().size());
      System.out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
    } else {
      report.removed().forEach(r -> System.out.println("removed " + r + " " + owner(r)));
      report.failed().forEach(r -> System.out.println("could not remove " + r + " " + owner(r)));
      System.out.println(
          report.removed().size()
              + " removed, "
              + report.failed().size()
              + " failed, "
              + report.kept().size()
              + " live or without heartbeat kept");
    }
    return report.failed().isEmpty() ? Cloudimg.OK : Cloudimg.FAILED;
  }

  private static String owner(CloudResource r) {
    return "(owner "
        + r.tags().get(BuildIdentity.TAG_OWNER)
        + ", build "
        + r.tags().get(BuildIdentity.TAG_BUILD)
        + ", heartbeat "
        + r.tags().get(BuildIdentity.TAG_HEARTBEAT)
        + ")";
  }

  private static Map<String, Object> describe(CloudResource r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
    m.put("id", r.id());
    m.put("name", r.name());
    m.put("owner", r.tags().get(BuildIdentity.TAG_OWNER));
    m.put("build", r.tags().get(BuildIdentity.TAG_BUILD));
    m.put("heartbeat", r.tags().get(BuildIdentity.TAG_HEARTBEAT));
    return m;
  }
}
