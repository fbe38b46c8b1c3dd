package io.jenkins.plugins.cloudimages.support;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders kernel release strings as people read them: runs of digits by value, so 6.1.0-10-amd64 is
 * newer than 6.1.0-9-amd64.
 */
public final class KernelVersions {
  private static final Pattern PART = Pattern.compile("\\d+|\\D+");

  /** The order of kernel release strings, oldest first. */
  public static final Comparator<String> ORDER = KernelVersions::compare;

  private KernelVersions() {}

  static int compare(String a, String b) {
    Matcher left = PART.matcher(a);
    Matcher right = PART.matcher(b);
    while (left.find() && right.find()) {
      String x = left.group();
      String y = right.group();
      boolean numbers = Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0));
      int order =
          numbers
              ? new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y))
              : x.compareTo(y);
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
