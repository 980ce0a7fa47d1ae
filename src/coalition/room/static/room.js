// The room's page, better with JavaScript: cards and dots are sent without reloading, and
// the page follows the room (the facilitator's step, reveals, votes) by polling every 1.5 s.
// Every text is set with textContent or comes from the server's escaped templates.
"use strict";

(function () {
  const POLL_MS = 1500;
  const page = document.body.dataset.page;

  function csrf() {
    return document.body.dataset.csrf || "";
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return String(Date.now()) + Math.random().toString(16).slice(2);
  }

  async function send(method, url, body) {
    const response = await fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (!response.ok) throw new Error(data.error || ("HTTP " + response.status));
    return data;
  }

  let signature = "";
  let refreshing = false;
  let poll = 0;

  // The room refuses this device's cookie once it has closed (a new opening has new
  // secrets) or the facilitator freed the name: say so for good and stop polling.
  function roomClosed() {
    window.clearInterval(poll);
    window.clearTimeout(problemTimer);
    const problem = document.getElementById("room-problem");
    if (!problem) return;
    problem.textContent = "The room has closed (or the facilitator freed your name). " +
      "Open the room's link again to join.";
    problem.hidden = false;
  }

  async function refreshLive(force) {
    if (refreshing) return;
    refreshing = true;
    try {
      const response = await fetch("/api/state", { credentials: "same-origin" });
      if (response.status === 403) { roomClosed(); return; }
      if (!response.ok) return;
      const state = await response.json();
      const now = JSON.stringify([state.step, state.cards, state.revealed, state.vote, state.results]);
      if (!force && now === signature) return;
      signature = now;
      const html = await fetch("/room/live", { credentials: "same-origin" });
      if (html.ok) swapParts(await html.text(), force);
      updateKinds(state.step.kinds);
    } catch (e) {
      // offline for a moment: the next poll tries again
    } finally {
      refreshing = false;
    }
  }

  // The server renders the parts (escaped by its templates); each replaces the element of
  // its name, unless someone is typing in it (a card being edited survives the poll).
  function swapParts(html, force) {
    const parsed = new DOMParser().parseFromString(html, "text/html");
    parsed.querySelectorAll("[data-part]").forEach(function (part) {
      const target = document.getElementById(part.dataset.part);
      if (!target || (!force && target.contains(document.activeElement))) return;
      target.replaceChildren(...Array.from(part.childNodes).map(function (n) {
        return document.importNode(n, true);
      }));
    });
  }

  function updateKinds(kinds) {
    const select = document.getElementById("kind");
    if (!select) return;
    const wanted = kinds.map(function (k) { return k.kind; }).join(",");
    const have = Array.from(select.options).map(function (o) { return o.value; }).join(",");
    if (wanted === have) return;
    select.replaceChildren();
    kinds.forEach(function (k) {
      const option = document.createElement("option");
      option.value = k.kind;
      option.textContent = k.label;
      select.appendChild(option);
    });
  }

  function setStatus(text) {
    const status = document.getElementById("compose-status");
    if (status) status.textContent = text;
  }

  // A refused vote, edit or withdrawal is said in a bar at the foot of the screen (role
  // alert: a screen reader reads it out), until the next action succeeds or 10 s pass. A
  // dialog box would stop the page and hide the ballot behind it.
  let problemTimer = 0;

  function showProblem(text) {
    const problem = document.getElementById("room-problem");
    if (!problem) return;
    problem.textContent = text;
    problem.hidden = !text;
    window.clearTimeout(problemTimer);
    if (text) problemTimer = window.setTimeout(function () { showProblem(""); }, 10000);
  }

  let composeKey = newKey();

  async function submitForm(form, submitter) {
    const api = form.dataset.api;
    const fields = new FormData(form);
    if (form.id === "compose") {
      const text = String(fields.get("text") || "");
      setStatus("Saving…");
      try {
        await send("POST", api, { kind: fields.get("kind"), text: text, key: composeKey });
        composeKey = newKey(); // a retry of the same card keeps its key: no duplicate
        form.querySelector("textarea").value = "";
        setStatus("Saved.");
      } catch (e) {
        setStatus("Not saved: " + e.message);
        return;
      }
    } else if (api === "/api/votes") {
      try {
        await send("POST", api, { item: fields.get("item"), dots: Number(fields.get("dots")) });
        showProblem("");
      } catch (e) {
        showProblem("Not placed: " + e.message);
      }
    } else {
      const withdraw = submitter && submitter.value === "withdraw";
      try {
        if (withdraw) await send("DELETE", api);
        else await send("POST", api, { text: fields.get("text") });
        showProblem("");
      } catch (e) {
        showProblem((withdraw ? "Not withdrawn: " : "Not saved: ") + e.message);
      }
    }
    if (document.activeElement && document.activeElement.blur && form.id !== "compose") {
      document.activeElement.blur();
    }
    await refreshLive(true);
  }

  if (page === "room") {
    document.addEventListener("submit", function (event) {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.dataset.api) return;
      event.preventDefault();
      submitForm(form, event.submitter);
    });
    refreshLive(false);
    poll = window.setInterval(function () { refreshLive(false); }, POLL_MS);
  }

  if (page === "facilitator") {
    const token = new URLSearchParams(window.location.search).get("t") || "";
    let seen = "";
    window.setInterval(async function () {
      const active = document.activeElement;
      if (active && active !== document.body && active.tagName !== "BUTTON") return;
      try {
        const response = await fetch("/api/state", { headers: { Authorization: "Bearer " + token } });
        if (!response.ok) return;
        const now = await response.text();
        if (seen && now !== seen) window.location.reload();
        seen = now;
      } catch (e) {
        // try again at the next tick
      }
    }, POLL_MS);
  }
})();
