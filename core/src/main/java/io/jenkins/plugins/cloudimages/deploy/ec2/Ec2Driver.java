package io.jenkins.plugins.cloudimages.deploy.ec2;

import io.jenkins.plugins.cloudimages.deploy.BootSpec;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.CloudSettings;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.InstanceAddress;
import io.jenkins.plugins.cloudimages.deploy.Pacing;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * EC2-compatible clouds (AWS, Eucalyptus) through the EC2 Query API, version 2016-11-15.
 *
 * <p>Images take the snapshot path: the disk file (raw, vmdk or vhd) is streamed into an S3 bucket
 * with a signed PUT, imported with {@code ImportSnapshot}, polled with {@code
 * DescribeImportSnapshotTasks}, registered as an hvm AMI whose root device is that snapshot ({@code
 * RegisterImage}) and polled with {@code DescribeImages} until available; the S3 object is deleted
 * once the import ended either way. An image given only by URL is imported from that URL (an S3 URL
 * the import service can read). Instances start with {@code RunInstances} (user data, flavor as
 * instance type, network as subnet id, tags on instance and volume); deleting an image deregisters
 * it and deletes its snapshots. Every resource carries the build's tags; the heartbeat is a {@code
 * CreateTags} that overwrites its value.
 */
public final class Ec2Driver implements CloudDriver {
  private static final Pattern REGION_IN_HOST = Pattern.compile("ec2[.-]([a-z0-9-]+)\\.amazonaws");

  /** What the clouds file says about one EC2 cloud. */
  public record Settings(
      String cloud,
      URI endpoint,
      URI s3Endpoint,
      String region,
      String bucket,
      String keyPrefix,
      String instanceType,
      String subnet,
      List<String> securityGroups,
      String architecture,
      boolean usePrivateIp,
      Pacing pacing) {

    public static Settings from(CloudSettings cloud) {
      URI endpoint = cloud.requiredEndpoint("https://ec2.eu-west-1.amazonaws.com");
      String region = cloud.option("region", regionOf(endpoint));
      String groups = cloud.option("securityGroups", "");
      return new Settings(
          cloud.name(),
          endpoint,
          URI.create(cloud.option("s3Endpoint", "https://s3." + region + ".amazonaws.com")),
          region,
          cloud.option("bucket", null),
          cloud.option("keyPrefix", "cloudimg/"),
          cloud.flavor() == null ? "t3.small" : cloud.flavor(),
          cloud.network(),
          groups.isBlank() ? List.of() : List.of(groups.split("\\s*,\\s*")),
          cloud.option("architecture", "x86_64"),
          Boolean.parseBoolean(cloud.option("usePrivateIp", "false")),
          Pacing.from(cloud));
    }

    private static String regionOf(URI endpoint) {
      Matcher m = REGION_IN_HOST.matcher(endpoint.getHost() == null ? "" : endpoint.getHost());
      return m.find() ? m.group(1) : "us-east-1";
    }
  }

  private final Settings settings;
  private final Ec2Client ec2;
  private final Clock clock;
  private final Consumer<String> log;

  public Ec2Driver(
      Settings settings, SigV4.Credentials credentials, Clock clock, Consumer<String> log) {
    this.settings = settings;
    this.clock = clock;
    this.log = log;
    this.ec2 =
        new Ec2Client(
            settings.endpoint(),
            settings.s3Endpoint(),
            settings.region(),
            credentials,
            settings.pacing(),
            clock,
            log);
  }

  /** The driver for a clouds-file entry; credentials come from its env variable or file. */
  public static Ec2Driver create(CloudSettings cloud, Consumer<String> log) throws CloudException {
    return new Ec2Driver(
        Settings.from(cloud),
        Ec2Client.parseCredentials(cloud.credentials(), cloud.name()),
        Clock.systemUTC(),
        log);
  }

  @Override
  public String type() {
    return "ec2";
  }

