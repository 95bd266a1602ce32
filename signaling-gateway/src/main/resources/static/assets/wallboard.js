// The supervisor wallboard: every queue's live figures, pushed as queue:stats over the WebSocket
// (REST loads them first, and polls them while the socket is down), coloured by each queue's warning
// and critical levels (this browser's view settings, wallboard-settings.js); the agents with their
// status, time in status and current call, filtered by status, queue and name; the active calls with
// priority change and forced assignment; and today's 15-minute intervals as charts. ?tv=1 is the
// TV mode: dark, large figures, no controls.
import {api} from "./api.js";
import {$, figure, h, percent, replace, say, seconds, svg, time} from "./dom.js";
import {staffPage} from "./page.js";
import {AgentSocket} from "./socket.js";
import {above, HANDLE_CRITICAL_S, HANDLE_WARNING_S, hasOwnLevels, levelProblems, levelsOf, matches, saveFilter,
  savedFilter, saveLevels, serviceLevel} from "./wallboard-settings.js";

const POLL_MS = 2000;
const AGENTS_MS = 5000;
const INTERVALS_MS = 60_000;
const STALE_S = 10;
const TV_RETRY_MS = 30_000;
const tv = new URLSearchParams(location.search).get("tv") === "1";
await staffPage(["supervisor", "admin"], "The wallboard needs a supervisor's login.");
const message = $("#message");
// Per queue: the figures, when they arrived, and how far the server's clock runs ahead of ours.
const queues = new Map();
// Per queue on the page: its section; the tiles and the agents line are redrawn, the levels form stays.
const sections = new Map();
let configured = [];
let agents = [];
// The active calls, from the last poll: the agents' current calls come from them.
let calls = [];
// How far our clock runs ahead of the server's, from the agents' answer.
let agentsSkew = 0;
let updatedAt = 0;
let socketState = "connecting";
const filter = savedFilter();

const STATUSES = [["AVAILABLE", "available"], ["BUSY", "on call"], ["RESERVED", "reserved"], ["WRAP_UP", "wrap-up"],
  ["BREAK", "break"], ["OFFLINE", "offline"]];

/** The level in words, next to its colour: a colour alone says nothing to some (WCAG 1.4.1). */
function flag(state) {
  return state === "ok" ? null : h("span", {class: "flag"}, state === "critical" ? "▲ critical" : "△ warning");
}

function tile(name, label, text, state = "ok") {
  return h("div", {class: "tile", dataset: {tile: name, level: state}}, h("span", {class: "label"}, label),
    h("span", {class: "value"}, text), flag(state));
}

/** Figures from the push or from REST; `asOf` is when longestWaitMs was true, on the server's clock. */
function remember(name, figures, asOf, serverNow) {
  queues.set(name, {figures, receivedAt: Date.now(), asOf: Date.parse(asOf), skew: Date.parse(serverNow) - Date.now()});
  updatedAt = Date.now();
}

/** The longest wait now: it runs on from the snapshot while calls wait (routing writes only on change). */
function longestWait(entry) {
  const s = entry?.figures;
  if (!s || s.longestWaitMs === null || s.longestWaitMs === undefined) return null;
  if (!s.waiting) return s.longestWaitMs;
  const serverNow = Date.now() + entry.skew;
  return s.longestWaitMs + Math.max(0, serverNow - entry.asOf);
}

const LEVEL_FIELDS = [
  ["slWarning", "Service level: warning below (%)"], ["slCritical", "Service level: critical at or below (%)"],
  ["waitWarning", "Longest wait: warning above (s)"], ["waitCritical", "Longest wait: critical above (s)"],
  ["waitingWarning", "Waiting: warning above (calls)"], ["waitingCritical", "Waiting: critical above (calls)"]];
let editors = 0;

