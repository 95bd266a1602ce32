// Admin: queues (the editor maps the API's validation errors onto their fields), logins (the
// identity service's /api/v1/users, on the issuer's origin), widget keys.
import {api, ApiError} from "./api.js";
import {uiConfig} from "./auth.js";
import {$, h, replace, say, time} from "./dom.js";
import {staffPage} from "./page.js";

await staffPage(["admin"], "The admin pages need an admin's login.");
const config = await uiConfig();
const QUEUE_FIELDS = ["name", "strategy", "priorityBase", "serviceLevelSeconds", "reservationTimeoutSeconds", "wrapUpSeconds",
  "maxNoAnswer", "maxWaitSeconds", "maxWaitAction", "noAgentAction", "overflowQueue", "capacity"];
const NUMBERS = new Set(["priorityBase", "serviceLevelSeconds", "reservationTimeoutSeconds", "wrapUpSeconds", "maxNoAnswer",
  "maxWaitSeconds", "capacity"]);

/** Reloads a list until the row just written shows: the gateway's copy of a topic lags its write. */
async function reloadUntil(load, selector) {
  for (let i = 0; i < 20; i++) {
    await new Promise(resolve => setTimeout(resolve, 300));
    await load();
    if (!selector || document.querySelector(selector)) return;
  }
}

// ---- Queues ----

const queueForm = $("#queue-form");

async function loadQueues() {
  const {queues} = await api("/api/v1/queues");
  replace($("#queue-list tbody"), queues.map(queue => h("tr", {dataset: {queue: queue.name}},
    h("td", {}, queue.name), h("td", {}, queue.strategy), h("td", {}, queue.priorityBase), h("td", {}, queue.serviceLevelSeconds + " s"),
    h("td", {},
      h("button", {type: "button", class: "secondary", onclick: () => edit(queue)}, "Edit " + queue.name),
      " ",
      h("button", {type: "button", class: "danger", onclick: () => removeQueue(queue.name)}, "Delete " + queue.name)))));
  $("#queue-list-empty").hidden = queues.length > 0;
}

function edit(queue) {
  for (const field of QUEUE_FIELDS) {
    const input = queueForm.elements[field];
    input.value = queue[field] ?? "";
  }
  clearErrors(queueForm);
  queueForm.elements.name.focus();
}

async function removeQueue(name) {
  if (!confirm("Delete queue " + name + "?")) return;
  try {
    await api("/api/v1/queues/" + encodeURIComponent(name), {method: "DELETE"});
    say($("#queue-message"), "Queue " + name + " deleted.");
    reloadUntil(loadQueues);
  } catch (error) {
    say($("#queue-message"), error.message, "error");
  }
}

queueForm.addEventListener("submit", async event => {
  event.preventDefault();
  clearErrors(queueForm);
  const name = queueForm.elements.name.value.trim();
  if (!name) return showErrors(queueForm, [{field: "name", detail: "A queue needs a name"}]);
  const body = {};
  for (const field of QUEUE_FIELDS.slice(1)) {
    const value = queueForm.elements[field].value.trim();
    if (value === "") continue;
    body[field] = NUMBERS.has(field) && /^-?[0-9]+$/.test(value) ? Number(value) : value;
  }
  try {
    await api("/api/v1/queues/" + encodeURIComponent(name), {method: "PUT", body});
    say($("#queue-message"), "Queue " + name + " saved.");
    queueForm.reset();
    reloadUntil(loadQueues, "#queue-list tr[data-queue=\"" + CSS.escape(name) + "\"]");
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) showErrors(queueForm, queueProblems(error.message));
    else say($("#queue-message"), error.message, "error");
  }
});

/**
 * The queue API lists every broken rule in one message, each beginning with its field
 * ("Invalid queue config: capacity must be at least 1, got 0; maxNoAnswer must …"); a field the
 * form does not have goes to the summary alone.
 */
export function queueProblems(text) {
  const rules = text.replace(/^Invalid queue config:\s*/, "").replace(/^Malformed queue config at /, "").split(/;\s+/);
  return rules.map(rule => {
    const match = /^(?:queue name|([A-Za-z]+))\b/.exec(rule);
    const field = rule.startsWith("queue name") ? "name" : (match?.[1] ?? null);
    return {field: QUEUE_FIELDS.includes(field) ? field : null, detail: rule};
  });
}

function clearErrors(form) {
  form.querySelectorAll("[aria-invalid]").forEach(input => {
    input.removeAttribute("aria-invalid");
    input.removeAttribute("aria-describedby");
  });
  form.querySelectorAll(".field-error").forEach(element => element.remove());
  const summary = form.querySelector(".error-summary");
  summary.hidden = true;
  replace(summary);
}

