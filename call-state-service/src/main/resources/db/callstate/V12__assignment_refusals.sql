-- Why the routing engine refused a supervisor's forced assignment (AssignmentRefused.reason:
-- CALL_NOT_WAITING, AGENT_UNKNOWN, AGENT_NOT_AVAILABLE, AGENT_AT_CAPACITY, UNKNOWN); null for
-- every other decision. The agent named goes in agent_id, as for offers.
ALTER TABLE routing_decisions ADD COLUMN refusal text;