/** The queue's levels, editable here and kept in this browser. */
function levelsEditor(queue) {
  const id = "levels-" + ++editors;
  const summary = h("summary", {});
  const status = h("p", {role: "status", hidden: true});
  const inputs = {}, errors = {};
  const fields = LEVEL_FIELDS.map(([key, label]) => {
    errors[key] = h("p", {class: "field-error", id: id + "-" + key + "-error", hidden: true});
    inputs[key] = h("input", {type: "number", min: 0, max: key.startsWith("sl") ? 100 : null, step: 1, class: "short",
      id: id + "-" + key, required: true});
    return h("div", {}, h("label", {for: inputs[key].id}, label), inputs[key], errors[key]);
  });
  const show = problems => LEVEL_FIELDS.forEach(([key]) => {
    const problem = problems[key];
    errors[key].textContent = problem ? "Must be " + problem + "." : "";
    errors[key].hidden = !problem;
    if (problem) {
      inputs[key].setAttribute("aria-invalid", "true");
      inputs[key].setAttribute("aria-describedby", errors[key].id);
    } else {
      inputs[key].removeAttribute("aria-invalid");
      inputs[key].removeAttribute("aria-describedby");
    }
  });
  const fill = () => {
    const levels = levelsOf(queue);
    LEVEL_FIELDS.forEach(([key]) => { inputs[key].value = levels[key]; });
    summary.textContent = "Warning levels of " + queue + (hasOwnLevels(queue) ? " (set in this browser)" : " (defaults)");
    show({});
  };
  const save = event => {
    event.preventDefault();
    const levels = Object.fromEntries(LEVEL_FIELDS.map(([key]) => [key, inputs[key].value === "" ? NaN : Number(inputs[key].value)]));
    const problems = levelProblems(levels);
    show(problems);
    const first = LEVEL_FIELDS.find(([key]) => problems[key]);
    if (first) {
      say(status, "Not saved: see the fields marked.", "error");
      inputs[first[0]].focus();
      return;
    }
    saveLevels(queue, levels);
    fill();
    say(status, "Saved in this browser.");
    renderQueues();
  };
  const reset = () => {
    saveLevels(queue, null);
    fill();
    say(status, "Back to the defaults.");
    renderQueues();
  };
  fill();
  return h("details", {class: "levels"}, summary,
    h("form", {novalidate: true, onsubmit: save},
      h("div", {class: "grid"}, fields),
      h("div", {class: "actions"}, h("button", {type: "submit", class: "secondary"}, "Save levels"),
        h("button", {type: "button", class: "secondary", onclick: reset}, "Defaults")),
      status));
}

function queueSection(name) {
  if (!sections.has(name)) {
    const tiles = h("div", {class: "tiles"});
    const line = h("p", {class: "agents"});
    const element = h("section", {class: "queue", dataset: {queue: name}, "aria-label": "Queue " + name},
      h("h3", {}, name), tiles, line, levelsEditor(name));
    sections.set(name, {element, tiles, line});
  }
  return sections.get(name);
}

function renderQueues() {
  const names = [...new Set([...configured, ...queues.keys()])].sort();
  const elements = names.map(name => {
    const entry = queues.get(name);
    const s = entry?.figures;
    const byStatus = s?.agentsByStatus ?? {};
    const wait = longestWait(entry);
    const levels = levelsOf(name);
    const {element, tiles, line} = queueSection(name);
    replace(tiles,
      tile("waiting", "Waiting", figure(s?.waiting), above(s?.waiting, levels.waitingWarning, levels.waitingCritical)),
      tile("longest", "Longest wait", seconds(wait),
        above(wait === null ? null : wait / 1000, levels.waitWarning, levels.waitCritical)),
      tile("sl", "Service level", percent(s?.serviceLevel), serviceLevel(s?.serviceLevel, levels)),
      tile("asa", "ASA", seconds(s?.asaMs)),
      tile("abandoned", "Abandoned", percent(s?.abandonmentRate)),
      tile("answered", "Answered", figure(s?.answered)));
    line.textContent = "Agents: " + STATUSES.map(([status, words]) => words + " " + figure(byStatus[status])).join(", ");
    return element;
  });
  // Moved only when the queues change, so that a levels form keeps its focus and what is typed in it.
  const container = $("#queues");
  if (elements.length !== container.children.length || elements.some((element, i) => container.children[i] !== element)) {
    replace(container, elements);
  }
  $("#queues-empty").hidden = names.length > 0;
}

