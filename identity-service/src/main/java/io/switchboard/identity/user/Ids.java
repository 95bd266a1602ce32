package io.switchboard.identity.user;

/** The shapes of ids that the issuer accepts, for validation annotations. */
public final class Ids {

  /** Usernames, agent ids and client ids. */
  public static final String ID = "[A-Za-z0-9_.:@-]{1,128}";
  public static final String ID_MESSAGE = "must match " + ID;
  public static final String TENANT = "[A-Za-z0-9_-]{1,64}";
  public static final String TENANT_MESSAGE = "must match " + TENANT;

  private Ids() {}
}
