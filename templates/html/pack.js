/* build_decks study pack: browse, search, filter, study on an FSRS schedule (fsrs.js).
   Card HTML was sanitized at build time; everything else is set with textContent. */
(() => {
  "use strict";
  const FSRS = BuildDecksFSRS;
  const data = JSON.parse(document.getElementById("bd-data").textContent);
  const cards = data.cards;
  const byId = new Map(cards.map((card) => [card.id, card]));
  const topicTitle = new Map(data.topics.map((t) => [t.id, t.title]));
  const STORE = "build_decks:" + data.key;
  const VERSION = 2;
  const { DAY, MINUTE, LEARNING, REVIEW, AGAIN, HARD, GOOD } = FSRS;
  const DAY_STARTS = 4 * 3600000; // a study day starts at 4 a.m., as in Anki
  const LEARN_AHEAD = 20 * MINUTE; // Anki's limit: a learning card due this soon may come early
  const NEW_PER_DAY = 20; // Anki's default daily limit of new cards
  const RETENTION_DAYS = 30; // the window of the recall figure
  const FORECAST_DAYS = 7;
  const KEPT_DAYS = 400; // daily counts older than this are dropped
  const CLOCK_SKEW = 5 * MINUTE; // another device's clock may run this far ahead of this one's
  const count = (x) => Number.isSafeInteger(x) && x >= 0;
  const LEITNER_DAYS = [0, 0, 1, 3, 7, 16, 35]; // version 1's interval of box 1..6
  const PAGE = 100;
  const MARK_MIN = 2; // a single searched letter matches nearly everything: it is not marked
  const KIND = { qa: "Q&A", term: "Term", prompt: "Practice prompt", cloze: "Cloze" };
  const GRADES = ["Again", "Hard", "Good", "Easy"];
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const narrow = window.matchMedia("(max-width: 720px)");
  const touch = window.matchMedia("(pointer: coarse), (hover: none)");
  if (!touch.matches) $("bd-search").placeholder += " (press /)";

  /* Progress, in localStorage: {version: 2, cards: {id: {state, step, s, d, due, last, reps,
     lapses}}, days: {"YYYY-MM-DD": {new, reviews, recalled}}, settings: {newPerDay}}.
     Version 1 (a Leitner box per card) is migrated, and kept under STORE + ":leitner". */
  const empty = (settings) => ({ version: VERSION, cards: {}, days: {},
                                 settings: settings || { newPerDay: NEW_PER_DAY } });
  let progress = load();
  function load() {
    try {
      const raw = localStorage.getItem(STORE);
      const saved = JSON.parse(raw || "null");
      if (saved && saved.version === VERSION && saved.cards) {
        // an entry that cannot schedule (an earlier pack imported such) starts again as new;
        // the store as it was is kept under STORE + ":refused"
        const cards = Object.fromEntries(Object.entries(saved.cards)
          .filter(([, e]) => !entryProblem(e, Infinity)));
        if (Object.keys(cards).length < Object.keys(saved.cards).length) {
          localStorage.setItem(STORE + ":refused", raw);
        }
        return { ...empty(), ...saved, cards, days: saved.days || {}, settings: { ...empty().settings, ...saved.settings } };
      }
      if (saved && saved.version === 1 && saved.cards) {
        const migrated = empty();
        for (const [id, entry] of Object.entries(saved.cards)) {
          if (entry && typeof entry.box === "number") migrated.cards[id] = fromLeitner(entry);
        }
        localStorage.setItem(STORE + ":leitner", raw);
        localStorage.setItem(STORE, JSON.stringify(migrated));
        return migrated;
      }
    } catch (error) { /* unreadable storage: start fresh */ }
    return empty();
  }

  /* A Leitner box holds a card whose recall held over the box's interval: that interval is
     its stability (FSRS's stability is the interval at 90 % recall). Its difficulty is unknown:
     it starts at that of a first "Hard", the middle of FSRS's scale. Box 1 (failed last) is a
     card still learning. The due time and the count of reviews stay. */
  function fromLeitner(entry) {
    const box = Math.min(6, Math.max(1, Math.round(entry.box)));
    const kept = { due: Number(entry.due) || 0, last: Number(entry.last) || 0,
                   reps: Number(entry.reps) || 0, lapses: 0 };
    if (box === 1) {
      return { state: LEARNING, step: 0, s: FSRS.PARAMETERS[0],
               d: FSRS.initialDifficulty(AGAIN), ...kept };
    }
    return { state: REVIEW, step: null, s: LEITNER_DAYS[box], d: FSRS.initialDifficulty(HARD), ...kept };
  }

  /* What is wrong with a card's progress (from storage or a file), or null: FSRS's own check
     (fsrs.js: a step of its state's steps, difficulty 1-10, stability and due time within the
     longest interval, a past last review), and whole counts of reviews and lapses. */
  function entryProblem(e, now) {
    const problem = FSRS.problem(e, now + CLOCK_SKEW);
    if (problem) return problem;
    if (!(e.reps === undefined || count(e.reps)) || !(e.lapses === undefined || count(e.lapses))
        || (e.lapses || 0) > (e.reps || 0)) return "its counts of reviews and lapses are not whole numbers";
    return null;
  }
  const asStored = (e) => ({ state: e.state, step: e.step, s: e.s, d: e.d, due: e.due,
                            last: e.last, reps: e.reps || 0, lapses: e.lapses || 0 });

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

  // Days: local, starting at 4 a.m.; a day number for arithmetic, a key for the daily counts.
  const dayNumber = (ms) => Math.floor((ms - new Date(ms).getTimezoneOffset() * MINUTE - DAY_STARTS) / DAY);
  const dayKey = (ms) => new Date((dayNumber(ms) + 0.5) * DAY).toISOString().slice(0, 10);
  const today = (now) => progress.days[dayKey(now)] || { new: 0, reviews: 0, recalled: 0 };
  const newLeft = (now) => Math.max(0, progress.settings.newPerDay - today(now).new);

  const entry = (id) => progress.cards[id];
  const isKnown = (id) => (entry(id) || {}).state === REVIEW;

  // The same fuzz for the interval a button shows and the one it gives: one draw per review.
  function draw(id, reps) {
    let h = 2166136261;
    for (const ch of id + ":" + reps) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
  }
  function outcome(id, value, now) {
    const old = entry(id);
    const fuzz = draw(id, old ? old.reps : 0);
    const next = FSRS.review(old, value, now, { random: () => fuzz });
    return { ...next, reps: (old ? old.reps : 0) + 1,
             lapses: (old ? old.lapses || 0 : 0) + (old && old.state === REVIEW && value === AGAIN ? 1 : 0) };
  }

  function grade(id, value, now) {
    const old = entry(id);
    const key = dayKey(now);
    const counts = progress.days[key] = { ...today(now) };
    if (!old) counts.new += 1;
    if (old && old.state === REVIEW) { // the recall of learned cards: FSRS's "retention"
      counts.reviews += 1;
      if (value !== AGAIN) counts.recalled += 1;
    }
    progress.cards[id] = outcome(id, value, now);
    const oldest = dayKey(now - KEPT_DAYS * DAY);
    for (const day of Object.keys(progress.days)) if (day < oldest) delete progress.days[day];
    save();
  }

  function span(ms) {
    const minutes = Math.round(ms / MINUTE);
    if (minutes < 60) return minutes + " min";
    if (minutes < 24 * 60) return Math.round(minutes / 60) + " h";
    const days = Math.round(ms / DAY);
    if (days < 31) return days + " d";
    if (days < 365) return (days / 30.4).toFixed(1).replace(/\.0$/, "") + " mo";
    return (days / 365).toFixed(1).replace(/\.0$/, "") + " y";
  }

  // Browse: filters, search, incremental list.
  const filters = { query: "", topic: "", kind: "", source: "", answered: "" };
  let matches = [];
  let terms = [];
  let shown = 0;

  function applyFilters() {
    terms = filters.query.toLowerCase().split(/\s+/).filter(Boolean);
    matches = cards.filter((c) =>
      (!filters.topic || c.topic === filters.topic) &&
      (!filters.kind || c.kind === filters.kind) &&
      (!filters.source || c.deck === filters.source) &&
      (!filters.answered || (filters.answered === "yes") === (c.kind !== "prompt")) &&
      terms.every((term) => c.search.includes(term)));
  }

  /* Search shows why a card matched: each searched word is marked where it stands in the
     question, the answer and the source line. Formulas are left whole. */
  function highlight(root) {
    const marked = terms.filter((term) => term.length >= MARK_MIN);
    if (!marked.length) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement.closest("math, svg, mark")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const text = node.nodeValue;
      const lower = text.toLowerCase();
      const ranges = [];
      for (const term of marked) {
        for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + term.length)) {
          ranges.push([at, at + term.length]);
        }
      }
      if (!ranges.length) continue;
      ranges.sort((a, b) => a[0] - b[0]);
      const parts = document.createDocumentFragment();
      let end = 0;
      for (const [from, to] of ranges) {
        if (to <= end) continue;
        const start = Math.max(from, end);
        if (start > end) parts.append(text.slice(end, start));
        parts.append(el("mark", null, text.slice(start, to)));
        end = to;
      }
      parts.append(text.slice(end));
      node.replaceWith(parts);
    }
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

  function stateText(id, now) {
    const p = entry(id);
    if (!p) return "new";
    if (p.state !== REVIEW) return p.state === LEARNING ? "learning" : "relearning";
    const days = dayNumber(p.due) - dayNumber(now);
    return days <= 0 ? "due today" : days === 1 ? "due tomorrow" : "due in " + span(days * DAY);
  }

  function metaText(card) {
    return topicTitle.get(card.topic) + " · " + KIND[card.kind] + " · " + stateText(card.id, Date.now());
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
    const toggle = (open) => {
      answer.hidden = !open;
      if (card.kind === "cloze") {
        showCloze(question, card, new Set(open ? card.c : []));
        highlight(question);
      }
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? "Hide answer" : "Show answer";
    };
    button.addEventListener("click", () => toggle(answer.hidden));
    node.append(button, answer);
    const footer = el("footer");
    const link = el("a", null, "Link to this card");
    link.href = "#" + card.id;
    footer.append(link, document.createTextNode(" · " + card.source + (card.attribution ? " · " + card.attribution : "")));
    node.append(footer);
    if (terms.length) {
      highlight(question);
      highlight(footer);
      highlight(answer);
      // Open the answer where the words are: in it (not only in its related cards), or in a
      // cloze's hidden deletions.
      const inAnswer = [...answer.querySelectorAll("mark")].some((mark) => !mark.closest(".related"));
      const visible = (question.textContent + " " + footer.textContent).toLowerCase();
      const hidden = terms.some((t) => t.length >= MARK_MIN && !visible.includes(t));
      if (inAnswer || (card.kind === "cloze" && hidden)) toggle(true);
    }
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
      const seen = ids.filter((id) => entry(id)).length;
      const item = el("li");
      const button = el("button", null, topic.title);
      button.type = "button";
      button.dataset.topic = topic.id;
      button.setAttribute("aria-pressed", String(filters.topic === topic.id));
      button.addEventListener("click", () => {
        filters.topic = filters.topic === topic.id ? "" : topic.id;
        $("bd-topic").value = filters.topic;
        if (narrow.matches) showSide(false); // on a phone, straight to the topic's cards
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

  // Today: what is due, the recall of learned cards, and the reviews of the coming days.
  function renderToday() {
    const now = Date.now();
    const todayNumber = dayNumber(now);
    let learning = 0;
    let due = 0;
    let learned = 0;
    let expected = 0;
    const forecast = new Array(FORECAST_DAYS).fill(0);
    let later = 0;
    for (const card of cards) {
      const p = entry(card.id);
      if (!p) continue;
      if (p.state !== REVIEW) {
        if (p.due <= now + LEARN_AHEAD) learning += 1;
        forecast[0] += 1;
        continue;
      }
      learned += 1;
      expected += FSRS.retrievability(p, now);
      if (p.due <= now) due += 1;
      const day = Math.max(0, dayNumber(p.due) - todayNumber);
      if (day < FORECAST_DAYS) forecast[day] += 1; else later += 1;
    }
    const fresh = cards.filter((c) => !entry(c.id)).length;
    const left = Math.min(newLeft(now), fresh);
    $("bd-today").textContent = "Due now: " + due + " reviews, " + learning + " learning · New: "
      + left + " of " + progress.settings.newPerDay + " left today";
    let reviews = 0;
    let recalled = 0;
    const since = dayKey(now - (RETENTION_DAYS - 1) * DAY);
    for (const [day, counts] of Object.entries(progress.days)) {
      if (day < since) continue;
      reviews += counts.reviews;
      recalled += counts.recalled;
    }
    const percent = (x) => Math.round(100 * x) + " %";
    $("bd-retention").textContent = (reviews
      ? "Recall: " + percent(recalled / reviews) + " of " + reviews + " reviews in " + RETENTION_DAYS + " days (target 90 %)"
      : "Recall: no reviews of learned cards yet")
      + (learned ? " · expected now: " + percent(expected / learned) + " of " + learned + " learned cards" : "");
    const list = $("bd-forecast");
    list.textContent = "";
    const scheduled = later + forecast.reduce((a, b) => a + b, 0);
    $("bd-forecast-none").hidden = scheduled > 0;
    list.hidden = scheduled === 0;
    const most = Math.max(1, later, ...forecast);
    const names = forecast.map((_, i) => (i === 0 ? "Today" : i === 1 ? "Tomorrow"
      : new Date(now + i * DAY).toLocaleDateString(document.documentElement.lang, { weekday: "short" })));
    for (const [name, count] of [...names.map((n, i) => [n, forecast[i]]), ["Later", later]]) {
      const item = el("li");
      item.append(el("span", "day", name));
      const bar = el("span", "bar");
      bar.setAttribute("aria-hidden", "true");
      const fill = el("span");
      fill.style.width = (100 * count / most) + "%";
      bar.append(fill);
      item.append(bar, el("span", "n", String(count)));
      list.append(item);
    }
  }

  function refresh() {
    renderTopics();
    renderToday();
    updateFilterCount();
    if (mode === "study") startStudy(false); else renderList();
  }

  // The phone's two disclosures: topics and progress (from the top), and the filters.
  function showSide(open) {
    $("bd-side").classList.toggle("open", open);
    $("bd-side-toggle").setAttribute("aria-expanded", String(open));
  }
  $("bd-side-toggle").addEventListener("click", () => {
    const open = $("bd-side-toggle").getAttribute("aria-expanded") !== "true";
    showSide(open);
    if (open) $("bd-side").querySelector("h2").scrollIntoView({ block: "nearest" });
  });
  $("bd-filter-toggle").addEventListener("click", () => {
    const open = $("bd-filter-toggle").getAttribute("aria-expanded") !== "true";
    $("bd-filter-panel").classList.toggle("open", open);
    $("bd-filter-toggle").setAttribute("aria-expanded", String(open));
  });
  function updateFilterCount() {
    const active = ["topic", "kind", "source", "answered"].filter((key) => filters[key]).length;
    $("bd-filter-count").textContent = active ? " (" + active + ")" : "";
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

  // Study mode: learning cards that are due, then due reviews, then new cards up to the daily
  // limit, then learning cards due within LEARN_AHEAD; "study ahead" takes any card.
  let mode = "browse";
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

  function queues(now) {
    const learning = [];
    const reviews = [];
    const fresh = [];
    const later = [];
    for (const card of matches) {
      const p = entry(card.id);
      if (!p) fresh.push(card);
      else if (p.state !== REVIEW && p.due <= now + LEARN_AHEAD) learning.push(card);
      else if (p.state === REVIEW && p.due <= now) reviews.push(card);
      else later.push(card);
    }
    const byDue = (a, b) => entry(a.id).due - entry(b.id).due;
    learning.sort(byDue);
    reviews.sort(byDue);
    later.sort(byDue);
    const allowed = fresh.slice(0, newLeft(now));
    return { learning, reviews, fresh, allowed, later };
  }

  function pick(now) {
    const q = queues(now);
    const dueLearning = q.learning.filter((c) => entry(c.id).due <= now);
    const order = [dueLearning, q.reviews, q.allowed, q.learning];
    if (ahead) order.push(q.later, q.fresh);
    const found = order.find((list) => list.length);
    return { card: found ? found[0] : null, q };
  }

  function startStudy(resetAhead) {
    if (resetAhead) ahead = false;
    applyFilters();
    nextCard();
  }

  function nextCard() {
    const now = Date.now();
    const { card, q } = pick(now);
    current = card;
    const answer = $("bd-study-answer");
    answer.hidden = true;
    answer.textContent = "";
    $("bd-grades").hidden = true;
    $("bd-reveal").hidden = !current;
    $("bd-ahead").hidden = Boolean(current) || ahead || !(q.later.length || q.fresh.length);
    const waiting = q.fresh.length - q.allowed.length;
    if (!current) {
      $("bd-study-meta").textContent = "";
      $("bd-study-q").textContent = matches.length ? "Nothing is due in this selection."
        : "No cards match the filters.";
      $("bd-study-status").textContent = "Done for now" + (waiting ? " · " + waiting
        + " new cards wait for the next days (limit: " + progress.settings.newPerDay + " a day)" : "");
      ($("bd-ahead").hidden ? $("bd-study-card") : $("bd-ahead")).focus();
      return;
    }
    $("bd-study-meta").textContent = metaText(current);
    revealed = new Set();
    if (current.kind === "cloze") showCloze($("bd-study-q"), current, revealed);
    else $("bd-study-q").innerHTML = current.q;
    setRevealLabel();
    $("bd-study-status").textContent = ahead ? "Studying ahead"
      : q.learning.length + " learning · " + q.reviews.length + " to review · "
        + q.allowed.length + " new in this selection";
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
    const now = Date.now();
    for (const button of $("bd-grades").querySelectorAll("button")) {
      const next = outcome(current.id, Number(button.dataset.grade), now);
      button.querySelector(".ivl").textContent = span(next.due - now);
    }
    $("bd-reveal").hidden = true;
    $("bd-grades").hidden = false;
    announce("Answer shown. " + answer.textContent.slice(0, 300));
    $("bd-grades").querySelector("[data-grade='" + GOOD + "']").focus(); // Enter and Space: Good
  }

  function gradeCurrent(value) {
    if (!current || $("bd-grades").hidden) return;
    const now = Date.now();
    grade(current.id, value, now);
    announce(GRADES[value - 1] + ": saved, next in " + span(entry(current.id).due - now) + ".");
    renderTopics();
    renderToday();
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
    const target = event.target;
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName);
    if (typing || event.altKey || event.ctrlKey || event.metaKey) return;
    // Space and Enter on a button or link press it; elsewhere they reveal, then grade Good.
    const control = Boolean(target.closest("button, a[href], label"));
    if (event.key === "/" && mode === "browse") {
      event.preventDefault();
      $("bd-search").focus();
    } else if (event.key === "s" || event.key === "S") {
      setMode(mode === "study" ? "browse" : "study");
    } else if (mode === "study" && (event.key === " " || event.key === "Enter") && !control) {
      event.preventDefault();
      if ($("bd-study-answer").hidden) reveal(); else gradeCurrent(GOOD);
    } else if (mode === "study" && /^[1-4]$/.test(event.key)) {
      gradeCurrent(Number(event.key));
    } else if (mode === "study" && event.key === "Escape") {
      setMode("browse");
    }
  });

  // Settings, export, import, reset.
  $("bd-new-limit").value = progress.settings.newPerDay;
  $("bd-new-limit").addEventListener("change", (event) => {
    const value = Math.round(Number(event.target.value));
    if (!Number.isFinite(value) || value < 0) { event.target.value = progress.settings.newPerDay; return; }
    progress.settings.newPerDay = Math.min(value, 9999);
    save();
    refresh();
    announce("New cards a day: " + progress.settings.newPerDay + ".");
  });

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

  // What is wrong with a day's counts from a file, or null (keys are YYYY-MM-DD, kept KEPT_DAYS).
  function dayProblem(day, counts, now) {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(day + "T12:00:00Z") : null;
    if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) {
      return "not a YYYY-MM-DD day";
    }
    if (day < dayKey(now - KEPT_DAYS * DAY) || day > dayKey(now + CLOCK_SKEW)) {
      return "not within the last " + KEPT_DAYS + " days";
    }
    if (!counts || !count(counts.new) || !count(counts.reviews) || !count(counts.recalled)
        || counts.recalled > counts.reviews) return "its counts are not whole numbers";
    return null;
  }

  $("bd-import").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    try {
      const incoming = JSON.parse(await file.text());
      if (!incoming || ![1, VERSION].includes(incoming.version) || typeof incoming.cards !== "object") {
        throw new Error("not a progress file");
      }
      const now = Date.now();
      let merged = 0, elsewhere = 0;
      const refused = [];
      for (const [id, raw] of Object.entries(incoming.cards)) {
        if (!byId.has(id)) { elsewhere += 1; continue; }
        const theirs = incoming.version === 1
          ? (raw && typeof raw.box === "number" ? fromLeitner(raw) : null) : raw;
        const problem = entryProblem(theirs, now);
        if (problem) { refused.push(id + ": " + problem); continue; }
        const mine = entry(id);
        if (!mine || theirs.last > mine.last) {
          progress.cards[id] = asStored(theirs);
          merged += 1;
        }
      }
      const days = incoming.days && typeof incoming.days === "object" ? incoming.days : {};
      for (const [day, counts] of Object.entries(days)) {
        const problem = dayProblem(day, counts, now);
        if (problem) { refused.push(day.slice(0, 20) + ": " + problem); continue; }
        if (!progress.days[day]) {
          progress.days[day] = { new: counts.new, reviews: counts.reviews, recalled: counts.recalled };
        }
      }
      save();
      refresh();
      announce("Imported progress for " + merged + " cards"
        + (refused.length ? "; refused " + refused.length + " entries that are not progress this pack"
           + " can use (" + refused[0].slice(0, 160) + (refused.length > 1 ? ", …" : "") + ")" : "")
        + (elsewhere ? "; " + elsewhere + " entries are for cards not in this pack" : "") + ".");
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
    progress = empty(progress.settings);
    save();
    refresh();
    announce("Progress reset.");
  });

  renderTopics();
  renderToday();
  renderList();
  if (location.hash) showTarget();
})();