  @Override
  public CloudResource uploadImage(ImageSource image, BuildIdentity build, Deadline deadline)
      throws CloudException {
    Map<String, String> tags = build.tags(clock.instant());
    String name = amiName(image, build);
    boolean convert = image.file() != null && "qcow2".equalsIgnoreCase(image.format());
    String format = convert ? "VMDK" : diskFormat(image);
    Path converted = null;
    String key = null;
    String task = null;
    String snapshot = null;
    String ami = null;
    Exception failure = null;
    try {
      Map<String, String> disk = new LinkedHashMap<>();
      disk.put("DiskContainer.Format", format);
      if (image.file() != null) {
        if (settings.bucket() == null) {
          throw new CloudException(
              "cloud " + settings.cloud() + ": ec2 needs options.bucket to upload " + image.file());
        }
        Path file = image.file();
        if (convert) {
          converted = toStreamOptimizedVmdk(file, deadline);
          file = converted;
        }
        key = settings.keyPrefix() + name + "/" + file.getFileName();
        log.accept("ec2: uploading " + file + " to s3://" + settings.bucket() + "/" + key);
        ec2.putObject(settings.bucket(), key, file, convert ? null : image.sha256());
        disk.put("DiskContainer.UserBucket.S3Bucket", settings.bucket());
        disk.put("DiskContainer.UserBucket.S3Key", key);
      } else {
        disk.put("DiskContainer.Url", image.url().toString());
      }
      disk.put("Description", name);
      disk.put("ClientToken", UUID.randomUUID().toString());
      disk.putAll(tagSpecification(1, "import-snapshot-task", tags));
      task = Xml.text(ec2.call("ImportSnapshot", disk), "importTaskId");
      snapshot = awaitSnapshot(task, deadline);
      ec2.call("CreateTags", tagParams(List.of(snapshot), tags));
      Map<String, String> register = new LinkedHashMap<>();
      register.put("Name", name);
      register.put("Description", "cloudimg " + image.name());
      register.put("Architecture", settings.architecture());
      register.put("VirtualizationType", "hvm");
      register.put("EnaSupport", "true");
      register.put("RootDeviceName", "/dev/xvda");
      register.put("BlockDeviceMapping.1.DeviceName", "/dev/xvda");
      register.put("BlockDeviceMapping.1.Ebs.SnapshotId", snapshot);
      register.put("BlockDeviceMapping.1.Ebs.DeleteOnTermination", "true");
      register.putAll(tagSpecification(1, "image", tags));
      ami = Xml.text(ec2.call("RegisterImage", register), "imageId");
      awaitImage(ami, deadline);
      log.accept("ec2: image " + ami + " available (snapshot " + snapshot + ")");
      return new CloudResource(CloudResource.Kind.IMAGE, ami, name, tags);
    } catch (CloudException | RuntimeException e) {
      failure = e;
      undoImport(task, snapshot, ami);
      throw e;
    } finally {
      if (converted != null) {
        deleteQuietly(converted.getParent());
      }
      if (key != null) {
        try {
          ec2.deleteObject(settings.bucket(), key);
        } catch (CloudException e) {
          log.accept(
              "ec2: could not delete s3://"
                  + settings.bucket()
                  + "/"
                  + key
                  + ": "
                  + e.getMessage());
        }
      }
      // an abort is passed on once the cleanup above could still talk to the cloud
      if (failure != null) {
        Pacing.restoreInterrupt(failure);
      }
    }
  }

  private String awaitSnapshot(String task, Deadline deadline) throws CloudException {
    while (true) {
      Element answer = ec2.call("DescribeImportSnapshotTasks", Map.of("ImportTaskId.1", task));
      List<Element> tasks = Xml.items(answer, "importSnapshotTaskSet");
      if (!tasks.isEmpty()) {
        Element detail = Xml.child(tasks.get(0), "snapshotTaskDetail");
        String status = Xml.text(detail, "status");
        String message = Xml.text(detail, "statusMessage");
        if ("completed".equals(status)) {
          return Xml.text(detail, "snapshotId");
        }
        if ("deleting".equals(status) || "deleted".equals(status)) {
          throw new CloudException(
              "ec2 import " + task + " failed: " + (message == null ? status : message));
        }
      }
      pacing().pause(deadline);
    }
  }

  private void awaitImage(String ami, Deadline deadline) throws CloudException {
    while (true) {
      Element image = describeImage(ami);
      String state = image == null ? "pending" : Xml.text(image, "imageState");
      if ("available".equals(state)) {
        return;
      }
      if (!"pending".equals(state)) {
        throw new CloudException(
            "ec2 image " + ami + " is " + state + ": " + Xml.text(image, "stateReason", "message"));
      }
      pacing().pause(deadline);
    }
  }

