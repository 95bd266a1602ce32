package io.switchboard.gateway.sip;

import io.switchboard.schemas.avro.SipAccount;
import java.time.Instant;
import java.util.List;

/** A SIP account as the admin API shows it: no password and no digest. */
record SipAccountView(String agentId, String username, String realm, String aor, String displayName,
    List<String> queues, List<Skill> skills, int capacity, List<String> algorithms, Instant updatedAt) {

  record Skill(String name, int level) {}

  static SipAccountView of(SipAccount account) {
    List<String> algorithms = new java.util.ArrayList<>();
    if (account.getHa1Sha256() != null) {
      algorithms.add("SHA-256");
    }
    if (account.getHa1Md5() != null) {
      algorithms.add("MD5");
    }
    return new SipAccountView(account.getAgentId(), account.getUsername(), account.getRealm(),
        "sip:" + account.getUsername() + "@" + account.getRealm(), account.getDisplayName(),
        List.copyOf(account.getQueues()),
        account.getSkills().stream().map(skill -> new Skill(skill.getName(), skill.getLevel())).toList(),
        account.getCapacity(), List.copyOf(algorithms), account.getOccurredAt());
  }
}
