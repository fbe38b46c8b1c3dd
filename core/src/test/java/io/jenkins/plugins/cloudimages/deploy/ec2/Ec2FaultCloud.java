package io.jenkins.plugins.cloudimages.deploy.ec2;

import io.jenkins.plugins.cloudimages.deploy.ChildClouds;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import io.jenkins.plugins.cloudimages.deploy.ExecGuest;
import io.jenkins.plugins.cloudimages.deploy.FaultCloud;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Mode;
import io.jenkins.plugins.cloudimages.deploy.FaultInjectingDriver.Point;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The EC2 driver against {@link FakeEc2Server} (a fake, not AWS) in the fault-injection run. */
public final class Ec2FaultCloud implements FaultCloud {
  private final FakeEc2Server ec2 = new FakeEc2Server();
  private final Path dir;

  public Ec2FaultCloud(Path dir) {
    this.dir = dir;
  }

  @Override
  public CloudDriver driver() {
    return new ExecGuest(
        new Ec2Driver(
            Ec2Driver.Settings.from(Ec2DriverTest.settings(ec2, Map.of())),
            new SigV4.Credentials(FakeEc2Server.ACCESS_KEY, FakeEc2Server.SECRET, null),
            Clock.systemUTC(),
            line -> {}),
        id -> true);
  }

  @Override
  public ImageSource image() throws IOException {
    return image(dir);
  }

  static ImageSource image(Path dir) throws IOException {
    Path file = Files.write(dir.resolve("disk.raw"), new byte[8192]);
    return new ImageSource("CentOS-9-x86_64-GenericCloud", file, null, "raw", null);
  }

  @Override
  public int leftovers() {
    return ec2.live();
  }

  @Override
  public String describe() {
    return ec2.describe();
  }

  @Override
  public boolean runChild(Path dir, Point point, Mode mode)
      throws IOException, InterruptedException {
    return ChildClouds.run(dir, settings(ec2), this::image, point, mode);
  }

  /** A clouds file naming {@code ec2} as cloud {@code fake}, its credentials file beside it. */
  static Path cloudsFile(FakeEc2Server ec2, Path dir) throws IOException {
    return ChildClouds.write(dir, settings(ec2));
  }

  private static CloudSettings settings(FakeEc2Server ec2) {
    return CloudSettings.withCredentialsText(
        "fake",
        "ec2",
        ec2.url(),
        FakeEc2Server.ACCESS_KEY + ":" + FakeEc2Server.SECRET,
        "t3.micro",
        null,
        Map.of(
            "region",
            FakeEc2Server.REGION,
            "s3Endpoint",
            ec2.url(),
            "bucket",
            FakeEc2Server.BUCKET,
            "pollMs",
            "5",
            "retryMs",
            "5"));
  }

  @Override
  public void close() {
    ec2.close();
  }
}
