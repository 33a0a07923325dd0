// The students' page of a live class. Every text from the class is put in
// with textContent (never as HTML) and dir="auto", so that a name, a note or a
// demand in any script reads as it should and none can run as code.
"use strict";

const store = window.sessionStorage;
const $ = (id) => document.getElementById(id);
let state = null;
// Choices not yet acknowledged (the phone slept, the Wi-Fi dropped): sent again.
const pending = new Map();
// Notes being typed: kept when the page is drawn again (the teacher moved on,
// a choice was saved) until they are sent.
const drafts = new Map();
let events = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function say(message, error) {
  const status = $("status");
  status.textContent = message || "";
  status.className = error ? "error" : "";
}

function session() {
  const token = store.getItem("stances-token");
  const code = store.getItem("stances-code");
  return token && code ? { token, code } : null;
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
    cache: "no-store",
  });
  let answer = {};
  try { answer = await response.json(); } catch (_) { /* not JSON: the words below */ }
  if (!response.ok) {
    const error = new Error(answer.error || `The teacher's computer answered ${response.status}.`);
    error.status = response.status;
    error.retryAfter = Number(response.headers.get("Retry-After")) || 0;
    throw error;
  }
  return answer;
}

async function join(event) {
  event.preventDefault();
  const code = $("code").value.trim();
  const name = $("name").value.trim();
  try {
    const answer = await call("POST", "/api/join", { code, name });
    store.setItem("stances-token", answer.token);
    store.setItem("stances-code", code);
    say("");
    start();
  } catch (e) {
    say(e.message, true);
  }
}

function start() {
  $("join").hidden = true;
  $("step").hidden = false;
  listen();
}

function listen() {
  const s = session();
  if (!s) return;
  if (events) events.close();
  const query = new URLSearchParams({ code: s.code, token: s.token });
  // EventSource reconnects by itself after a sleep or a dropped network.
  events = new EventSource(`/api/events?${query}`);
  events.addEventListener("stage", () => refresh());
  events.addEventListener("ended", ended);
  // (Re)connected: whatever the teacher did meanwhile is asked for again.
  events.onopen = () => { say(""); refresh(); flush(); };
  events.onerror = () => say("Reconnecting to the teacher's computer…");
}

// The teacher stopped the class and handed it in: nothing more to send.
function ended() {
  if (events) events.close();
  events = null;
  store.removeItem("stances-token");
  const step = $("step");
  step.replaceChildren(
    el("h2", { text: "The class has ended" }),
    el("p", { text: "Your choices are with your teacher. Thank you!" }),
  );
  step.hidden = false;
  $("join").hidden = true;
  say("");
}

async function refresh() {
  const s = session();
  if (!s) return;
  const query = new URLSearchParams({ code: s.code, token: s.token });
  try {
    state = await call("GET", `/api/page?${query}`);
    render();
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      // The session is unknown (another class, or the code changed): join again.
      store.removeItem("stances-token");
      $("join").hidden = false;
      $("step").hidden = true;
      say(e.message, true);
    } else {
      say("Reconnecting to the teacher's computer…");
    }
  }
}

function statusOf(id) {
  return (state.statuses || []).find((s) => s.id === id);
}

function render() {
  const step = $("step");
  const focused = document.activeElement && document.activeElement.id;
  step.replaceChildren();
  $("title").textContent = state.negotiation ? `${state.negotiation} · live class` : "Stances · live class";
  const who = $("who");
  who.hidden = false;
  who.textContent = `You are coding as ${state.name}`;
  who.setAttribute("dir", "auto");
  const issue = state.issue;
  if (!issue) {
    step.append(el("h2", { text: "Waiting for the teacher to show the first issue…" }));
    return;
  }
  step.append(el("h2", { text: issue.name, dir: "auto" }));
  if (issue.description) step.append(el("p", { class: "description", text: issue.description, dir: "auto" }));
  if (issue.closed) step.append(el("p", { class: "closed", text: "Voting on this issue is closed: your choices are kept as they are." }));
  const sides = el("div", { class: "sides" });
  for (const side of issue.sides) {
    const column = el("section", { class: "side" }, el("h3", { text: side.name, dir: "auto" }));
    if (side.demands.length === 0) column.append(el("p", { class: "hint", text: "Nothing on this issue." }));
    for (const demand of side.demands) column.append(card(demand, issue));
    sides.append(column);
  }
  step.append(sides);
  if (focused && $(focused)) $(focused).focus();
}

// An id made of a demand's reference (and a status): the same on every drawing.
function idOf(...parts) {
  return parts.join("-").replace(/[^A-Za-z0-9_-]/g, "_");
}