function showErrors(form, problems) {
  const summary = form.querySelector(".error-summary");
  const items = problems.map((problem, i) => {
    const input = problem.field ? form.elements[problem.field] : null;
    if (input) {
      const id = form.id + "-" + problem.field + "-error-" + i;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", id);
      input.insertAdjacentElement("afterend", h("p", {class: "field-error", id}, problem.detail));
      return h("li", {}, h("a", {href: "#" + input.id}, problem.detail));
    }
    return h("li", {}, problem.detail);
  });
  replace(summary, h("h3", {}, problems.length === 1 ? "1 problem" : problems.length + " problems"), h("ul", {}, items));
  summary.hidden = false;
  summary.focus();
}

// ---- Logins (identity service) ----

const userForm = $("#user-form");

async function loadUsers() {
  try {
    const users = await api("/api/v1/users", {base: config.issuerUrl});
    replace($("#user-list tbody"), users.map(user => h("tr", {dataset: {username: user.username}},
      h("td", {}, user.username), h("td", {}, (user.roles ?? []).join(", ")), h("td", {}, user.agentId ?? "—"),
      h("td", {}, user.enabled ? "yes" : "no"),
      h("td", {}, h("button", {type: "button", class: "secondary", onclick: () => toggle(user)},
        (user.enabled ? "Disable " : "Enable ") + user.username)))));
  } catch (error) {
    say($("#user-message"), "Logins unavailable: " + error.message, "error");
  }
}

async function toggle(user) {
  try {
    await api("/api/v1/users/" + encodeURIComponent(user.username), {method: "PATCH", body: {enabled: !user.enabled}, base: config.issuerUrl});
    loadUsers();
  } catch (error) {
    say($("#user-message"), error.message, "error");
  }
}

userForm.addEventListener("submit", async event => {
  event.preventDefault();
  clearErrors(userForm);
  const roles = [...userForm.querySelectorAll("input[name=roles]:checked")].map(input => input.value);
  const body = {username: userForm.elements.username.value.trim(), password: userForm.elements.password.value, roles};
  const agentId = userForm.elements.agentId.value.trim();
  const displayName = userForm.elements.displayName.value.trim();
  if (agentId) body.agentId = agentId;
  if (displayName) body.displayName = displayName;
  try {
    await api("/api/v1/users", {method: "POST", body, base: config.issuerUrl});
    say($("#user-message"), "Login " + body.username + " made.");
    userForm.reset();
    loadUsers();
  } catch (error) {
    const fields = ["username", "password", "agentId", "displayName"];
    const problems = error.message.replace(/^[^:]*:\s*/, "").split(/;\s+/).map(detail => {
      const field = fields.find(name => detail.startsWith(name));
      return {field: field ?? null, detail};
    });
    showErrors(userForm, problems);
  }
});

// ---- Widget keys ----

const keyForm = $("#key-form");

async function loadKeys() {
  const {keys} = await api("/api/v1/widget-keys");
  replace($("#key-list tbody"), keys.map(key => {
    const link = "/call/?key=" + encodeURIComponent(key.id) + (key.queue ? "&queue=" + encodeURIComponent(key.queue) : "");
    return h("tr", {dataset: {key: key.id}},
      h("td", {}, key.label), h("td", {}, h("code", {}, key.id)), h("td", {}, key.queue ?? "—"),
      h("td", {}, (key.allowedOrigins ?? []).join(" ")), h("td", {}, time(key.createdAt)),
      h("td", {}, h("a", {href: link, class: "call-link"}, "Call page"), " ",
        h("button", {type: "button", class: "danger", onclick: () => revoke(key)}, "Revoke " + key.label)));
  }));
  $("#key-list-empty").hidden = keys.length > 0;
}

async function revoke(key) {
  if (!confirm("Revoke widget key " + key.label + "? Its pages stop working at their next request.")) return;
  try {
    await api("/api/v1/widget-keys/" + encodeURIComponent(key.id), {method: "DELETE"});
    reloadUntil(loadKeys);
  } catch (error) {
    say($("#key-message"), error.message, "error");
  }
}

keyForm.elements.allowedOrigins.value = location.origin;
keyForm.addEventListener("submit", async event => {
  event.preventDefault();
  clearErrors(keyForm);
  const body = {label: keyForm.elements.label.value.trim(),
    allowedOrigins: keyForm.elements.allowedOrigins.value.split(/[\s,]+/).filter(Boolean)};
  const queue = keyForm.elements.queue.value.trim();
  if (queue) body.queue = queue;
  try {
    const key = await api("/api/v1/widget-keys", {method: "POST", body});
    say($("#key-message"), "Widget key " + key.id + " made.");
    keyForm.elements.label.value = "";
    reloadUntil(loadKeys, "#key-list tr[data-key=\"" + CSS.escape(key.id) + "\"]");
  } catch (error) {
    showErrors(keyForm, [{field: null, detail: error.message}]);
  }
});

await Promise.all([loadQueues(), loadUsers(), loadKeys()]).catch(error => say($("#queue-message"), error.message, "error"));
