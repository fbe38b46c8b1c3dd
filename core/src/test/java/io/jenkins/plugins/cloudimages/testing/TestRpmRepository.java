package io.jenkins.plugins.cloudimages.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.cloudimages.support.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A small real RPM repository for tests, made with rpmbuild and createrepo_c and cached under
 * {@code ${CLOUDIMG_CACHE:-/var/cache/cloudimg}/rpmrepo/<digest of the specs>}.
 *
 * <p>Packages: {@code setup} (/etc/passwd, group, shadow), {@code busybox} (Debian's static
 * /bin/busybox with symlinks; provides /bin/sh and coreutils), {@code demo-base} (files with modes
 * 0640 and 0755), {@code demo-app} (a {@code %post} scriptlet writing {@value #POST_MARKER}, a 0750
 * directory, a 0600 file, a document; {@code Requires(post): /bin/sh coreutils}), {@code
 * demo-extra} (plain). Comps groups: {@code core} (setup, busybox) and {@code demo-core} (mandatory
 * demo-base, default demo-app, optional demo-extra).
 */
public final class TestRpmRepository {
  /** File the demo-app {@code %post} scriptlet writes inside the image. */
  public static final String POST_MARKER = "/var/lib/demo-app/installed-by-post";

  /** Packages of the group {@code demo-core} plus {@code core} that dnf installs by default. */
  public static final List<String> DEFAULT_PACKAGES =
      List.of("setup", "busybox", "demo-base", "demo-app");

  private static final String BUSYBOX = "/bin/busybox";
  private static final List<String> APPLETS =
      List.of(
          "sh",
          "cat",
          "chmod",
          "chown",
          "cp",
          "echo",
          "ln",
          "ls",
          "mkdir",
          "mv",
          "rm",
          "touch",
          "id",
          "true",
          "false",
          "test",
          "sed",
          "grep",
          "date",
          "hostname",
          "env",
          "stat");

  private final Path directory;

  private TestRpmRepository(Path directory) {
    this.directory = directory;
  }

  /** The repository folder (holds repodata/), building it first when it is not cached. */
  public static TestRpmRepository get() {
    RequiredTools.require("rpmbuild", "createrepo_c", BUSYBOX);
    Map<String, String> specs = specs();
    Path cached = cacheRoot().resolve("rpmrepo").resolve(digest(specs));
    if (!Files.isRegularFile(cached.resolve("repodata/repomd.xml"))) {
      build(specs, Map.of("busybox", Path.of(BUSYBOX)), COMPS, cached);
    }
    return new TestRpmRepository(cached);
  }

  /**
   * Another repository made the same way, without groups: {@code specs} by package name, {@code
   * sources} (files or folders) copied into SOURCES under their key. Cached under {@code
   * ${CLOUDIMG_CACHE}/<area>/<digest of the specs and of the sources' content>}.
   */
  public static TestRpmRepository of(
      String area, Map<String, String> specs, Map<String, Path> sources) {
    RequiredTools.require("rpmbuild", "createrepo_c");
    Path cached = cacheRoot().resolve(area).resolve(digest(specs, sources));
    if (!Files.isRegularFile(cached.resolve("repodata/repomd.xml"))) {
      build(specs, sources, null, cached);
    }
    return new TestRpmRepository(cached);
  }

  public Path directory() {
    return directory;
  }

  /** {@code file:///...} URL of the repository. */
  public String fileUrl() {
    return directory.toUri().toString();
  }

  /** Serves the repository read-only over HTTP on 127.0.0.1; close to stop. */
  public Server serveHttp() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", this::serve);
      server.start();
      return new Server(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A running HTTP server for the repository. */
  public static final class Server implements AutoCloseable {
    private final HttpServer server;

    private Server(HttpServer server) {
      this.server = server;
    }

    /** {@code http://127.0.0.1:PORT/} */
    public String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = URI.create(exchange.getRequestURI().getPath()).normalize().getPath();
      Path file = directory.resolve(path.replaceFirst("^/+", "")).normalize();
      if (!file.startsWith(directory) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(200, head ? -1 : Files.size(file));
      if (!head) {
        try (InputStream in = Files.newInputStream(file);
            OutputStream out = exchange.getResponseBody()) {
          in.transferTo(out);
        }
      }
    }
  }

  private static Path cacheRoot() {
    String cache = System.getenv("CLOUDIMG_CACHE");
    return Path.of(cache == null || cache.isBlank() ? "/var/cache/cloudimg" : cache);
  }

  private static void build(
      Map<String, String> specs, Map<String, Path> sourceFiles, String comps, Path target) {
    try {
      Files.createDirectories(target.getParent());
      Path work = Files.createTempDirectory(target.getParent(), ".build-");
      try {
        Path sources = Files.createDirectories(work.resolve("top/SOURCES"));
        for (Map.Entry<String, Path> source : sourceFiles.entrySet()) {
          // -L: the file a symbolic link names (shared libraries are links to their version)
          run(
              "cp",
              "-rL",
              source.getValue().toString(),
              sources.resolve(source.getKey()).toString());
        }
        Path specDir = Files.createDirectories(work.resolve("top/SPECS"));
        for (Map.Entry<String, String> spec : specs.entrySet()) {
          Path file = specDir.resolve(spec.getKey() + ".spec");
          Files.writeString(file, spec.getValue());
          run("rpmbuild", "--define", "_topdir " + work.resolve("top"), "-bb", file.toString());
        }
        Path repo = Files.createDirectories(work.resolve("repo"));
        try (Stream<Path> rpms = Files.walk(work.resolve("top/RPMS"))) {
          for (Path rpm : rpms.filter(p -> p.toString().endsWith(".rpm")).toList()) {
            Files.copy(rpm, repo.resolve(rpm.getFileName()));
          }
        }
        if (comps == null) {
          run("createrepo_c", "-q", repo.toString());
        } else {
          Files.writeString(work.resolve("comps.xml"), comps);
          run("createrepo_c", "-q", "-g", work.resolve("comps.xml").toString(), repo.toString());
        }
        try {
          Files.move(repo, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
          // another test process built the same repository first
        } catch (IOException e) {
          if (!Files.isDirectory(target.resolve("repodata"))) {
            throw e;
          }
        }
      } finally {
        deleteTree(work);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the test RPM repository: " + e.getMessage(), e);
    }
  }

  private static void run(String... command) {
    ProcessRunner.Result result = new ProcessRunner().run(command);
    if (!result.succeeded()) {
      throw new IllegalStateException(result.describeFailure());
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String digest(Map<String, String> specs) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      specs.forEach(
          (name, text) -> {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update(text.getBytes(StandardCharsets.UTF_8));
          });
      sha.update(COMPS.getBytes(StandardCharsets.UTF_8));
      sha.update(
          Long.toString(Path.of(BUSYBOX).toFile().length()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String digest(Map<String, String> specs, Map<String, Path> sources) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      new TreeMap<>(specs)
          .forEach(
              (name, text) -> sha.update((name + "\n" + text).getBytes(StandardCharsets.UTF_8)));
      for (Map.Entry<String, Path> source : new TreeMap<>(sources).entrySet()) {
        try (Stream<Path> files = Files.walk(source.getValue())) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            sha.update(
                (source.getKey() + "/" + source.getValue().relativize(file))
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(file));
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String NO_HOST_MAGIC =
      """
      %global debug_package %{nil}
      %global __os_install_post %{nil}
      %global _binary_payload w9.gzdio
      AutoReqProv: no
      """;

  private static Map<String, String> specs() {
    Map<String, String> specs = new TreeMap<>();
    specs.put(
        "setup",
        header("setup", "2.13.7", "noarch", "Users, groups and shadow files")
            + """
            %install
            mkdir -p %{buildroot}/etc
            printf 'root:x:0:0:root:/root:/bin/sh\\nnobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin\\n' > %{buildroot}/etc/passwd
            printf 'root:x:0:\\nwheel:x:10:\\nnobody:x:65534:\\n' > %{buildroot}/etc/group
            printf 'root:*::0:99999:7:::\\nnobody:*:19000:0:99999:7:::\\n' > %{buildroot}/etc/shadow
            printf 'root:::\\nwheel:::\\nnobody:::\\n' > %{buildroot}/etc/gshadow
            %files
            %attr(0644,root,root) %config(noreplace) /etc/passwd
            %attr(0644,root,root) %config(noreplace) /etc/group
            %attr(0000,root,root) %config(noreplace) /etc/shadow
            %attr(0000,root,root) %config(noreplace) /etc/gshadow
            """);
    StringBuilder links = new StringBuilder();
    StringBuilder linkFiles = new StringBuilder();
    for (String applet : APPLETS) {
      links.append("ln -s busybox %{buildroot}/bin/").append(applet).append('\n');
      linkFiles.append("/bin/").append(applet).append('\n');
    }
    specs.put(
        "busybox",
        header(
                "busybox",
                "1.35.0",
                "x86_64",
                "Static busybox as /bin/sh and core tools",
                "Source0: busybox\nProvides: /bin/sh\nProvides: coreutils = 8.32\n")
            + """
            %install
            mkdir -p %{buildroot}/bin
            install -m 0755 %{SOURCE0} %{buildroot}/bin/busybox
            """
            + links
            + "%files\n%attr(0755,root,root) /bin/busybox\n"
            + linkFiles);
    specs.put(
        "demo-base",
        header("demo-base", "1.0", "noarch", "Demo base files with modes")
            + """
            %install
            mkdir -p %{buildroot}/etc/demo %{buildroot}/usr/libexec/demo
            echo 'base=1' > %{buildroot}/etc/demo/base.conf
            printf '#!/bin/sh\\necho hello from demo\\n' > %{buildroot}/usr/libexec/demo/hello
            %files
            %dir %attr(0755,root,root) /etc/demo
            %attr(0640,root,root) %config(noreplace) /etc/demo/base.conf
            %dir %attr(0755,root,root) /usr/libexec/demo
            %attr(0755,root,root) /usr/libexec/demo/hello
            """);
    specs.put(
        "demo-app",
        header(
                "demo-app",
                "2.1",
                "noarch",
                "Demo application with a post scriptlet",
                "Requires: demo-base\nRequires(post): /bin/sh\nRequires(post): coreutils\n")
            + """
            %install
            mkdir -p %{buildroot}/var/lib/demo-app %{buildroot}/etc/demo %{buildroot}/usr/share/doc/demo-app
            echo 'secret=42' > %{buildroot}/etc/demo/app.secret
            echo 'read me' > %{buildroot}/usr/share/doc/demo-app/README
            %post
            echo "post ran for $1" > /var/lib/demo-app/installed-by-post
            chmod 0644 /var/lib/demo-app/installed-by-post
            %files
            %dir %attr(0750,root,root) /var/lib/demo-app
            %attr(0600,root,root) %config(noreplace) /etc/demo/app.secret
            %doc /usr/share/doc/demo-app/README
            """);
    specs.put(
        "demo-extra",
        header("demo-extra", "0.3", "noarch", "Optional demo package")
            + """
            %install
            mkdir -p %{buildroot}/usr/share/demo-extra
            echo extra > %{buildroot}/usr/share/demo-extra/extra.txt
            %files
            /usr/share/demo-extra
            """);
    return specs;
  }

  private static String header(String name, String version, String arch, String summary) {
    return header(name, version, arch, summary, "");
  }

  /** The preamble of a spec: no host magic, the given tags, a description. */
  public static String header(
      String name, String version, String arch, String summary, String tags) {
    return NO_HOST_MAGIC
        + "Name: "
        + name
        + "\nVersion: "
        + version
        + "\nRelease: 1\nSummary: "
        + summary
        + "\nLicense: GPL-2.0-only\nURL: https://example.invalid/"
        + name
        + "\nBuildArch: "
        + arch
        + "\n"
        + tags
        + "%description\n"
        + summary
        + ".\n";
  }

  private static final String COMPS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE comps PUBLIC "-//Red Hat, Inc.//DTD Comps info//EN" "comps.dtd">
      <comps>
        <group>
          <id>core</id>
          <name>Core</name>
          <description>Smallest possible installation</description>
          <default>true</default>
          <uservisible>false</uservisible>
          <packagelist>
            <packagereq type="mandatory">setup</packagereq>
            <packagereq type="mandatory">busybox</packagereq>
          </packagelist>
        </group>
        <group>
          <id>demo-core</id>
          <name>Demo core</name>
          <description>Demo packages for tests</description>
          <default>false</default>
          <uservisible>true</uservisible>
          <packagelist>
            <packagereq type="mandatory">demo-base</packagereq>
            <packagereq type="default">demo-app</packagereq>
            <packagereq type="optional">demo-extra</packagereq>
          </packagelist>
        </group>
      </comps>
      """;
}
