package io.jenkins.plugins.cloudimages.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudimages.deploy.BootSpec;
import io.jenkins.plugins.cloudimages.deploy.BuildIdentity;
import io.jenkins.plugins.cloudimages.deploy.CloudDriver;
import io.jenkins.plugins.cloudimages.deploy.CloudException;
import io.jenkins.plugins.cloudimages.deploy.CloudResource;
import io.jenkins.plugins.cloudimages.deploy.Deadline;
import io.jenkins.plugins.cloudimages.deploy.ImageSource;
import io.jenkins.plugins.cloudimages.deploy.InstanceAddress;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded cloud: QEMU on this machine. Each instance boots a qcow2 overlay backed by the image
 * (the image itself is never written), with user networking forwarding a free 127.0.0.1 port to the
 * guest's port 22, a NoCloud seed for cloud-init, a small tar seed for images without it, and the
 * serial console in a file. KVM is used when /dev/kvm really works, TCG otherwise. Images with a
 * boot loader boot from it through the firmware (SeaBIOS); images without one (build-info {@code
 * "boot": "kernel"}, or the {@code boot} setting) boot with the host's kernel and initrd. All state
 * lives in one folder per resource, so {@code destroy} and the janitor work across processes.
 */
public final class LocalQemuDriver implements CloudDriver {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.util.Set<Integer> PORTS_IN_USE =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * How images boot: from their own boot loader, with the host's kernel, or as their build-info
   * says.
   */
  public enum BootMode {
    AUTO,
    /** The image's own boot loader through SeaBIOS (or OVMF when the image boots by UEFI only). */
    FIRMWARE,
    /** The image's own boot loader through OVMF (UEFI). */
    UEFI,
    KERNEL
  }

  /** Where Debian's ovmf package puts the firmware QEMU's -bios takes. */
  static final List<Path> OVMF =
      List.of(Path.of("/usr/share/ovmf/OVMF.fd"), Path.of("/usr/share/qemu/OVMF.fd"));

  /** Driver settings; {@link #defaults(Path)} needs nothing but a state folder. */
  public record Settings(
      Path stateDir,
      int memoryMb,
      int cpus,
      BootMode boot,
      Path kernel,
      Path initrd,
      String kernelArgs,
      String accel) {
    public static Settings defaults(Path stateDir) {
      return new Settings(
          stateDir,
          1024,
          Math.min(2, Runtime.getRuntime().availableProcessors()),
          BootMode.AUTO,
          null,
          null,
          null,
          "auto");
    }
  }

  private final Settings settings;
  private final LocalState state;
  private final Consumer<String> log;

  public LocalQemuDriver(Settings settings, Consumer<String> log) {
    this.settings = settings;
    this.state = new LocalState(settings.stateDir());
    this.log = log;
  }

  @Override
  public String type() {
    return "local";
  }

