package io.switchboard.gateway.call;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/** The parties of a call as call-state knows them, for the signaling and WebSocket packages. */
@Configuration(proxyBeanMethods = false)
class CallPartiesConfiguration {

  /** Read with the caller's tenant, so another tenant's call is never found. */
  @Bean
  CallParties callParties(CallStateClient callState) {
    return (caller, callId) -> callState.find(caller.tenant(), callId).flatMap(call -> Mono.justOrEmpty(
        CallParties.side(caller, call.agentId(), call.customerId()).map(side ->
            new CallParties.PartyCall(callId, call.state(), side, call.agentId(), call.customerId()))));
  }
}
