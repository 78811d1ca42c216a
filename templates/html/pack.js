/* build_decks study pack: browse, search, filter, study with a Leitner schedule.
   Card HTML was sanitized at build time; everything else is set with textContent. */
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("bd-data").textContent);
  const cards = data.cards;
  const byId = new Map(cards.map((card) => [card.id, card]));
  const topicTitle = new Map(data.topics.map((t) => [t.id, t.title]));
  const STORE = "build_decks:" + data.key;
  const DAY = 86400000;
  const INTERVAL_DAYS = [0, 0, 1, 3, 7, 16, 35]; // by Leitner box 1..6
  const PAGE = 100;
  const KIND = { qa: "Q&A", term: "Term", prompt: "Practice prompt", cloze: "Cloze" };
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // Progress: {version, cards: {id: {box, due, reps, last}}}, kept in localStorage.
  let progress = load();
  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE) || "null");
      if (saved && saved.version === 1 && saved.cards) return saved;
    } catch (error) { /* unreadable storage: start fresh */ }
    return { version: 1, cards: {} };
  }
  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(progress)); } catch (error) {
      announce("Progress could not be saved in this browser: export it instead.");
    }
  }
  function announce(message) {
    const live = $("bd-live");
    live.textContent = "";
    window.setTimeout(() => { live.textContent = message; }, 30);
  }
  const isKnown = (id) => (progress.cards[id] || {}).box >= 3;
  const isDue = (id, now) => { const p = progress.cards[id]; return !p || p.due <= now; };

  function grade(id, value, now) {
    const old = progress.cards[id] || { box: 1, reps: 0 };
    let box = old.box;
    if (value === 1) box = 1;
    else if (value === 3) box = Math.min(6, box + 1);
    else if (value === 4) box = Math.min(6, box + 2);
    const days = value === 1 ? 0 : value === 2 ? Math.max(1, INTERVAL_DAYS[box] / 2) : INTERVAL_DAYS[box];
    const due = value === 1 ? now + 60000 : now + days * DAY;
    progress.cards[id] = { box, due, reps: old.reps + 1, last: now };
    save();
  }

  // Browse: filters, search, incremental list.
  const filters = { query: "", topic: "", kind: "", source: "", answered: "" };
  let matches = [];
  let shown = 0;

  function applyFilters() {
    const terms = filters.query.toLowerCase().split(/\s+/).filter(Boolean);
    matches = cards.filter((c) =>
      (!filters.topic || c.topic === filters.topic) &&
      (!filters.kind || c.kind === filters.kind) &&
      (!filters.source || c.deck === filters.source) &&
      (!filters.answered || (filters.answered === "yes") === (c.kind !== "prompt")) &&
      terms.every((term) => c.search.includes(term)));
  }

  // Cloze text: every deletion not yet revealed shows as a blank with its hint. Each reveal
  // renders the text again, so a deletion inside another one appears with its parent.
  function showCloze(node, card, revealed) {
    node.innerHTML = card.q;
    for (const span of node.querySelectorAll(".cloze")) {
      if (!node.contains(span) || revealed.has(Number(span.dataset.c))) continue;
      const hint = span.dataset.hint;
      span.textContent = "[" + (hint || "…") + "]";
      span.classList.add("blank");
      span.setAttribute("aria-label", "blank " + span.dataset.c + (hint ? ", hint: " + hint : ""));
    }
  }

  function answerNode(card, id) {
    const answer = el("div", "answer");
    if (id) answer.id = id;
    if (card.a) {
      answer.innerHTML = card.a;
    } else if (card.kind !== "cloze") {
      answer.append(el("p", "no-answer", "No reference answer: practise it aloud, then compare with the related cards."));
    }
    if (card.related && card.related.length) {
      const box = el("div", "related");
      box.append(el("p", "meta", "Related cards"));
      const list = el("ul");
      for (const rid of card.related) {
        const other = byId.get(rid);
        if (!other) continue;
        const item = el("li");
        const link = el("a");
        link.href = "#" + rid;
        link.innerHTML = other.q;
        item.append(link);
        list.append(item);
      }
      box.append(list);
      answer.append(box);
    }
    return answer;
  }

  function metaText(card) {
    const p = progress.cards[card.id];
    const state = p ? "box " + p.box + (isKnown(card.id) ? ", known" : "") : "new";
    return topicTitle.get(card.topic) + " · " + KIND[card.kind] + " · " + state;
  }

  function cardNode(card) {
    const node = el("article", "card");
    node.id = card.id;
    node.tabIndex = -1;
    node.setAttribute("aria-labelledby", "q-" + card.id);
    node.append(el("p", "meta", metaText(card)));
    const question = el(card.kind === "cloze" ? "div" : "h2", "q");
    question.id = "q-" + card.id;
    if (card.kind === "cloze") showCloze(question, card, new Set()); else question.innerHTML = card.q;
    node.append(question);
    const button = el("button", "reveal", "Show answer");
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "a-" + card.id);
    const answer = answerNode(card, "a-" + card.id);
    answer.hidden = true;
    button.addEventListener("click", () => {
      const open = answer.hidden;
      answer.hidden = !open;
      if (card.kind === "cloze") showCloze(question, card, new Set(open ? card.c : []));
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? "Hide answer" : "Show answer";
    });
    node.append(button, answer);
    const footer = el("footer");
    const link = el("a", null, "Link to this card");
    link.href = "#" + card.id;
    footer.append(link, document.createTextNode(" · " + card.source + (card.attribution ? " · " + card.attribution : "")));
    node.append(footer);
    return node;
  }

  function renderMore() {
    const list = $("bd-list");
    const fragment = document.createDocumentFragment();
    const end = Math.min(matches.length, shown + PAGE);
    for (let i = shown; i < end; i += 1) fragment.append(cardNode(matches[i]));
    list.append(fragment);
    shown = end;
    $("bd-more").hidden = shown >= matches.length;
  }

  function renderList() {
    applyFilters();
    $("bd-list").textContent = "";
    shown = 0;
    renderMore();
    $("bd-count").textContent = "Showing " + matches.length + " of " + cards.length + " cards";
  }

  function renderTopics() {
    const list = $("bd-topics");
    list.textContent = "";
    for (const topic of data.topics) {
      const ids = cards.filter((c) => c.topic === topic.id).map((c) => c.id);
      if (!ids.length) continue;
      const known = ids.filter(isKnown).length;
      const seen = ids.filter((id) => progress.cards[id]).length;
      const item = el("li");
      const button = el("button", null, topic.title);
      button.type = "button";
      button.dataset.topic = topic.id;
      button.setAttribute("aria-pressed", String(filters.topic === topic.id));
      button.addEventListener("click", () => {
        filters.topic = filters.topic === topic.id ? "" : topic.id;
        $("bd-topic").value = filters.topic;
        refresh();
      });
      const stat = el("span", "stat", known + " of " + ids.length + " known · " + seen + " studied");
      stat.id = "stat-" + topic.id;
      const bar = el("progress");
      bar.max = ids.length;
      bar.value = known;
      bar.setAttribute("aria-label", topic.title + ": " + known + " of " + ids.length + " known");
      button.append(stat);
      item.append(button, bar);
      list.append(item);
    }
  }

  function refresh() {
    renderTopics();
    if (mode === "study") startStudy(false); else renderList();
  }

  let searchTimer = 0;
  $("bd-search").addEventListener("input", (event) => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => { filters.query = event.target.value; refresh(); }, 120);
  });
  for (const [id, key] of [["bd-topic", "topic"], ["bd-kind", "kind"], ["bd-source", "source"], ["bd-answered", "answered"]]) {
    $(id).addEventListener("change", (event) => { filters[key] = event.target.value; refresh(); });
  }
  $("bd-filters").addEventListener("submit", (event) => event.preventDefault());
  $("bd-more").addEventListener("click", renderMore);

  // Deep links: #card-id shows, opens and focuses that card.
  function showTarget() {
    const id = decodeURIComponent(location.hash.slice(1));
    const card = byId.get(id);
    if (!card) return;
    if (mode !== "browse") setMode("browse");
    let node = document.getElementById(id);
    if (!node) {
      node = cardNode(card);
      $("bd-list").prepend(node);
    }
    for (const old of document.querySelectorAll(".card.targeted")) old.classList.remove("targeted");
    node.classList.add("targeted");
    const button = node.querySelector(".reveal");
    if (button && button.getAttribute("aria-expanded") === "false") button.click();
    node.scrollIntoView({ block: "start" });
    node.focus();
  }
  window.addEventListener("hashchange", showTarget);

  // Study mode.
  let mode = "browse";
  let queue = [];
  let current = null;
  let revealed = new Set(); // cloze numbers shown so far on the current card
  let ahead = false;

  function setMode(next) {
    mode = next;
    $("bd-browse").hidden = next !== "browse";
    $("bd-study").hidden = next !== "study";
    $("bd-mode-browse").setAttribute("aria-pressed", String(next === "browse"));
    $("bd-mode-study").setAttribute("aria-pressed", String(next === "study"));
    if (next === "study") startStudy(true); else renderList();
  }

  function startStudy(resetAhead) {
    if (resetAhead) ahead = false;
    applyFilters();
    const now = Date.now();
    const due = matches.filter((c) => ahead || isDue(c.id, now));
    due.sort((a, b) => ((progress.cards[a.id] || {}).due || 0) - ((progress.cards[b.id] || {}).due || 0));
    queue = due.map((c) => c.id);
    nextCard();
  }

  function nextCard() {
    current = queue.length ? byId.get(queue.shift()) : null;
    const answer = $("bd-study-answer");
    answer.hidden = true;
    answer.textContent = "";
    $("bd-grades").hidden = true;
    $("bd-reveal").hidden = !current;
    $("bd-ahead").hidden = Boolean(current) || ahead;
    if (!current) {
      $("bd-study-meta").textContent = "";
      $("bd-study-q").textContent = ahead ? "No cards match the filters." : "Nothing is due in this selection.";
      $("bd-study-status").textContent = "Done for now";
      return;
    }
    $("bd-study-meta").textContent = metaText(current);
    revealed = new Set();
    if (current.kind === "cloze") showCloze($("bd-study-q"), current, revealed);
    else $("bd-study-q").innerHTML = current.q;
    setRevealLabel();
    $("bd-study-status").textContent = (queue.length + 1) + " to study in this selection";
    $("bd-reveal").focus();
  }

  function setRevealLabel() {
    const cloze = current && current.kind === "cloze";
    $("bd-reveal-label").textContent = cloze
      ? "Reveal blank " + (revealed.size + 1) + " of " + current.c.length : "Show answer";
  }

  function reveal() {
    if (!current || !$("bd-study-answer").hidden) return;
    if (current.kind === "cloze") { // one number at a time, as Anki asks them
      revealed.add(current.c.find((n) => !revealed.has(n)));
      showCloze($("bd-study-q"), current, revealed);
      if (revealed.size < current.c.length) {
        setRevealLabel();
        announce("Blank " + revealed.size + " revealed.");
        return;
      }
    }
    const answer = $("bd-study-answer");
    answer.append(...answerNode(current).childNodes);
    answer.hidden = false;
    $("bd-reveal").hidden = true;
    $("bd-grades").hidden = false;
    announce("Answer shown. " + answer.textContent.slice(0, 300));
    $("bd-grades").querySelector("button").focus();
  }

  function gradeCurrent(value) {
    if (!current || $("bd-grades").hidden) return;
    grade(current.id, value, Date.now());
    announce(["Again", "Hard", "Good", "Easy"][value - 1] + ": saved.");
    renderTopics();
    nextCard();
  }

  $("bd-mode-browse").addEventListener("click", () => setMode("browse"));
  $("bd-mode-study").addEventListener("click", () => setMode("study"));
  $("bd-reveal").addEventListener("click", reveal);
  $("bd-ahead").addEventListener("click", () => { ahead = true; startStudy(false); });
  for (const button of document.querySelectorAll("#bd-grades button")) {
    button.addEventListener("click", () => gradeCurrent(Number(button.dataset.grade)));
  }

  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName);
    if (typing || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "/" && mode === "browse") {
      event.preventDefault();
      $("bd-search").focus();
    } else if (event.key === "s" || event.key === "S") {
      setMode(mode === "study" ? "browse" : "study");
    } else if (mode === "study" && event.key === " ") {
      event.preventDefault(); // Space reveals, then (as in Anki) grades "Good"
      if ($("bd-study-answer").hidden) reveal(); else gradeCurrent(3);
    } else if (mode === "study" && /^[1-4]$/.test(event.key)) {
      gradeCurrent(Number(event.key));
    } else if (mode === "study" && event.key === "Escape") {
      setMode("browse");
    }
  });

  // Export, import, reset.
  $("bd-export").addEventListener("click", () => {
    const blob = new Blob([JSON.stringify({ pack: data.key, exported: Date.now(), ...progress }, null, 1)],
      { type: "application/json" });
    const link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = data.key + "-progress.json";
    document.body.append(link);
    link.click();
    link.remove();
    announce("Progress exported.");
  });

  $("bd-import").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    try {
      const incoming = JSON.parse(await file.text());
      if (!incoming || incoming.version !== 1 || typeof incoming.cards !== "object") throw new Error("not a progress file");
      let merged = 0;
      for (const [id, entry] of Object.entries(incoming.cards)) {
        if (!byId.has(id) || !entry || typeof entry.box !== "number") continue;
        const mine = progress.cards[id];
        if (!mine || (entry.last || 0) > (mine.last || 0)) {
          progress.cards[id] = { box: entry.box, due: Number(entry.due) || 0, reps: Number(entry.reps) || 0, last: Number(entry.last) || 0 };
          merged += 1;
        }
      }
      save();
      refresh();
      announce("Imported progress for " + merged + " cards.");
    } catch (error) {
      announce("That file is not a progress export of this pack.");
    }
    event.target.value = "";
  });

  let resetArmed = 0;
  $("bd-reset").addEventListener("click", () => {
    const button = $("bd-reset");
    if (!resetArmed) {
      button.textContent = "Click again to erase all progress";
      resetArmed = window.setTimeout(() => { resetArmed = 0; button.textContent = "Reset progress"; }, 5000);
      return;
    }
    window.clearTimeout(resetArmed);
    resetArmed = 0;
    button.textContent = "Reset progress";
    progress = { version: 1, cards: {} };
    save();
    refresh();
    announce("Progress reset.");
  });

  renderTopics();
  renderList();
  if (location.hash) showTarget();
})();
