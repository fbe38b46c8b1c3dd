package io.jenkins.plugins.cloudimages.build;

import io.jenkins.plugins.cloudimages.build.CommandOutcome.Disposition;
import io.jenkins.plugins.cloudimages.kickstart.Kickstart;
import io.jenkins.plugins.cloudimages.kickstart.KickstartCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rootpw}, {@code group}, {@code user} and {@code sshkey} applied by editing passwd, shadow
 * and group in the root directly (the image has no useradd to run).
 */
final class AccountSettings {
  private static final long DAYS_SINCE_EPOCH = System.currentTimeMillis() / 86_400_000L;
  private final RootTree root;
  private final PasswordHasher passwords;

  AccountSettings(RootTree root, PasswordHasher passwords) {
    this.root = root;
    this.passwords = passwords;
  }

  /** The plain-text passwords of a kickstart's rootpw and user commands, to hash ahead. */
  static List<String> plainPasswords(Kickstart kickstart) {
    return kickstart.commands().stream()
        .filter(c -> !c.hasFlag("--iscrypted"))
        .map(AccountSettings::passwordOf)
        .flatMap(Optional::stream)
        .toList();
  }

  /** The password a rootpw or user command sets, as the kickstart writes it. */
  private static Optional<String> passwordOf(KickstartCommand command) {
    return switch (command.name()) {
      case "rootpw" -> command.positional(Set.of()).stream().findFirst();
      case "user" -> command.option("--password");
      default -> Optional.empty();
    };
  }

  CommandOutcome rootpw(KickstartCommand command) throws IOException, BuildException {
    if (!root.entry("/etc/passwd", "root").isPresent()) {
      return notApplied(command, "the image has no root entry in /etc/passwd");
    }
    String hash = hash(command);
    if (command.hasFlag("--lock")) {
      hash = "!" + hash;
    }
    setShadowPassword("root", hash);
    return new CommandOutcome(
        command, Disposition.APPLIED, command.hasFlag("--lock") ? "locked" : "");
  }

  CommandOutcome group(KickstartCommand command) throws IOException {
    Optional<String> name = command.option("--name");
    if (name.isEmpty()) {
      return notApplied(command, "no --name");
    }
    int gid = command.option("--gid").map(Integer::parseInt).orElseGet(this::nextGid);
    addGroup(name.get(), gid);
    return new CommandOutcome(command, Disposition.APPLIED, "gid " + gid);
  }

  CommandOutcome user(KickstartCommand command) throws IOException, BuildException {
    Optional<String> name = command.option("--name");
    if (name.isEmpty()) {
      return notApplied(command, "no --name");
    }
    if (root.entry("/etc/passwd", name.get()).isPresent()) {
      return notApplied(command, "user " + name.get() + " exists already");
    }
    int uid = command.option("--uid").map(Integer::parseInt).orElseGet(this::nextUid);
    int gid = command.option("--gid").map(Integer::parseInt).orElse(uid);
    if (command.option("--gid").isEmpty()) {
      addGroup(name.get(), gid);
    }
    String home = command.option("--homedir").orElse("/home/" + name.get());
    String shell = command.option("--shell").orElse("/bin/bash");
    String gecos = command.option("--gecos").orElse("");
    append(
        "/etc/passwd",
        name.get() + ":x:" + uid + ":" + gid + ":" + gecos + ":" + home + ":" + shell,
        "rw-r--r--");
    String hash = command.option("--password").isPresent() ? hash(command) : "!!";
    if (command.hasFlag("--lock") && !hash.startsWith("!")) {
      hash = "!" + hash;
    }
    append(
        "/etc/shadow",
        name.get() + ":" + hash + ":" + DAYS_SINCE_EPOCH + ":0:99999:7:::",
        "---------");
    for (String extra :
        command.option("--groups").map(g -> Arrays.asList(g.split(","))).orElse(List.of())) {
      addMember(extra.trim(), name.get());
    }
    root.mkdirs(home, "rwx------", uid, gid);
    return new CommandOutcome(command, Disposition.APPLIED, "uid " + uid + ", home " + home);
  }

