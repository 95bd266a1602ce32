package io.switchboard.identity.user;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * The logins of the form login. It hands out Spring's own {@link User}, a type that Spring
 * Authorization Server's JDBC storage can write and read back with the authorization.
 */
@Service
public class AccountDetails implements UserDetailsService {

  private final UserStore users;

  public AccountDetails(UserStore users) {
    this.users = users;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    UserAccount user = users.findByUsername(username)
        .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    return User.withUsername(user.username()).password(user.passwordHash()).authorities(user.authorities())
        .disabled(!user.enabled()).build();
  }
}
