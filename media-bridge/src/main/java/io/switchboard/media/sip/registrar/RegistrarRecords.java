package io.switchboard.media.sip.registrar;

import io.switchboard.schemas.avro.SipAccount;
import io.switchboard.schemas.avro.SipBindings;
import io.switchboard.schemas.avro.SipContact;
import io.switchboard.schemas.avro.SipSkill;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** Between the registrar's values and the Avro records of its topics. */
final class RegistrarRecords {

  private RegistrarRecords() {}

  /** The credential of an account record read under {@code tenantId/username}. */
  static SipCredential credential(String tenantId, String username, SipAccount account) {
    if (!account.getTenantId().equals(tenantId) || !account.getUsername().equals(username)) {
      throw new IllegalArgumentException("account " + account.getTenantId() + "/" + account.getUsername()
          + " under the key " + tenantId + "/" + username);
    }
    Map<DigestAlgorithm, String> ha1 = new EnumMap<>(DigestAlgorithm.class);
    if (account.getHa1Sha256() != null) {
      ha1.put(DigestAlgorithm.SHA_256, account.getHa1Sha256().toLowerCase(java.util.Locale.ROOT));
    }
    if (account.getHa1Md5() != null) {
      ha1.put(DigestAlgorithm.MD5, account.getHa1Md5().toLowerCase(java.util.Locale.ROOT));
    }
    AgentProfile profile = new AgentProfile(account.getDisplayName(), account.getQueues(),
        account.getSkills().stream().map(skill -> new AgentProfile.Skill(skill.getName(), skill.getLevel())).toList(),
        account.getCapacity());
    return new SipCredential(tenantId, account.getRealm(), username, account.getAgentId(), ha1, profile);
  }

  /** The account record of a credential, as an admin tool or test writes it. */
  static SipAccount account(SipCredential credential, String source, Instant at) {
    return SipAccount.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(credential.tenantId())
        .setOccurredAt(at)
        .setSource(source)
        .setUsername(credential.username())
        .setRealm(credential.realm())
        .setAgentId(credential.agentId())
        .setHa1Sha256(credential.ha1().get(DigestAlgorithm.SHA_256))
        .setHa1Md5(credential.ha1().get(DigestAlgorithm.MD5))
        .setDisplayName(credential.profile().displayName())
        .setQueues(credential.profile().queues())
        .setSkills(credential.profile().skills().stream()
            .map(skill -> new SipSkill(skill.name(), skill.level())).toList())
        .setCapacity(credential.profile().capacity())
        .build();
  }

  static SipBindings record(AgentBindings bindings, Instant at) {
    return SipBindings.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(bindings.tenantId())
        .setOccurredAt(at)
        .setSource(bindings.owner())
        .setAgentId(bindings.agentId())
        .setAor(bindings.aor())
        .setContacts(bindings.contacts().stream()
            .map(binding -> SipContact.newBuilder()
                .setUri(binding.contact())
                .setExpiresAt(binding.expiresAt())
                .setCallId(binding.callId())
                .setCseq(binding.cseq())
                .build())
            .toList())
        .build();
  }

  /** The bindings of a record read under {@code tenantId/agentId}. */
  static AgentBindings bindings(String tenantId, String agentId, SipBindings record) {
    if (!record.getTenantId().equals(tenantId) || !record.getAgentId().equals(agentId)) {
      throw new IllegalArgumentException("bindings of " + record.getTenantId() + "/" + record.getAgentId()
          + " under the key " + tenantId + "/" + agentId);
    }
    return new AgentBindings(tenantId, agentId, record.getAor(),
        record.getContacts().stream()
            .map(contact -> new Binding(contact.getUri(), contact.getExpiresAt(), contact.getCallId(), contact.getCseq()))
            .toList(),
        record.getSource(), record.getOccurredAt());
  }
}
