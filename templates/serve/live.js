/* build-decks serve: reload once per rebuild, show a failed build over the page, size the
   card frames to their content, remember which widths and modes are shown. */
(() => {
  "use strict";
  const built = Number(document.documentElement.dataset.build);
  const overlay = document.getElementById("bd-overlay");
  const events = new EventSource("/events");
  events.addEventListener("build", (event) => {
    const state = JSON.parse(event.data);
    if (state.build === built) return;
    if (state.ok) {
      events.close();
      location.reload();
      return;
    }
    document.getElementById("bd-errors").textContent = state.errors.join("\n");
    document.getElementById("bd-status").textContent = state.summary;
    overlay.hidden = false;
  });

  const fit = (frame) => {
    const page = frame.contentDocument && frame.contentDocument.documentElement;
    if (page) frame.style.height = Math.max(60, page.scrollHeight + 2) + "px";
  };
  for (const frame of document.querySelectorAll("iframe.side")) {
    frame.addEventListener("load", () => fit(frame));
    if (frame.contentDocument && frame.contentDocument.location.href !== "about:blank") fit(frame);
  }

  const KEY = "build_decks:serve:shown";
  let chosen = {};
  try { chosen = JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (error) { chosen = {}; }
  for (const box of document.querySelectorAll("input[data-show]")) {
    const name = box.dataset.show;
    if (typeof chosen[name] === "boolean") box.checked = chosen[name];
    const apply = () => {
      document.body.classList.toggle("hide-" + name, !box.checked);
      for (const frame of document.querySelectorAll("iframe.side")) fit(frame);
    };
    box.addEventListener("change", () => {
      chosen[name] = box.checked;
      try { localStorage.setItem(KEY, JSON.stringify(chosen)); } catch (error) { /* private mode */ }
      apply();
    });
    apply();
  }
})();
