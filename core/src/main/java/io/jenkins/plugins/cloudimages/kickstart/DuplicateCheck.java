package io.jenkins.plugins.cloudimages.kickstart;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * pykickstart warns when the same thing is defined twice: a network device, a partition mount
 * point, a logical volume, a volume group, a RAID device, a repo, a user, a group, an ssh user or a
 * zfcp LUN. Single commands given twice are not reported (the last one wins).
 */
final class DuplicateCheck {
  private final SyntaxVersion syntax;
  private final Map<String, Integer> firstLines = new HashMap<>();

  DuplicateCheck(SyntaxVersion syntax) {
    this.syntax = syntax;
  }

  /** A message when this command defines something already defined, else null. */
  String check(String command, OptionChecker.Outcome outcome, SourceLocation at) {
    String key = key(command, outcome);
    if (key == null) {
      return null;
    }
    Integer first = firstLines.putIfAbsent(command + "\u0000" + key, at.line());
    if (first == null) {
      return null;
    }
    return (what(command) + " '" + Text.clip(key) + "' was already defined (line " + first + ")");
  }

  private String key(String command, OptionChecker.Outcome outcome) {
    Map<String, String> given = outcome.given();
    List<String> arguments = outcome.arguments();
    switch (command) {
      case "network":
        return given.getOrDefault("--device", "");
      case "part":
        if (arguments.isEmpty() || arguments.get(0).equals("swap")) {
          return null;
        }
        return normalMountPoint(arguments.get(0));
      case "raid":
        return raidDevice(given.get("--device"));
      case "logvol":
        return given.get("--name") + " in " + given.get("--vgname");
      case "volgroup":
        return arguments.isEmpty() ? null : arguments.get(0);
      case "repo":
      case "user":
      case "group":
        return given.get("--name");
      case "sshkey":
      case "sshpw":
        return given.get("--username");
      case "zfcp":
        return given.get("--devnum") + " " + given.get("--wwpn") + " " + given.get("--fcplun");
      default:
        return null;
    }
  }

  private String raidDevice(String device) {
    if (device == null) {
      return null;
    }
    boolean numbered =
        device.startsWith("md") && device.length() > 2 && device.substring(2).matches("[0-9]+");
    return numbered && !syntax.atLeast(SyntaxVersion.RHEL10) ? device.substring(2) : device;
  }

  /**
   * Python's os.path.normpath for absolute mount points: no doubled or trailing slashes, no dots.
   */
  private static String normalMountPoint(String mountPoint) {
    if (!mountPoint.startsWith("/")) {
      return mountPoint;
    }
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String part : mountPoint.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  private static String what(String command) {
    switch (command) {
      case "network":
        return "network device";
      case "part":
        return "partition mount point";
      case "raid":
        return "RAID device";
      case "logvol":
        return "logical volume";
      case "sshkey":
      case "sshpw":
        return "ssh user";
      default:
        return command;
    }
  }
}