  /** The default state folder: $CLOUDIMG_STATE/local, else ~/.local/state/cloudimg/local. */
  public static Path defaultStateDir() {
    String env = System.getProperty("cloudimg.state", System.getenv("CLOUDIMG_STATE"));
    Path base =
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".local", "state", "cloudimg");
    return base.resolve("local");
  }

  /** "kvm" when /dev/kvm opens read-write and the CPU has VMX or SVM, else "tcg". */
  public static String detectAccelerator() {
    Path kvm = Path.of("/dev/kvm");
    try (RandomAccessFile device = new RandomAccessFile(kvm.toFile(), "rw")) {
      device.getFD();
      String cpu = Files.readString(Path.of("/proc/cpuinfo"));
      if (cpu.matches("(?s).*\\bflags\\s*:.*\\b(vmx|svm)\\b.*")) {
        return "kvm";
      }
    } catch (IOException e) {
      // no usable /dev/kvm
    }
    return "tcg";
  }

  @Override
  public CloudResource uploadImage(ImageSource image, BuildIdentity build, Deadline deadline)
      throws CloudException {
    String id = "img-" + randomHex();
    LocalState.Entry entry =
        new LocalState.Entry(
            CloudResource.Kind.IMAGE,
            id,
            image.name(),
            build.tags(Instant.now()),
            null,
            null,
            0,
            0);
    try {
      state.write(entry);
      Path file = image.file();
      if (file == null) {
        file = download(image.url(), state.dir(id).resolve("image"), deadline);
      }
      if (!Files.isRegularFile(file)) {
        throw new CloudException("image file " + file + " does not exist");
      }
      String format =
          image.format() != null && isDiskFormat(image.format())
              ? image.format()
              : probeFormat(file, deadline);
      entry =
          new LocalState.Entry(
              entry.kind(),
              id,
              image.name(),
              entry.tags(),
              file.toAbsolutePath().toString(),
              format,
              0,
              0);
      state.write(entry);
      return entry.resource();
    } catch (IOException e) {
      discard(id);
      throw new CloudException("registering image " + image.name() + ": " + e.getMessage(), 0, e);
    } catch (CloudException | RuntimeException e) {
      discard(id);
      throw e;
    }
  }

  @Override
  public List<CloudResource> boot(CloudResource image, BootSpec spec, Deadline deadline)
      throws CloudException {
    LocalState.Entry source = state.read(image.id());
    String id = "vm-" + randomHex();
    LocalState.Entry entry =
        new LocalState.Entry(
            CloudResource.Kind.INSTANCE,
            id,
            spec.name(),
            spec.tags(),
            source.source(),
            source.format(),
            0,
            0);
    try {
      state.write(entry);
      Path dir = state.dir(id);
      BuildInfo info = BuildInfo.of(Path.of(source.source()), source.format());
      run(
          deadline,
          "qemu-img",
          "create",
          "-q",
          "-f",
          "qcow2",
          "-F",
          source.format(),
          "-b",
          source.source(),
          dir.resolve("disk.qcow2").toString());
      writeSeeds(dir, id, spec, info);
      String accel = "auto".equals(settings.accel()) ? detectAccelerator() : settings.accel();
      log.accept(
          "local: booting "
              + id
              + (bootsWithKernel(info)
                  ? " with the host's kernel (the image has no boot loader)"
                  : " from the image's own boot loader ("
                      + (bootsWithUefi(info) ? "OVMF UEFI" : "SeaBIOS")
                      + ", no -kernel)")
              + " under "
              + describeAccel(accel));
      for (int attempt = 1; ; attempt++) {
        int port = reservePort();
        Process qemu = start(dir, id, port, accel, info);
        entry = entry.withProcess(qemu.pid(), port);
        state.write(entry);
        Optional<String> failure = startupFailure(qemu, dir);
        if (failure.isEmpty()) {
          return List.of(entry.resource());
        }
        PORTS_IN_USE.remove(port);
        if (!failure.get().contains("forwarding") && !failure.get().contains("hostfwd")
            || attempt == 3) {
          throw new CloudException("qemu exited at start: " + failure.get());
        }
      }
    } catch (IOException e) {
      discardInstance(id);
      throw new CloudException("booting " + spec.name() + ": " + e.getMessage(), 0, e);
    } catch (CloudException | RuntimeException e) {
      discardInstance(id);
      throw e;
    }
  }

  @Override
  public InstanceAddress awaitAddress(CloudResource instance, Deadline deadline)
      throws CloudException {
    LocalState.Entry entry = state.read(instance.id());
    if (qemuProcess(entry).isEmpty()) {
      throw new CloudException(
          "qemu of "
              + instance.id()
              + " is not running: "
              + tail(state.dir(entry.id()).resolve("qemu.log")));
    }
    return new InstanceAddress("127.0.0.1", entry.port());
  }

  @Override
  public String consoleOutput(CloudResource instance) throws CloudException {
    return tail(state.dir(state.read(instance.id()).id()).resolve("console.log"));
  }

  @Override
  public void delete(CloudResource resource, Deadline deadline) throws CloudException {
    LocalState.Entry entry = state.read(resource.id());
    Optional<ProcessHandle> qemu = qemuProcess(entry);
    if (qemu.isPresent()) {
      stop(qemu.get(), deadline);
    }
    try {
      state.remove(entry.id());
    } catch (IOException e) {
      throw new CloudException("removing " + state.dir(entry.id()) + ": " + e.getMessage(), 0, e);
    }
    PORTS_IN_USE.remove(entry.port());
  }

  @Override
  public void heartbeat(CloudResource resource, Instant now) throws CloudException {
    LocalState.Entry entry = state.read(resource.id());
    Map<String, String> tags = new LinkedHashMap<>(entry.tags());
    tags.put(BuildIdentity.TAG_HEARTBEAT, now.toString());
    try {
      state.write(entry.withTags(tags));
    } catch (IOException e) {
      throw new CloudException("heartbeat of " + resource + ": " + e.getMessage(), 0, e);
    }
  }

  @Override
  public List<CloudResource> listOwned() throws CloudException {
    List<CloudResource> owned = new ArrayList<>();
    for (LocalState.Entry entry : state.all()) {
      if (entry.tags().containsKey(BuildIdentity.TAG_OWNER)) {
        owned.add(entry.resource());
      }
    }
    return owned;
  }

  /** The running QEMU of an instance: the recorded pid, checked to be ours by its command line. */
  Optional<ProcessHandle> qemuProcess(LocalState.Entry entry) {
    if (entry.pid() <= 0) {
      return Optional.empty();
    }
    String marker = state.dir(entry.id()).toString();
    return ProcessHandle.of(entry.pid())
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
  }

  private static void stop(ProcessHandle qemu, Deadline deadline) throws CloudException {
    qemu.destroy();
    try {
      qemu.onExit()
          .get(
              Math.min(5_000, Math.max(100, deadline.remaining().toMillis())),
              java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      qemu.destroyForcibly();
      try {
        qemu.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception stillThere) {
        throw new CloudException("qemu " + qemu.pid() + " does not exit");
      }
    } catch (InterruptedException e) {
      qemu.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new CloudException("waiting for qemu " + qemu.pid() + ": " + e.getMessage());
    }
  }

  private Process start(Path dir, String id, int port, String accel, BuildInfo info)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.addAll(List.of("qemu-system-x86_64", "-name", "cloudimg-" + id));
    command.addAll(List.of("-accel", accel, "-m", String.valueOf(settings.memoryMb())));
    command.addAll(List.of("-smp", String.valueOf(settings.cpus())));
    command.addAll(List.of("-display", "none", "-monitor", "none", "-vga", "none"));
    command.addAll(List.of("-serial", "file:" + dir.resolve("console.log")));
    command.addAll(List.of("-pidfile", dir.resolve("qemu.pid").toString()));
    command.addAll(
        List.of("-drive", "file=" + dir.resolve("disk.qcow2") + ",format=qcow2,if=virtio"));
    command.addAll(
        List.of("-drive", "file=" + dir.resolve("seed.tar") + ",format=raw,if=virtio,readonly=on"));
    if (Files.exists(dir.resolve("seed.iso"))) {
      command.addAll(
          List.of(
              "-drive", "file=" + dir.resolve("seed.iso") + ",format=raw,if=virtio,readonly=on"));
    }
    command.addAll(List.of("-netdev", "user,id=net0,hostfwd=tcp:127.0.0.1:" + port + "-:22"));
    command.addAll(List.of("-device", "virtio-net-pci,netdev=net0"));
    if (bootsWithUefi(info)) {
      command.addAll(List.of("-bios", ovmf().toString()));
    }
    if (bootsWithKernel(info)) {
      Path kernel = settings.kernel() != null ? settings.kernel() : newestInBoot("vmlinuz-");
      Path initrd = settings.initrd() != null ? settings.initrd() : newestInBoot("initrd.img-");
      String args = settings.kernelArgs() != null ? settings.kernelArgs() : info.kernelArgs();
      command.addAll(List.of("-kernel", kernel.toString(), "-initrd", initrd.toString()));
      command.addAll(List.of("-append", args + " console=ttyS0"));
    }
    Files.writeString(dir.resolve("qemu.cmdline"), String.join(" ", command) + "\n");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("qemu.log").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
  }

  private boolean bootsWithKernel(BuildInfo info) {
    return switch (settings.boot()) {
      case KERNEL -> true;
      case FIRMWARE, UEFI -> false;
      case AUTO -> info.kernelBoot();
    };
  }

  private boolean bootsWithUefi(BuildInfo info) {
    return settings.boot() == BootMode.UEFI || !bootsWithKernel(info) && info.uefiOnly();
  }

  private static Path ovmf() throws IOException {
    return OVMF.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .orElseThrow(
            () ->
                new IOException(
                    "this image boots by UEFI, but there is no OVMF firmware ("
                        + OVMF.get(0)
                        + "): apt-get install ovmf"));
  }

  /** Qemu fails fast on a bad option or a taken port; give it a moment to show that. */
  private static Optional<String> startupFailure(Process qemu, Path dir) throws IOException {
    try {
      if (qemu.waitFor(1500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        return Optional.of(
            "exit " + qemu.exitValue() + ": " + Files.readString(dir.resolve("qemu.log")).strip());
      }
    } catch (InterruptedException e) {
      ProcessRunner.destroyTree(qemu);
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
    return Optional.empty();
  }

  private void writeSeeds(Path dir, String id, BootSpec spec, BuildInfo info)
      throws IOException, CloudException {
    Path seed = Files.createDirectories(dir.resolve("seed"));
    Files.writeString(seed.resolve("cloudimg-seed"), id + "\n");
    Files.writeString(seed.resolve("authorized_keys"), spec.authorizedKey() + "\n");
    List<String> entries = new ArrayList<>(List.of("cloudimg-seed", "authorized_keys"));
    if (spec.hostKey() != null) {
      Path key = seed.resolve("ssh_host_ed25519_key");
      Files.createFile(
          key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(key, spec.hostKey().privateKey());
      Files.writeString(
          seed.resolve("ssh_host_ed25519_key.pub"), spec.hostKey().publicKey() + "\n");
      entries.addAll(List.of("ssh_host_ed25519_key", "ssh_host_ed25519_key.pub"));
    }
    Deadline deadline = Deadline.in("seed", Duration.ofMinutes(1), java.time.Clock.systemUTC());
    List<String> tar =
        new ArrayList<>(
            List.of("tar", "-cf", dir.resolve("seed.tar").toString(), "-C", seed.toString()));
    tar.addAll(entries);
    run(deadline, tar.toArray(String[]::new));
    if (info.cloudInit()) {
      Path userData = dir.resolve("user-data");
      Path metaData = dir.resolve("meta-data");
      Files.writeString(userData, spec.userData());
      Files.writeString(metaData, "instance-id: " + id + "\nlocal-hostname: " + spec.name() + "\n");
      run(
          deadline,
          "cloud-localds",
          dir.resolve("seed.iso").toString(),
          userData.toString(),
          metaData.toString());
    }
    // the tar keeps what the guest needs; no loose copy of the host's private key stays around
    Files.deleteIfExists(seed.resolve("ssh_host_ed25519_key"));
  }

  private static String describeAccel(String accel) {
    return "kvm".equals(accel)
        ? "KVM (hardware virtualisation)"
        : "TCG (software emulation, no usable KVM here: boot to SSH takes minutes, not seconds)";
  }

  private static void run(Deadline deadline, String... command) throws CloudException {
    ProcessRunner.Result result =
        new ProcessRunner().timeout(deadline.remaining().plusSeconds(1)).run(command);
    if (!result.succeeded()) {
      throw new CloudException(result.describeFailure());
    }
  }

  private static String probeFormat(Path file, Deadline deadline) throws CloudException {
    ProcessRunner.Result result =
        new ProcessRunner()
            .timeout(Duration.ofMinutes(1))
            .run("qemu-img", "info", "--output=json", file.toString());
    if (!result.succeeded()) {
      throw new CloudException("qemu-img cannot read " + file + ": " + result.describeFailure());
    }
    try {
      JsonNode info = JSON.readTree(result.output());
      return info.path("format").asText("raw");
    } catch (IOException e) {
      throw new CloudException("qemu-img info of " + file + ": " + e.getMessage(), 0, e);
    }
  }

  private static boolean isDiskFormat(String format) {
    return List.of("qcow2", "raw", "vmdk", "vdi", "vhdx", "vpc").contains(format);
  }

  private static Path download(URI url, Path target, Deadline deadline)
      throws IOException, CloudException {
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(deadline.remaining()).GET().build();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        throw new CloudException(
            "downloading " + url + ": HTTP " + response.statusCode(), response.statusCode(), null);
      }
      try (InputStream in = response.body()) {
        Files.copy(in, target);
      }
      return target;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudException("download of " + url + " interrupted");
    }
  }

  /** The newest by kernel version, as the demo mirror picks the modules it packages. */
  private static Path newestInBoot(String prefix) throws IOException {
    try (var files = Files.list(Path.of("/boot"))) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .max(
              java.util.Comparator.comparing(
                  p -> p.getFileName().toString().substring(prefix.length()),
                  io.jenkins.plugins.cloudimages.support.KernelVersions.ORDER))
          .orElseThrow(
              () -> new IOException("no /boot/" + prefix + "* to boot a partitionless image with"));
    }
  }

  private static synchronized int reservePort() throws IOException {
    for (int i = 0; i < 20; i++) {
      try (java.net.ServerSocket socket =
          new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        int port = socket.getLocalPort();
        if (PORTS_IN_USE.add(port)) {
          return port;
        }
      }
    }
    throw new IOException("no free port on 127.0.0.1");
  }

  private void discard(String id) {
    try {
      state.remove(id);
    } catch (IOException e) {
      log.accept("local: cannot remove " + state.dir(id) + ": " + e.getMessage());
    }
  }

  private void discardInstance(String id) {
    try {
      LocalState.Entry entry = state.read(id);
      qemuProcess(entry).ifPresent(ProcessHandle::destroyForcibly);
      PORTS_IN_USE.remove(entry.port());
    } catch (CloudException gone) {
      // nothing recorded, nothing running
    }
    discard(id);
  }

  private static String tail(Path file) throws CloudException {
    try {
      if (!Files.exists(file)) {
        return "";
      }
      byte[] bytes = Files.readAllBytes(file);
      int from = Math.max(0, bytes.length - 1_000_000);
      return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CloudException("reading " + file + ": " + e.getMessage(), 0, e);
    }
  }

  private static String randomHex() {
    byte[] bytes = new byte[5];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
