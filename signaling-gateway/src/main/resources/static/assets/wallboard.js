// The supervisor wallboard: every queue's live figures, pushed as queue:stats over the WebSocket
// (REST loads them first, and polls them while the socket is down), the agents with their status and
// time in status, the active calls with priority change and forced assignment, and today's
// 15-minute intervals as charts.
import {api} from "./api.js";
import {$, figure, h, percent, replace, say, seconds, svg, time} from "./dom.js";
import {staffPage} from "./page.js";
import {AgentSocket} from "./socket.js";

const POLL_MS = 2000;
const AGENTS_MS = 5000;
const INTERVALS_MS = 60_000;
const STALE_S = 10;
await staffPage(["supervisor", "admin"], "The wallboard needs a supervisor's login.");
const message = $("#message");
// Per queue: the figures, when they arrived, and how far the server's clock runs ahead of ours.
const queues = new Map();
let configured = [];
let agents = [];
// How far our clock runs ahead of the server's, from the agents' answer.
let agentsSkew = 0;
let updatedAt = 0;
let socketState = "connecting";

function level(value, warning, critical) {
  if (value === null || value === undefined) return "ok";
  return value >= critical ? "critical" : value >= warning ? "warning" : "ok";
}

function slLevel(value) {
  if (value === null || value === undefined) return "ok";
  return value >= 0.9 ? "ok" : value > 0.6 ? "warning" : "critical";
}

function tile(name, label, text, state = "ok") {
  return h("div", {class: "tile", dataset: {tile: name, level: state}}, h("span", {class: "label"}, label),
    h("span", {class: "value"}, text), state !== "ok" ? h("span", {class: "flag"}, state === "critical" ? "▲ critical" : "△ warning") : null);
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

function renderQueues() {
  const names = [...new Set([...configured, ...queues.keys()])].sort();
  replace($("#queues"), names.map(name => {
    const entry = queues.get(name);
    const s = entry?.figures;
    const byStatus = s?.agentsByStatus ?? {};
    const wait = longestWait(entry);
    return h("section", {class: "queue", dataset: {queue: name}, "aria-label": "Queue " + name},
      h("h3", {}, name),
      h("div", {class: "tiles"},
        tile("waiting", "Waiting", figure(s?.waiting), level(s?.waiting, 5, 10)),
        tile("longest", "Longest wait", seconds(wait), level(wait, 60_000, 120_000)),
        tile("sl", "Service level", percent(s?.serviceLevel), slLevel(s?.serviceLevel)),
        tile("asa", "ASA", seconds(s?.asaMs)),
        tile("abandoned", "Abandoned", percent(s?.abandonmentRate)),
        tile("answered", "Answered", figure(s?.answered))),
      h("p", {class: "agents"}, "Agents: available " + figure(byStatus.AVAILABLE) + ", on call " + figure(byStatus.BUSY)
        + ", reserved " + figure(byStatus.RESERVED) + ", wrap-up " + figure(byStatus.WRAP_UP) + ", break " + figure(byStatus.BREAK)
        + ", offline " + figure(byStatus.OFFLINE)));
  }));
  $("#queues-empty").hidden = names.length > 0;
}

async function loadQueues() {
  configured = (await api("/api/v1/queues")).queues.map(queue => queue.name);
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
  const words = {connecting: "Connecting…", connected: "Live", reconnecting: "Reconnecting…", failed: "Disconnected"};
  replace(element, words[state] ?? state,
    state === "failed" ? h("button", {type: "button", class: "secondary", onclick: () => location.reload()}, "Reload") : null);
}

function statusSince(agent) {
  return agent.statusSince ? Math.max(0, Date.now() - agentsSkew - Date.parse(agent.statusSince)) : null;
}

function renderAgents() {
  replace($("#agents tbody"), agents.map(agent => h("tr", {dataset: {agent: agent.agentId, status: agent.status}},
    h("td", {}, agent.displayName ?? agent.agentId),
    h("td", {}, h("span", {class: "status", dataset: {status: agent.status}}, agent.status.replace("_", "-").toLowerCase()),
      agent.statusReason ? " (" + agent.statusReason + ")" : null),
    h("td", {}, seconds(statusSince(agent))),
    h("td", {}, (agent.queues ?? []).join(", ") || "—"))));
  $("#agents-empty").hidden = agents.length > 0;
}

async function loadAgents() {
  try {
    const answer = await api("/api/v1/agents");
    agents = answer.agents;
    agentsSkew = answer.serverNow ? Date.now() - Date.parse(answer.serverNow) : 0;
    say($("#agents-message"), "");
  } catch (error) {
    say($("#agents-message"), "Agents not refreshing: " + error.message, "error");
  }
  renderAgents();
}

async function loadCalls() {
  const calls = await api("/api/v1/calls/active");
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
  $("#freshness").textContent = updatedAt ? "Updated " + age + " s ago" : "Loading…";
  $("#freshness").dataset.stale = String(socketState !== "connected" && age > STALE_S);
}, 1000);

if (new URLSearchParams(location.search).get("tv") === "1") document.body.classList.add("tv");
await loadQueues().catch(error => say(message, "Not refreshing: " + error.message, "error"));
new AgentSocket({onMessage, onState}).connect();
poll();
loadAgents();
setInterval(loadAgents, AGENTS_MS);
loadIntervals();
setInterval(loadIntervals, INTERVALS_MS);
