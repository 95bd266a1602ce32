// The wallboard's view settings, kept in this browser's localStorage: each queue's warning and
// critical levels, and the agents table's filter. They are views of one supervisor's screen, not
// routing's configuration (docs/web-ui.md).

const LEVELS_KEY = "switchboard.wallboard.levels";
const FILTER_KEY = "switchboard.wallboard.agentFilter";

/**
 * Levels of a queue without settings of its own: service level warning below 90 %, critical at or
 * below 60 %; longest wait warning above 60 s, critical above 120 s; waiting warning above 5 calls,
 * critical above 10.
 */
export const DEFAULT_LEVELS = Object.freeze({
  slWarning: 90, slCritical: 60, waitWarning: 60, waitCritical: 120, waitingWarning: 5, waitingCritical: 10});

/** A call in hand for longer than this is amber, then red (seconds since it was answered). */
export const HANDLE_WARNING_S = 180;
export const HANDLE_CRITICAL_S = 300;

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(key) ?? "null");
  } catch {
    return null;
  }
}

/** The queue's levels: its own where this browser has them, the defaults for the rest. */
export function levelsOf(queue) {
  return {...DEFAULT_LEVELS, ...(read(LEVELS_KEY)?.[queue] ?? {})};
}

export function hasOwnLevels(queue) {
  return Boolean(read(LEVELS_KEY)?.[queue]);
}

/** Stores the queue's levels; null goes back to the defaults. */
export function saveLevels(queue, levels) {
  const all = read(LEVELS_KEY) ?? {};
  if (levels) all[queue] = levels;
  else delete all[queue];
  localStorage.setItem(LEVELS_KEY, JSON.stringify(all));
}

/** What is wrong with levels as entered, by field; empty when they can be saved. */
export function levelProblems(levels) {
  const problems = {};
  for (const [name, value] of Object.entries(levels)) {
    if (!Number.isInteger(value) || value < 0) problems[name] = "a whole number, 0 or more";
  }
  for (const name of ["slWarning", "slCritical"]) {
    if (!problems[name] && levels[name] > 100) problems[name] = "at most 100";
  }
  if (!problems.slCritical && !problems.slWarning && levels.slCritical > levels.slWarning) {
    problems.slCritical = "at most the warning level (" + levels.slWarning + ")";
  }
  for (const [warning, critical] of [["waitWarning", "waitCritical"], ["waitingWarning", "waitingCritical"]]) {
    if (!problems[warning] && !problems[critical] && levels[critical] < levels[warning]) {
      problems[critical] = "at least the warning level (" + levels[warning] + ")";
    }
  }
  return problems;
}

/** ok, warning or critical for a figure that is worse the higher it is; ok when there is none. */
export function above(value, warning, critical) {
  if (value === null || value === undefined || Number.isNaN(value)) return "ok";
  return value > critical ? "critical" : value > warning ? "warning" : "ok";
}

/** ok, warning or critical for a service level (a ratio, the levels in %); ok when there is none. */
export function serviceLevel(ratio, levels) {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return "ok";
  const value = ratio * 100;
  return value <= levels.slCritical ? "critical" : value < levels.slWarning ? "warning" : "ok";
}

/** The agents table's filter: status ("" is any), queue ("" is any), and a piece of the name. */
export function savedFilter() {
  return {status: "", queue: "", name: "", ...(read(FILTER_KEY) ?? {})};
}

export function saveFilter(filter) {
  localStorage.setItem(FILTER_KEY, JSON.stringify(filter));
}

export function matches(agent, filter) {
  const name = filter.name.trim().toLowerCase();
  return (!filter.status || agent.status === filter.status)
    && (!filter.queue || (agent.queues ?? []).includes(filter.queue))
    && (!name || (agent.displayName ?? "").toLowerCase().includes(name) || agent.agentId.toLowerCase().includes(name));
}