  CommandOutcome sshkey(KickstartCommand command) throws IOException {
    String user = command.option("--username").orElse("root");
    Optional<String[]> entry = root.entry("/etc/passwd", user);
    List<String> key = command.positional(Set.of("--username"));
    if (entry.isEmpty()) {
      return notApplied(command, "no user " + user + " in the image");
    }
    if (key.isEmpty()) {
      return notApplied(command, "no key given");
    }
    int uid = Integer.parseInt(entry.get()[2]);
    int gid = Integer.parseInt(entry.get()[3]);
    String home = entry.get()[5];
    root.mkdirs(home + "/.ssh", "rwx------", uid, gid);
    String file = home + "/.ssh/authorized_keys";
    List<String> keys = root.lines(file);
    keys.add(String.join(" ", key));
    root.replaceLines(file, keys, "rw-------");
    root.chown(file, uid, gid);
    return new CommandOutcome(command, Disposition.APPLIED, file);
  }

  private String hash(KickstartCommand command) throws BuildException {
    Optional<String> password = passwordOf(command);
    if (password.isEmpty()) {
      return command.hasFlag("--lock") ? "" : "*";
    }
    return command.hasFlag("--iscrypted") ? password.get() : passwords.hash(password.get());
  }

  private void setShadowPassword(String user, String hash) throws IOException {
    List<String> lines = root.lines("/etc/shadow");
    boolean found = false;
    for (int i = 0; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(":", -1);
      if (fields[0].equals(user) && fields.length >= 2) {
        fields[1] = hash;
        if (fields.length > 2) {
          fields[2] = Long.toString(DAYS_SINCE_EPOCH);
        }
        lines.set(i, String.join(":", fields));
        found = true;
      }
    }
    if (!found) {
      lines.add(user + ":" + hash + ":" + DAYS_SINCE_EPOCH + ":0:99999:7:::");
    }
    root.replaceLines("/etc/shadow", lines, "---------");
  }

  private void addGroup(String name, int gid) throws IOException {
    if (root.entry("/etc/group", name).isEmpty()) {
      append("/etc/group", name + ":x:" + gid + ":", "rw-r--r--");
      if (root.exists("/etc/gshadow")) {
        append("/etc/gshadow", name + ":!::", "---------");
      }
    }
  }

  private void addMember(String group, String user) throws IOException {
    List<String> lines = root.lines("/etc/group");
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split(":", -1);
      if (f[0].equals(group) && f.length == 4) {
        f[3] = f[3].isEmpty() ? user : f[3] + "," + user;
        lines.set(i, String.join(":", f));
      }
    }
    root.replaceLines("/etc/group", lines, "rw-r--r--");
  }

  private void append(String file, String line, String modeIfNew) throws IOException {
    List<String> lines = root.lines(file);
    lines.add(line);
    root.replaceLines(file, lines, modeIfNew);
  }

  private int nextUid() {
    return nextId("/etc/passwd", 2);
  }

  private int nextGid() {
    return nextId("/etc/group", 2);
  }

  /** The next free id from 1000, as useradd picks it. */
  private int nextId(String file, int field) {
    try {
      List<Integer> used = new ArrayList<>();
      for (String line : root.lines(file)) {
        String[] f = line.split(":", -1);
        if (f.length > field && f[field].matches("\\d+")) {
          used.add(Integer.parseInt(f[field]));
        }
      }
      return used.stream()
          .filter(i -> i >= 1000 && i < 60000)
          .max(Integer::compare)
          .map(i -> i + 1)
          .orElse(1000);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CommandOutcome notApplied(KickstartCommand command, String why) {
    return new CommandOutcome(command, Disposition.NOT_APPLIED, why);
  }
}
