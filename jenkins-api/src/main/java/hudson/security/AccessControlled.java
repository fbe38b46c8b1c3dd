package hudson.security;

public interface AccessControlled {
  default boolean hasPermission(Permission permission) {
    throw new UnsupportedOperationException();
  }
}