function card(demand, issue) {
  const key = demand.reference.join("/");
  const mine = pending.get(key) || demand.mine;
  const box = el("article", { class: "demand", tabindex: "-1" });
  box.append(el("p", { class: "text", text: demand.text, dir: "auto" }));
  const group = el("div", { class: "statuses", role: "group", "aria-label": "Your status for this demand" });
  for (const status of state.statuses) {
    const chosen = mine && mine.status === status.id;
    const button = el("button", {
      id: idOf("status", key, status.id),
      type: "button",
      "aria-pressed": chosen ? "true" : "false",
      disabled: issue.closed,
      title: status.description || null,
    });
    button.style.background = status.color;
    button.style.borderColor = status.color;
    button.style.color = status.text_color;
    // The status chosen says so by a tick too, not by its outline alone.
    if (chosen) button.append(el("span", { class: "tick", text: "✓", "aria-hidden": "true" }));
    button.append(el("span", { text: status.label, dir: "auto" }));
    if (status.key) button.append(el("span", { class: "key", text: `(${status.key})`, "aria-hidden": "true" }));
    button.addEventListener("click", () => choose(demand, status.id, note.value));
    group.append(button);
  }
  box.append(group);
  const noteId = idOf("note", key);
  const note = el("textarea", { id: noteId, maxlength: 500, dir: "auto", disabled: issue.closed, placeholder: "Why? (optional)" });
  note.value = drafts.has(key) ? drafts.get(key) : (mine ? mine.note : "");
  note.addEventListener("input", () => drafts.set(key, note.value));
  note.addEventListener("change", () => { if (mine || pending.get(key)) choose(demand, (pending.get(key) || mine).status, note.value); });
  box.append(el("div", { class: "note" }, el("label", { for: noteId, text: "Note" }), note));
  const saved = el("p", { class: "saved", "aria-live": "polite", text: pending.has(key) ? "Sending…" : (mine ? "Saved." : "") });
  box.append(saved);
  // A status's key gives it to the demand whose card has the focus.
  box.addEventListener("keydown", (e) => {
    if (e.target.tagName === "TEXTAREA" || e.ctrlKey || e.metaKey || e.altKey || issue.closed) return;
    const status = state.statuses.find((s) => s.key && s.key.toLowerCase() === e.key.toLowerCase());
    if (status) { e.preventDefault(); choose(demand, status.id, note.value); }
  });
  if (issue.revealed && demand.tally) box.append(...tally(demand));
  return box;
}

function tally(demand) {
  const total = demand.tally.reduce((n, c) => n + c.count, 0);
  const bar = el("div", { class: "tally", role: "img" });
  const words = [];
  for (const count of demand.tally) {
    const status = statusOf(count.status);
    const part = el("span", {});
    part.style.width = `${(100 * count.count) / Math.max(total, 1)}%`;
    part.style.background = status ? status.color : "#868e96";
    bar.append(part);
    words.push(`${status ? status.label : count.status} ${count.count}`);
  }
  bar.setAttribute("aria-label", `The class: ${words.join(", ") || "no one coded it"}`);
  const out = [bar, el("p", { class: "tally-words", text: `The class: ${words.join(" · ") || "no one coded it"}` })];
  if (demand.key) {
    const status = statusOf(demand.key);
    out.push(el("p", { class: "tally-words", text: `Your teacher: ${status ? status.label : demand.key}` }));
  }
  return out;
}

async function choose(demand, status, note) {
  const key = demand.reference.join("/");
  pending.set(key, { status, note, demand: demand.reference });
  render();
  await send(key);
}

async function send(key) {
  const s = session();
  const choice = pending.get(key);
  if (!s || !choice) return;
  try {
    await call("POST", "/api/vote", { code: s.code, token: s.token, demand: choice.demand, status: choice.status, note: choice.note });
    pending.delete(key);
    if (drafts.get(key) === choice.note) drafts.delete(key);
    await refresh();
  } catch (e) {
    if (e.status === 429) {
      // Too many at once: kept, and sent again when the server says.
      say(e.message);
      setTimeout(() => send(key), Math.max(1, e.retryAfter) * 1000);
    } else if (e.status) {
      // Refused (closed, unknown): said, and not sent again.
      pending.delete(key);
      say(e.message, true);
      await refresh();
    } else {
      say("Not sent yet: your choice is kept and sent when the connection is back.");
    }
  }
}

function flush() {
  for (const key of [...pending.keys()]) send(key);
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && session()) { refresh(); flush(); }
});
window.addEventListener("online", () => { if (session()) { refresh(); flush(); } });

window.addEventListener("DOMContentLoaded", () => {
  $("join").addEventListener("submit", join);
  const fromLink = new URLSearchParams(window.location.search).get("code");
  if (fromLink) $("code").value = fromLink;
  if (session()) start();
  else (fromLink ? $("name") : $("code")).focus();
});
