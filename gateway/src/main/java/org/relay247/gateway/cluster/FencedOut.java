package org.relay247.gateway.cluster;

/**
 * A member tried to change work under a lease it no longer holds: another member took the work
 * over (a higher epoch), or the lease was released. The write is refused and rolled back; the
 * member must stop that work.
 */
public final class FencedOut extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FencedOut(String message) {
    super(message);
  }
}
