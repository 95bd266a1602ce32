// Small DOM helpers: elements from a tag, attributes and children; no innerHTML with data.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export const $ = (selector, root = document) => root.querySelector(selector);

export function replace(container, ...children) {
  container.replaceChildren(...children.flat().filter(child => child !== null && child !== undefined && child !== false));
}

/** "—" for a missing figure (never 0 for a division by zero). */
export function figure(value, format = String) {
  return value === null || value === undefined || Number.isNaN(value) ? "—" : format(value);
}

export function seconds(ms) {
  if (ms === null || ms === undefined) return "—";
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  return minutes > 0 ? minutes + " min " + String(total % 60).padStart(2, "0") + " s" : total + " s";
}

export function percent(ratio) {
  return figure(ratio, value => Math.round(value * 100) + " %");
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : "—";
}

/** A message in the page's status region (role=status or alert in the markup). */
export function say(element, text, kind = "info") {
  element.textContent = text;
  element.dataset.kind = kind;
  element.hidden = !text;
}

/** The header's sign-in state: who is signed in, and a sign-out button. */
export function userBar(container, user, signOut) {
  replace(container,
    h("span", {class: "who"}, user.claims.preferred_username ?? user.claims.sub),
    h("button", {type: "button", class: "secondary", onclick: signOut}, "Sign out"));
}

/** An SVG element, as h() makes HTML ones (attributes only; no inline style, which the CSP forbids). */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "dataset") Object.assign(element.dataset, value);
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}