  /** Best effort: what a failed import created goes now rather than at the final sweep. */
  private void undoImport(String task, String snapshot, String ami) {
    try {
      if (ami != null) {
        ec2.call("DeregisterImage", Map.of("ImageId", ami));
      }
      if (snapshot != null) {
        ec2.call("DeleteSnapshot", Map.of("SnapshotId", snapshot));
      } else if (task != null) {
        ec2.call("CancelImportTask", Map.of("ImportTaskId", task));
      }
    } catch (CloudException | RuntimeException e) {
      log.accept("ec2: cleaning up the failed import: " + e.getMessage());
    }
  }

  @Override
  public List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
      throws CloudException {
    Map<String, String> run = new LinkedHashMap<>();
    run.put("ImageId", image.id());
    run.put("MinCount", "1");
    run.put("MaxCount", "1");
    run.put("InstanceType", spec.flavor() != null ? spec.flavor() : settings.instanceType());
    run.put(
        "UserData",
        Base64.getEncoder().encodeToString(spec.userData().getBytes(StandardCharsets.UTF_8)));
    // the same token makes a retried RunInstances return the first one's instance
    run.put("ClientToken", spec.name());
    String subnet = spec.network() != null ? spec.network() : settings.subnet();
    if (spec.floatingIp()) {
      run.put("NetworkInterface.1.DeviceIndex", "0");
      run.put("NetworkInterface.1.AssociatePublicIpAddress", "true");
      if (subnet != null) {
        run.put("NetworkInterface.1.SubnetId", subnet);
      }
      numbered(run, "NetworkInterface.1.SecurityGroupId.", settings.securityGroups());
    } else {
      if (subnet != null) {
        run.put("SubnetId", subnet);
      }
      numbered(run, "SecurityGroupId.", settings.securityGroups());
    }
    run.putAll(tagSpecification(1, "instance", spec.tags()));
    run.putAll(tagSpecification(2, "volume", spec.tags()));
    Element answer = ec2.call("RunInstances", run);
    List<Element> instances = Xml.items(answer, "instancesSet");
    if (instances.isEmpty()) {
      throw new CloudException("ec2 RunInstances answered no instance");
    }
    String id = Xml.text(instances.get(0), "instanceId");
    log.accept("ec2: started " + id + " from " + image.id());
    return List.of(new CloudResource(CloudResource.Kind.INSTANCE, id, spec.name(), spec.tags()));
  }

  @Override
  public InstanceAddress awaitAddress(CloudResource instance, Deadline deadline)
      throws CloudException {
    while (true) {
      Element item = null;
      try {
        item = describeInstance(instance.id());
      } catch (CloudException e) {
        // a new instance may not be visible yet (eventual consistency)
        if (!e.isNotFound()) {
          throw e;
        }
      }
      String state = item == null ? "pending" : Xml.text(item, "instanceState", "name");
      if ("running".equals(state)) {
        String address =
            settings.usePrivateIp()
                ? Xml.text(item, "privateIpAddress")
                : Xml.text(item, "ipAddress");
        if (address != null && !address.isEmpty()) {
          return new InstanceAddress(address, 22);
        }
        if (!settings.usePrivateIp() && Xml.text(item, "privateIpAddress") != null) {
          // a public address comes with the launch or never
          throw new CloudException(
              "ec2 instance "
                  + instance.id()
                  + " runs without a public address (its subnet assigns none); ask for a"
                  + " floating IP or set options.usePrivateIp");
        }
      } else if (!"pending".equals(state)) {
        throw new CloudException(
            "ec2 instance "
                + instance.id()
                + " is "
                + state
                + ": "
                + Xml.text(item, "stateReason", "message"));
      }
      pacing().pause(deadline);
    }
  }

  @Override
  public String consoleOutput(CloudResource instance) throws CloudException {
    String output =
        Xml.text(ec2.call("GetConsoleOutput", Map.of("InstanceId", instance.id())), "output");
    if (output == null || output.isEmpty()) {
      return "";
    }
    return new String(Base64.getMimeDecoder().decode(output), StandardCharsets.UTF_8);
  }

