package org.relay247.simulator.demo;

/** A step of the demo did not happen as it should; the message says which and why. */
final class DemoFailure extends Exception {
  private static final long serialVersionUID = 1L;

  DemoFailure(String message) {
    super(message);
  }

  DemoFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
