package org.relay247.pki;

import java.util.regex.Pattern;

/** Recognises IP address literals without resolving anything. */
final class IpAddresses {
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

  private IpAddresses() {}

  static boolean isLiteral(String host) {
    return IPV4.matcher(host).matches() || IPV6.matcher(host).matches();
  }
}