  @Override
  public void delete(CloudResource resource, Deadline deadline) throws CloudException {
    switch (resource.kind()) {
      case INSTANCE -> ec2.call("TerminateInstances", Map.of("InstanceId.1", resource.id()));
      case IMAGE -> {
        Element image = describeImage(resource.id());
        if (image == null) {
          throw new Ec2Exception(resource + " not found", 404, "InvalidAMIID.NotFound");
        }
        ec2.call("DeregisterImage", Map.of("ImageId", resource.id()));
        for (String snapshot : snapshotsOf(image)) {
          deleteSnapshot(snapshot);
        }
      }
      case VOLUME -> ec2.call("DeleteSnapshot", Map.of("SnapshotId", resource.id()));
      default -> throw new CloudException("ec2 creates no " + resource);
    }
  }

  private void deleteSnapshot(String snapshot) throws CloudException {
    try {
      ec2.call("DeleteSnapshot", Map.of("SnapshotId", snapshot));
    } catch (CloudException e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
  }

  @Override
  public void heartbeat(CloudResource resource, Instant now) throws CloudException {
    ec2.call(
        "CreateTags",
        tagParams(List.of(resource.id()), Map.of(BuildIdentity.TAG_HEARTBEAT, now.toString())));
  }

  /**
   * Tagged instances that are not terminated, tagged images, and tagged snapshots that no listed
   * image uses (an import that ended before its registration); an image's snapshots go with it.
   */
  @Override
  public List<CloudResource> listOwned() throws CloudException {
    List<CloudResource> owned = new ArrayList<>();
    Map<String, String> instanceFilter = ownerFilter();
    instanceFilter.put("Filter.2.Name", "instance-state-name");
    List<String> live = List.of("pending", "running", "stopping", "stopped");
    for (int i = 0; i < live.size(); i++) {
      instanceFilter.put("Filter.2.Value." + (i + 1), live.get(i));
    }
    for (Element answer : pages("DescribeInstances", instanceFilter)) {
      for (Element reservation : Xml.items(answer, "reservationSet")) {
        for (Element item : Xml.items(reservation, "instancesSet")) {
          owned.add(resource(CloudResource.Kind.INSTANCE, Xml.text(item, "instanceId"), item));
        }
      }
    }
    Set<String> imageSnapshots = new HashSet<>();
    Map<String, String> imageFilter = ownerFilter();
    imageFilter.put("Owner.1", "self");
    for (Element item : Xml.items(ec2.call("DescribeImages", imageFilter), "imagesSet")) {
      owned.add(resource(CloudResource.Kind.IMAGE, Xml.text(item, "imageId"), item));
      imageSnapshots.addAll(snapshotsOf(item));
    }
    Map<String, String> snapshotFilter = ownerFilter();
    snapshotFilter.put("Owner.1", "self");
    for (Element answer : pages("DescribeSnapshots", snapshotFilter)) {
      for (Element item : Xml.items(answer, "snapshotSet")) {
        String id = Xml.text(item, "snapshotId");
        if (!imageSnapshots.contains(id)) {
          owned.add(resource(CloudResource.Kind.VOLUME, id, item));
        }
      }
    }
    return owned;
  }

  private List<Element> pages(String action, Map<String, String> params) throws CloudException {
    List<Element> pages = new ArrayList<>();
    Map<String, String> page = new LinkedHashMap<>(params);
    while (true) {
      Element answer = ec2.call(action, page);
      pages.add(answer);
      String next = Xml.text(answer, "nextToken");
      if (next == null || next.isEmpty()) {
        return pages;
      }
      page.put("NextToken", next);
    }
  }

  private static Map<String, String> ownerFilter() {
    Map<String, String> filter = new LinkedHashMap<>();
    filter.put("Filter.1.Name", "tag-key");
    filter.put("Filter.1.Value.1", BuildIdentity.TAG_OWNER);
    return filter;
  }

  private static CloudResource resource(CloudResource.Kind kind, String id, Element item) {
    Map<String, String> tags = Xml.tags(item);
    return new CloudResource(kind, id, tags.get("Name"), tags);
  }

  private Element describeImage(String ami) throws CloudException {
    try {
      List<Element> images =
          Xml.items(ec2.call("DescribeImages", Map.of("ImageId.1", ami)), "imagesSet");
      return images.isEmpty() ? null : images.get(0);
    } catch (CloudException e) {
      if (e.isNotFound()) {
        return null;
      }
      throw e;
    }
  }

  private Element describeInstance(String id) throws CloudException {
    Element answer = ec2.call("DescribeInstances", Map.of("InstanceId.1", id));
    for (Element reservation : Xml.items(answer, "reservationSet")) {
      for (Element item : Xml.items(reservation, "instancesSet")) {
        return item;
      }
    }
    return null;
  }

  private static List<String> snapshotsOf(Element image) {
    List<String> snapshots = new ArrayList<>();
    for (Element mapping : Xml.items(image, "blockDeviceMapping")) {
      String snapshot = Xml.text(mapping, "ebs", "snapshotId");
      if (snapshot != null && !snapshot.isEmpty()) {
        snapshots.add(snapshot);
      }
    }
    return snapshots;
  }

  private static Map<String, String> tagSpecification(
      int index, String resourceType, Map<String, String> tags) {
    Map<String, String> params = new LinkedHashMap<>();
    String prefix = "TagSpecification." + index + ".";
    params.put(prefix + "ResourceType", resourceType);
    int n = 1;
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      params.put(prefix + "Tag." + n + ".Key", tag.getKey());
      params.put(prefix + "Tag." + n + ".Value", tag.getValue());
      n++;
    }
    return params;
  }