async function loadQueues() {
  configured = (await api("/api/v1/queues")).queues.map(queue => queue.name);
  renderQueueOptions();
  await Promise.all(configured.map(async name => {
    try {
      const s = await api("/api/v1/queues/" + encodeURIComponent(name) + "/stats");
      remember(name, s, s.asOf, s.asOf);
    } catch {
      // No figures yet (404) or routing unreachable: the tiles say "—" until the push brings some.
    }
  }));
  renderQueues();
}

function onMessage(frame) {
  if (frame.type !== "queue:stats") return;
  const s = frame.data;
  remember(s.queue, s, s.updatedAt, s.serverNow);
}

function onState(state) {
  socketState = state;
  const element = $("#connection");
  element.dataset.state = state;
  const words = {connecting: "Connecting…", connected: "Live", reconnecting: "Reconnecting…",
    failed: tv ? "Disconnected, trying again in 30 s" : "Disconnected"};
  replace(element, words[state] ?? state,
    state === "failed" && !tv ? h("button", {type: "button", class: "secondary", onclick: () => location.reload()}, "Reload") : null);
  // A TV has nobody to press Reload: it tries again for ever.
  if (state === "failed" && tv) {
    setTimeout(() => {
      socket.attempts = 0;
      socket.connect();
    }, TV_RETRY_MS);
  }
}

function sinceMs(iso) {
  return iso ? Math.max(0, Date.now() - agentsSkew - Date.parse(iso)) : null;
}

/** The agent's answered call, from the active calls: its queue and how long it has been in hand. */
function currentCall(agent) {
  const call = calls.find(each => each.agentId === agent.agentId && each.answeredAt);
  if (!call) return h("td", {class: "call"}, "—");
  const handle = sinceMs(call.answeredAt);
  const state = above(handle / 1000, HANDLE_WARNING_S, HANDLE_CRITICAL_S);
  return h("td", {class: "call", dataset: {level: state, callId: call.callId}}, (call.queue ?? "—") + " · " + seconds(handle),
    call.state === "ON_HOLD" ? " (on hold)" : null, " ", flag(state));
}

function renderAgents() {
  const shown = agents.filter(agent => matches(agent, filter));
  replace($("#agents tbody"), shown.map(agent => h("tr", {dataset: {agent: agent.agentId, status: agent.status}},
    h("td", {}, agent.displayName ?? agent.agentId),
    h("td", {}, h("span", {class: "status", dataset: {status: agent.status}}, agent.status.replace("_", "-").toLowerCase()),
      agent.statusReason ? " (" + agent.statusReason + ")" : null),
    h("td", {}, seconds(sinceMs(agent.statusSince))),
    currentCall(agent),
    h("td", {}, (agent.queues ?? []).join(", ") || "—"))));
  $("#agents-empty").hidden = agents.length > 0;
  $("#agents-filtered").hidden = agents.length === 0 || shown.length > 0;
  // Each agent once, however many queues it serves.
  const counts = {};
  new Map(shown.map(agent => [agent.agentId, agent])).forEach(agent => { counts[agent.status] = (counts[agent.status] ?? 0) + 1; });
  const filtered = filter.status || filter.queue || filter.name.trim();
  $("#agent-totals").textContent = (filtered ? "Shown " + shown.length + " of " + agents.length + " agents ("
    + [filter.status && "status " + STATUSES.find(([status]) => status === filter.status)?.[1],
      filter.queue && "queue " + filter.queue, filter.name.trim() && "name “" + filter.name.trim() + "”"].filter(Boolean).join(", ")
    + ")" : agents.length + (agents.length === 1 ? " agent" : " agents")) + ": " + STATUSES.map(([status, words]) => words + " " + (counts[status] ?? 0)).join(", ");
}

/** The queue filter offers the configured queues and those the agents serve. */
function renderQueueOptions() {
  const select = $("#f-queue");
  const names = [...new Set([...configured, ...agents.flatMap(agent => agent.queues ?? []), filter.queue].filter(Boolean))].sort();
  if ([...select.options].slice(1).map(option => option.value).join("\n") === names.join("\n")) return;
  replace(select, h("option", {value: ""}, "Any"), names.map(name => h("option", {value: name}, name)));
  select.value = filter.queue;
}

function readFilter() {
  Object.assign(filter, {status: $("#f-status").value, queue: $("#f-queue").value, name: $("#f-name").value});
  saveFilter(filter);
  renderAgents();
}

