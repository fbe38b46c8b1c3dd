package io.jenkins.plugins.cloudimages.tfunctional;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a directory as a gzip-compressed POSIX ustar archive that GNU tar and busybox tar unpack.
 * Executable bits are kept (tests only run when executable); owners are not. A {@code .git} folder
 * is left out.
 */
final class TarGzArchive {
  private static final int BLOCK = 512;

  private TarGzArchive() {}

  static void write(Path dir, OutputStream target) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("suite directory " + dir + " does not exist");
    }
    List<Path> entries = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> !p.equals(dir))
          .filter(p -> !dir.relativize(p).toString().equals(".git"))
          .filter(p -> !dir.relativize(p).toString().startsWith(".git/"))
          .sorted()
          .forEach(entries::add);
    }
    GZIPOutputStream gzip = new GZIPOutputStream(target, 64 * 1024);
    for (Path path : entries) {
      String name = dir.relativize(path).toString().replace('\\', '/');
      if (Files.isSymbolicLink(path)) {
        String link = Files.readSymbolicLink(path).toString();
        gzip.write(header(name, 0777, 0, '2', link, mtime(path)));
      } else if (Files.isDirectory(path)) {
        gzip.write(header(name + "/", 0755, 0, '5', "", mtime(path)));
      } else if (Files.isRegularFile(path)) {
        long size = Files.size(path);
        int mode = Files.isExecutable(path) ? 0755 : 0644;
        gzip.write(header(name, mode, size, '0', "", mtime(path)));
        long copied;
        try (InputStream in = Files.newInputStream(path)) {
          copied = in.transferTo(gzip);
        }
        if (copied != size) {
          throw new IOException(path + " changed while it was archived");
        }
        gzip.write(new byte[(int) ((BLOCK - size % BLOCK) % BLOCK)]);
      }
    }
    gzip.write(new byte[2 * BLOCK]);
    gzip.finish();
    gzip.flush();
  }

  private static long mtime(Path path) throws IOException {
    return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toMillis() / 1000;
  }

  private static byte[] header(String name, int mode, long size, char type, String link, long mtime)
      throws IOException {
    byte[] header = new byte[BLOCK];
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    String prefix = "";
    if (nameBytes.length > 100) {
      int split = splitPoint(name);
      if (split < 0) {
        throw new IOException("path too long for a tar archive: " + name);
      }
      prefix = name.substring(0, split);
      name = name.substring(split + 1);
    }
    put(header, 0, 100, name);
    octal(header, 100, 8, mode);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, size);
    octal(header, 136, 12, mtime);
    header[156] = (byte) type;
    put(header, 157, 100, link);
    put(header, 257, 6, "ustar");
    put(header, 263, 2, "00");
    put(header, 265, 32, "root");
    put(header, 297, 32, "root");
    put(header, 345, 155, prefix);
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    String checksum = String.format("%06o", sum);
    put(header, 148, 6, checksum);
    header[154] = 0;
    header[155] = ' ';
    return header;
  }

  /** Where to cut a long name into ustar's prefix (up to 155 bytes) and name (up to 100). */
  private static int splitPoint(String name) {
    for (int i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
      int prefixLength = name.substring(0, i).getBytes(StandardCharsets.UTF_8).length;
      int rest = name.substring(i + 1).getBytes(StandardCharsets.UTF_8).length;
      if (prefixLength <= 155 && rest <= 100 && rest > 0) {
        return i;
      }
    }
    return -1;
  }

  private static void put(byte[] header, int offset, int length, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > length) {
      throw new IOException("name too long for a tar archive: " + value);
    }
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  private static void octal(byte[] header, int offset, int length, long value) throws IOException {
    put(header, offset, length - 1, String.format("%0" + (length - 1) + "o", value));
  }
}
