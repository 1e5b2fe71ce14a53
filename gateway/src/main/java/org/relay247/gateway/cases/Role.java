package org.relay247.gateway.cases;

/** This node's side of a track: it sent the request, or it received it. */
public enum Role {
  /** This Party asked (sent the request, or made the oral call and confirms it). */
  REQUESTING,
  /** This Party was asked (received the request, or took the oral call). */
  REQUESTED;

  public Role other() {
    return this == REQUESTING ? REQUESTED : REQUESTING;
  }
}
