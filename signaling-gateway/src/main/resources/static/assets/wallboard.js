// The supervisor wallboard: every queue's live figures (polled every 2 s until the queue:stats push
// arrives), the active calls, and a waiting call's priority change and forced assignment.
import {api} from "./api.js";
import {$, figure, h, percent, replace, say, seconds, time} from "./dom.js";
import {staffPage} from "./page.js";

const POLL_MS = 2000;
await staffPage(["supervisor", "admin"], "The wallboard needs a supervisor's login.");
const message = $("#message");
let updatedAt = 0;

function level(value, warning, critical) {
  if (value === null || value === undefined) return "ok";
  return value >= critical ? "critical" : value >= warning ? "warning" : "ok";
}

function slLevel(value) {
  if (value === null || value === undefined) return "ok";
  return value >= 0.9 ? "ok" : value > 0.6 ? "warning" : "critical";
}

function tile(label, text, state = "ok") {
  return h("div", {class: "tile", dataset: {level: state}}, h("span", {class: "label"}, label),
    h("span", {class: "value"}, text), state !== "ok" ? h("span", {class: "flag"}, state === "critical" ? "▲ critical" : "△ warning") : null);
}

async function stats(queue) {
  try {
    return await api("/api/v1/queues/" + encodeURIComponent(queue) + "/stats");
  } catch {
    return null;
  }
}

async function loadQueues() {
  const {queues} = await api("/api/v1/queues");
  const figures = await Promise.all(queues.map(queue => stats(queue.name)));
  replace($("#queues"), queues.map((queue, i) => {
    const s = figures[i];
    const agents = s?.agentsByStatus ?? {};
    return h("section", {class: "queue", dataset: {queue: queue.name}, "aria-label": "Queue " + queue.name},
      h("h3", {}, queue.name),
      h("div", {class: "tiles"},
        tile("Waiting", figure(s?.waiting), level(s?.waiting, 5, 10)),
        tile("Longest wait", seconds(s?.longestWaitMs), level(s?.longestWaitMs, 60_000, 120_000)),
        tile("Service level", percent(s?.serviceLevel), slLevel(s?.serviceLevel)),
        tile("ASA", seconds(s?.asaMs)),
        tile("Abandoned", percent(s?.abandonmentRate)),
        tile("Answered", figure(s?.answered))),
      h("p", {class: "agents"}, "Agents: available " + figure(agents.AVAILABLE) + ", on call " + figure(agents.BUSY)
        + ", reserved " + figure(agents.RESERVED) + ", wrap-up " + figure(agents.WRAP_UP) + ", break " + figure(agents.BREAK)
        + ", offline " + figure(agents.OFFLINE)));
  }));
  $("#queues-empty").hidden = queues.length > 0;
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

async function poll() {
  try {
    await Promise.all([loadQueues(), loadCalls()]);
    updatedAt = Date.now();
    $("#freshness").dataset.stale = "false";
  } catch (error) {
    say(message, "Not refreshing: " + error.message, "error");
  }
  setTimeout(poll, POLL_MS);
}

setInterval(() => {
  const age = Math.round((Date.now() - updatedAt) / 1000);
  $("#freshness").textContent = updatedAt ? "Updated " + age + " s ago" : "Loading…";
  $("#freshness").dataset.stale = String(age > 10);
}, 1000);

if (new URLSearchParams(location.search).get("tv") === "1") document.body.classList.add("tv");
poll();
