package org.relay247.gateway.node;

import org.relay247.protocol.v1.InnerMessage;

/** The example Art. 9 request of {@link CaseExchangeTest}, for tests in other packages. */
public final class CaseExchangeTestAccess {
  private CaseExchangeTestAccess() {}

  public static InnerMessage art9Request() throws Exception {
    return CaseExchangeTest.art9Request();
  }
}