function setUpFilter() {
  const form = $("#agent-filter");
  $("#f-status").value = filter.status;
  $("#f-name").value = filter.name;
  renderQueueOptions();
  filter.status = $("#f-status").value;
  form.addEventListener("input", readFilter);
  form.addEventListener("submit", event => event.preventDefault());
  // The form's reset sets the controls back after this event: read them once it has.
  form.addEventListener("reset", () => setTimeout(readFilter));
}

async function loadAgents() {
  try {
    const answer = await api("/api/v1/agents");
    agents = answer.agents;
    renderQueueOptions();
    agentsSkew = answer.serverNow ? Date.now() - Date.parse(answer.serverNow) : 0;
    say($("#agents-message"), "");
  } catch (error) {
    say($("#agents-message"), "Agents not refreshing: " + error.message, "error");
  }
  renderAgents();
}

async function loadCalls() {
  calls = await api("/api/v1/calls/active");
  replace($("#active tbody"), calls.map(call => h("tr", {dataset: {callId: call.callId, state: call.state}},
    h("td", {}, call.queue ?? "—"), h("td", {}, call.state), h("td", {}, figure(call.priority)),
    h("td", {}, time(call.queuedAt)), h("td", {}, call.agentId ?? "—"),
    h("td", {}, call.state === "QUEUED" ? actions(call) : null))));
  $("#active-empty").hidden = calls.length > 0;
}

function actions(call) {
  const priority = h("input", {type: "number", min: 0, max: 1000000, value: call.priority ?? 100, "aria-label": "New priority", class: "short"});
  const agent = h("input", {type: "text", "aria-label": "Agent id", placeholder: "agent id", class: "short"});
  return h("div", {class: "row-actions"},
    h("form", {onsubmit: event => { event.preventDefault(); change(call.callId, priority.value); }},
      priority, h("button", {type: "submit", class: "secondary"}, "Set priority")),
    h("form", {onsubmit: event => { event.preventDefault(); assign(call.callId, agent.value.trim()); }},
      agent, h("button", {type: "submit", class: "secondary"}, "Assign")));
}

async function change(callId, priority) {
  if (!confirm("Set this call's priority to " + priority + "? (Higher is served first.)")) return;
  try {
    await api("/api/v1/calls/" + callId, {method: "PATCH", body: {priority: Number(priority)}});
    say(message, "Priority change sent; the list shows it once routing has it.");
  } catch (error) {
    say(message, error.message, "error");
  }
}

async function assign(callId, agentId) {
  if (!agentId) return say(message, "Name the agent to assign the call to.", "error");
  try {
    await api("/api/v1/calls/" + callId + "/assign", {method: "POST", body: {agentId}});
    say(message, "Offered to " + agentId + "; routing refuses it if the agent is not available.");
  } catch (error) {
    say(message, error.message, "error");
  }
}

// Today's quarter hours: offered, answered and abandoned as bars, service level as a line, with the
// same figures in a table (a chart alone says nothing to a screen reader).
const SERIES = [["offered", "Offered"], ["answered", "Answered"], ["abandoned", "Abandoned"]];

function chart(queue, rows) {
  const width = 96 * 6, height = 160, pad = 24;
  const slots = 96;
  const max = Math.max(1, ...rows.map(row => Math.max(row.offered, row.answered, row.abandoned)));
  const dayStart = startOfDay().getTime();
  const slot = row => Math.floor((Date.parse(row.intervalStart) - dayStart) / 900_000);
  const barWidth = (width - pad) / slots / SERIES.length;
  const bars = rows.flatMap(row => SERIES.map(([key, label], i) => {
    const value = row[key];
    const barHeight = (height - pad) * value / max;
    return svg("rect", {class: "bar " + key, x: pad + slot(row) * barWidth * SERIES.length + i * barWidth,
      y: height - pad - barHeight, width: Math.max(1, barWidth - 0.5), height: barHeight},
      svg("title", {}, time(row.intervalStart) + " " + label.toLowerCase() + ": " + value));
  }));
  const sl = rows.filter(row => row.serviceLevel !== null && row.serviceLevel !== undefined)
    .map(row => (pad + (slot(row) + 0.5) * barWidth * SERIES.length) + "," + (height - pad - (height - pad) * row.serviceLevel));
  const hours = [0, 6, 12, 18, 24].map(hour => svg("text", {class: "tick", x: pad + hour * 4 * barWidth * SERIES.length,
    y: height - 6, "text-anchor": hour === 24 ? "end" : hour === 0 ? "start" : "middle"}, String(hour).padStart(2, "0") + ":00"));
  return svg("svg", {viewBox: "0 0 " + width + " " + height, role: "img", class: "chart", dataset: {queue},
      "aria-label": "Queue " + queue + ": calls per quarter hour today, highest " + max},
    svg("line", {class: "axis", x1: pad, y1: height - pad, x2: width, y2: height - pad}),
    svg("text", {class: "tick", x: 0, y: 12}, String(max)),
    bars,
    sl.length > 1 ? svg("polyline", {class: "sl", points: sl.join(" ")}) : null,
    hours);
}