  private static Map<String, String> tagParams(List<String> ids, Map<String, String> tags) {
    Map<String, String> params = new LinkedHashMap<>();
    numbered(params, "ResourceId.", ids);
    int n = 1;
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      params.put("Tag." + n + ".Key", tag.getKey());
      params.put("Tag." + n + ".Value", tag.getValue());
      n++;
    }
    return params;
  }

  private static void numbered(Map<String, String> params, String prefix, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      params.put(prefix + (i + 1), values.get(i));
    }
  }

  private Pacing pacing() {
    return settings.pacing();
  }

  /** AMI names allow letters, digits and ()[] ./-'@_ , 3 to 128 characters. */
  private static String amiName(ImageSource image, BuildIdentity build) {
    String base =
        (build.deployment() != null ? build.deployment() : "cloudimg-" + image.name())
            .replaceAll("[^A-Za-z0-9()\\[\\] ./'@_-]", "-");
    return base.length() > 128 ? base.substring(0, 128) : base;
  }

  /**
   * qcow2 is not among the import service's formats: the disk is converted with qemu-img into a
   * stream-optimized vmdk (compact, like the qcow2) in a temporary folder.
   */
  private Path toStreamOptimizedVmdk(Path qcow2, Deadline deadline) throws CloudException {
    if (!ProcessRunner.onPath("qemu-img")) {
      throw new CloudException(
          "ec2 imports vmdk, not qcow2, and converting "
              + qcow2
              + " needs qemu-img (apt-get install qemu-utils / dnf install qemu-img)");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("cloudimg-ec2-");
    } catch (IOException e) {
      throw new CloudException("cannot create a folder for the vmdk: " + e.getMessage(), 0, e);
    }
    Path vmdk = dir.resolve(qcow2.getFileName().toString().replaceFirst("\\.qcow2$", "") + ".vmdk");
    log.accept("ec2: converting " + qcow2 + " to a stream-optimized vmdk");
    ProcessRunner.Result result =
        new ProcessRunner()
            .timeout(deadline.remaining())
            .run(
                "qemu-img",
                "convert",
                "-f",
                "qcow2",
                "-O",
                "vmdk",
                "-o",
                "subformat=streamOptimized",
                qcow2.toString(),
                vmdk.toString());
    if (!result.succeeded()) {
      deleteQuietly(dir);
      throw new CloudException("converting " + qcow2 + " failed: " + result.describeFailure());
    }
    return vmdk;
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // a file left in the temporary folder
    }
  }

  /** The import service's disk formats; qcow2 must be converted first. */
  private static String diskFormat(ImageSource image) throws CloudException {
    String format = image.format() == null ? "" : image.format().toLowerCase(Locale.ROOT);
    return switch (format) {
      case "raw", "img" -> "RAW";
      case "vmdk" -> "VMDK";
      case "vhd", "vhdx" -> "VHD";
      default ->
          throw new CloudException(
              "ec2 imports raw, vmdk or vhd disks (qcow2 only as a file, converted), not "
                  + (format.isEmpty() ? "an unknown format" : format)
                  + " ("
                  + image.name()
                  + ")");
    };
  }
}
