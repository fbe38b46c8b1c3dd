package io.jenkins.plugins.cloudimages.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Forms save what they show (needs -Pjenkins; not run offline). */
@WithJenkins
class ConfigRoundTripTest {
  @Test
  void shouldKeepEveryFieldOfTheBuildSteps(JenkinsRule r) throws Exception {
    configureCloudAndImageHost();
    FreeStyleProject project = r.createFreeStyleProject();
    KickstartImageBuilder image = new KickstartImageBuilder("CentOS-7-x86_64-GenericCloud.ks");
    image.setBackend("installroot");
    image.setImageHost("centos");
    TFunctionalRunner test = new TFunctionalRunner();
    test.setTests("0_common,p_bash");
    test.setTimeoutMinutes(20);
    ReleaseMarker release = new ReleaseMarker("ssh://git@git.example.org/kickstarts.git");
    release.setBranch("main");
    release.setTag(true);
    CloudDeployStep deploy = new CloudDeployStep("local");
    deploy.setUser("centos");
    project.getBuildersList().addAll(List.of(image, test, release));
    project.getBuildWrappersList().add(deploy);

    project = r.configRoundtrip(project);

    r.assertEqualDataBoundBeans(image, project.getBuildersList().get(KickstartImageBuilder.class));
    r.assertEqualDataBoundBeans(test, project.getBuildersList().get(TFunctionalRunner.class));
    r.assertEqualDataBoundBeans(release, project.getBuildersList().get(ReleaseMarker.class));
    r.assertEqualDataBoundBeans(deploy, project.getBuildWrappersList().get(CloudDeployStep.class));
  }

  @Test
  void shouldKeepTheGlobalConfiguration(JenkinsRule r) throws Exception {
    configureCloudAndImageHost();
    CloudImagesConfiguration before = CloudImagesConfiguration.get();
    before.setAllowedMirrorHosts("mirror.centos.org\nvault.centos.org");
    before.setMirrors(List.of(new MirrorMapping("http://mirror.centos.org/", "http://10.0.0.5/")));

    r.configRoundtrip();

    CloudImagesConfiguration after = CloudImagesConfiguration.get();
    assertThat(after.allowedHostList()).containsExactly("mirror.centos.org", "vault.centos.org");
    assertThat(after.mirrorMap()).containsEntry("http://mirror.centos.org/", "http://10.0.0.5/");
    assertThat(after.cloud("local").orElseThrow().optionMap()).containsEntry("memoryMb", "2048");
    assertThat(after.imageHost("centos")).isPresent();
  }

  private static void configureCloudAndImageHost() {
    ImageHost host = new ImageHost("centos", "cloud.centos.org");
    host.setKnownHosts("cloud.centos.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample");
    CloudImagesConfiguration.get().setImageHosts(List.of(host));
    CloudDefinition local = new CloudDefinition("local", "local");
    local.setOptions(List.of(new CloudOption("memoryMb", "2048")));
    CloudImagesConfiguration.get().setClouds(List.of(local));
  }
}