function intervalTable(rows) {
  return h("div", {class: "table-wrap"}, h("table", {class: "intervals"},
    h("thead", {}, h("tr", {}, h("th", {scope: "col"}, "From"), h("th", {scope: "col"}, "Offered"), h("th", {scope: "col"}, "Answered"),
      h("th", {scope: "col"}, "Abandoned"), h("th", {scope: "col"}, "Service level"), h("th", {scope: "col"}, "ASA"))),
    h("tbody", {}, rows.map(row => h("tr", {},
      h("td", {}, time(row.intervalStart)), h("td", {}, figure(row.offered)), h("td", {}, figure(row.answered)),
      h("td", {}, figure(row.abandoned)), h("td", {}, percent(row.serviceLevel)), h("td", {}, seconds(row.asaMs)))))));
}

function startOfDay() {
  const day = new Date();
  day.setHours(0, 0, 0, 0);
  return day;
}

async function loadIntervals() {
  const from = startOfDay();
  const to = new Date(from.getTime() + 24 * 3600_000);
  try {
    const {rows} = await api("/api/v1/reports/queues/intervals?from=" + encodeURIComponent(from.toISOString())
      + "&to=" + encodeURIComponent(to.toISOString()));
    const byQueue = new Map();
    rows.forEach(row => byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]));
    replace($("#intervals"), [...byQueue.entries()].map(([queue, queueRows]) => h("figure", {class: "interval-chart", dataset: {queue}},
      h("figcaption", {}, queue + ": offered, answered and abandoned per quarter hour; the line is the service level"),
      chart(queue, queueRows),
      h("details", {}, h("summary", {}, "Figures of " + queue), intervalTable(queueRows)))));
    $("#intervals-empty").hidden = byQueue.size > 0;
    say($("#intervals-message"), "");
  } catch (error) {
    say($("#intervals-message"), "Intervals not available: " + error.message, "error");
  }
}

async function poll() {
  try {
    // While the push is live, REST only brings the calls; else the figures too.
    await Promise.all(socketState === "connected" ? [loadCalls()] : [loadQueues(), loadCalls()]);
    if (socketState !== "connected") updatedAt = Date.now();
    say(message, "");
  } catch (error) {
    say(message, "Not refreshing: " + error.message, "error");
  }
  setTimeout(poll, POLL_MS);
}

// Redraw at most once a second: the longest waits and times in status run on between pushes.
setInterval(() => {
  renderQueues();
  renderAgents();
  const age = Math.round((Date.now() - updatedAt) / 1000);
  const stale = socketState !== "connected" && age > STALE_S;
  $("#freshness").textContent = updatedAt ? (stale ? "⚠ " : "") + "Updated " + age + " s ago" + (stale ? ", not refreshing" : "") : "Loading…";
  $("#freshness").dataset.stale = String(stale);
}, 1000);

if (tv) {
  document.body.classList.add("tv");
  $("#tv-link").textContent = "Leave TV mode";
  $("#tv-link").href = location.pathname;
}
setUpFilter();
const socket = new AgentSocket({onMessage, onState});
await loadQueues().catch(error => say(message, "Not refreshing: " + error.message, "error"));
socket.connect();
poll();
loadAgents();
setInterval(loadAgents, AGENTS_MS);
loadIntervals();
setInterval(loadIntervals, INTERVALS_MS);
