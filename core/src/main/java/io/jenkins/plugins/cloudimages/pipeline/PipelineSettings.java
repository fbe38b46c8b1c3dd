package io.jenkins.plugins.cloudimages.pipeline;

import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.kickstart.ContentPolicy;
import io.jenkins.plugins.cloudimages.kickstart.MirrorMap;
import io.jenkins.plugins.cloudimages.release.GitCredentials;
import io.jenkins.plugins.cloudimages.release.GitIdentity;
import io.jenkins.plugins.cloudimages.ssh.SshTarget;
import io.jenkins.plugins.cloudimages.tfunctional.SuiteSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the engine's stages need to run for real, whoever assembles it (the command line from a
 * config file, the demo from its embedded services).
 *
 * @param repository the kickstart repository's work tree (a clone the release stage pushes from)
 * @param branch the branch releases are pushed to
 * @param gitCredentials how the release stage pushes
 * @param author who the RELEASEABLE commits are by
 * @param policy where kickstart content may come from
 * @param mirrorMap URL rewrites for the build (the kickstart is not changed)
 * @param output where built images land, one folder per image and arch
 * @param work scratch space for builds and deployments
 * @param imageHost the SFTP image host
 * @param imageRoot the folder on the image host under which {@code <release>/images/} lies
 * @param imageBaseUrl the public URL of {@code imageRoot}
 * @param clouds each cloud name the metadata may name, with how to make its driver
 * @param suite the t_functional suite
 * @param testBudget the t_functional time budget when the metadata gives none
 * @param owner who owns what the run creates in clouds (this host, or the controller)
 * @param build the run's identity, written on every cloud resource and in the release record
 */
public record PipelineSettings(
    Path repository,
    String branch,
    GitCredentials gitCredentials,
    GitIdentity author,
    ContentPolicy policy,
    MirrorMap mirrorMap,
    Path output,
    Path work,
    SshTarget imageHost,
    String imageRoot,
    String imageBaseUrl,
    Map<String, Supplier<CloudDriver>> clouds,
    SuiteSource suite,
    Duration testBudget,
    String owner,
    String build) {
  public PipelineSettings {
    clouds = Map.copyOf(clouds);
  }
}
