/* Pathways chat widget: embedded by one <script> tag, talks to Rasa's socket.io channel.
 * Served by bot/web after socket.io-client, which provides `io`. Bot and user text only ever go in as text
 * (textContent, text nodes, validated link hrefs), never as HTML. */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector("script[data-bot-url]");
  if (!script || document.querySelector("[data-pathways-widget]")) return;

  var NCS = "National Careers Service: call 0800 100 900 (free, 8am to 8pm) or use its webchat";
  var NCS_URL = "https://nationalcareers.service.gov.uk/contact-us";
  // Route-type names from the knowledge base, put beside this file by the server that bundles it.
  var ROUTE_TYPES = typeof PATHWAYS_ROUTE_TYPES === "object" ? PATHWAYS_ROUTE_TYPES : {};
  var KEY = { session: "pathways.session", transcript: "pathways.transcript", open: "pathways.open" };
  var MAX_ENTRIES = 300;
  var REPLY_TIMEOUT_MS = 30000;

  var config = {
    botUrl: script.getAttribute("data-bot-url") || "",
    councilName: script.getAttribute("data-council-name") || "",
    employmentTeam: script.getAttribute("data-employment-team") || "",
    colour: script.getAttribute("data-colour") || "#1d70b8",
    title: script.getAttribute("data-title") || "Chat about training and jobs"
  };
  var base = script.src ? script.src.replace(/[^/]*([?#].*)?$/, "") : "/widget/";

  // ---- storage (a private-mode browser may refuse it: the chat still works, it just won't survive a reload) ----
  function load(store, key, fallback) {
    try { var v = store.getItem(key); return v === null ? fallback : JSON.parse(v); } catch (e) { return fallback; }
  }
  function save(store, key, value) {
    try { store.setItem(key, JSON.stringify(value)); } catch (e) { /* storage unavailable */ }
  }
  function forget(store, key) {
    try { store.removeItem(key); } catch (e) { /* storage unavailable */ }
  }

  // ---- colours: the council's colour, with text that keeps 4.5:1 contrast ----
  function rgb(hex) {
    var m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim());
    if (!m) return null;
    var h = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
    return [0, 2, 4].map(function (i) { return parseInt(h.substr(i, 2), 16); });
  }
  function luminance(c) {
    var v = c.map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }
  function css(c) { return "rgb(" + c.map(Math.round).join(",") + ")"; }
  function palette(hex) {
    var brand = rgb(hex) || rgb("#1d70b8"), white = [255, 255, 255], black = [11, 12, 12];
    var onBrand = contrast(brand, white) >= 4.5 ? white : black;
    var dark = brand.slice();   // the brand colour darkened until it reads as text on white
    while (contrast(dark, white) < 4.5) dark = dark.map(function (x) { return x * 0.9; });
    return { brand: css(brand), onBrand: css(onBrand), brandText: css(dark) };
  }

  // ---- DOM helpers ----
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function safeUrl(url) {
    try { var u = new URL(url); return u.protocol === "https:" || u.protocol === "http:" ? u.href : null; }
    catch (e) { return null; }
  }
  // Text with its web addresses as links; everything else stays text.
  function linkified(text) {
    var frag = document.createDocumentFragment(), re = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g, last = 0, m;
    text = String(text);
    while ((m = re.exec(text))) {
      frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      var href = safeUrl(m[0]);
      frag.appendChild(href ? el("a", { href: href, target: "_blank", rel: "noopener", text: m[0] })
                            : document.createTextNode(m[0]));
      last = m.index + m[0].length;
    }
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  // ---- the widget's elements ----
  var colours = palette(config.colour);
  // A landmark of its own, so that everything it adds to a council's page is inside one.
  var root = el("aside", { className: "pw-root", "aria-label": "Pathways chat", "data-pathways-widget": "" });
  root.style.setProperty("--pw-brand", colours.brand);
  root.style.setProperty("--pw-on-brand", colours.onBrand);
  root.style.setProperty("--pw-brand-text", colours.brandText);
  root.hidden = true;    // shown once the stylesheet has loaded

  var launcher = el("button", { type: "button", className: "pw-launcher", "aria-expanded": "false",
                                "aria-controls": "pathways-panel", text: config.title });
  var title = el("h2", { id: "pathways-title", className: "pw-title", text: "Pathways: training and jobs" });
  var subtitle = el("p", { className: "pw-subtitle",
                           text: config.councilName ? "A service from " + config.councilName : "An advice service" });
  var closeButton = el("button", { type: "button", className: "pw-close", text: "Close",
                                   "aria-label": "Close the chat" });
  var restartButton = el("button", { type: "button", className: "pw-tool", text: "Start again" });
  var forgetButton = el("button", { type: "button", className: "pw-tool", text: "Forget me" });
  var confirmBox = el("div", { className: "pw-confirm", role: "group", "aria-labelledby": "pathways-confirm" }, [
    el("p", { id: "pathways-confirm",
              text: "Delete this conversation? Pathways will forget your answers, and this device will too." })]);
  var confirmYes = el("button", { type: "button", className: "pw-tool pw-tool--warning", text: "Yes, delete it" });
  var confirmNo = el("button", { type: "button", className: "pw-tool", text: "Cancel" });
  confirmBox.appendChild(el("div", { className: "pw-tools" }, [confirmYes, confirmNo]));
  confirmBox.hidden = true;
  var alertBox = el("div", { className: "pw-alert", role: "alert" });
  var log = el("ol", { className: "pw-log", "aria-label": "Conversation", tabindex: "0" });
  var typing = el("p", { className: "pw-typing", text: "Pathways is writing" }, [el("span", { "aria-hidden": "true" })]);
  typing.hidden = true;
  var live = el("div", { className: "pw-visually-hidden", "aria-live": "polite", "aria-atomic": "false" });
  var input = el("input", { id: "pathways-input", className: "pw-input", type: "text", autocomplete: "off",
                            maxlength: "500", "aria-describedby": "pathways-hint" });
  var form = el("form", { className: "pw-form" }, [
    el("label", { "for": "pathways-input", className: "pw-label", text: "Your message" }),
    el("div", { className: "pw-row" }, [input, el("button", { type: "submit", className: "pw-send", text: "Send" })])
  ]);
  var hint = el("p", { id: "pathways-hint", className: "pw-hint",
                       text: "Do not type your name, address or phone number. You can skip any question." });
  // What is kept, and what is shared with whom: the warm hand-off shares with the council's team only.
  var team = config.councilName ? config.councilName + "'s employment team" : "your council's employment team";
  var privacy = el("details", { className: "pw-privacy" }, [
    el("summary", { text: "Your privacy: what Pathways keeps and shares" }),
    el("div", { className: "pw-privacy__body", tabindex: "0", role: "region", "aria-label": "Your privacy" }, [
    el("p", { text: "Pathways keeps your answers only to suggest routes. It takes out phone numbers, email " +
                    "addresses, National Insurance numbers, card numbers and postcodes before it keeps a message. " +
                    "It deletes the conversation when you press Forget me, and otherwise after a time your " +
                    "council sets." }),
    config.employmentTeam ? el("p", { className: "pw-privacy__shared", text: "Only if you ask " + team +
      " to contact you, Pathways shares with that team, and no one else: your answers, the routes it suggested, " +
      "and the phone number or email address you give for them to contact you. The contact is kept with your " +
      "request, not in the chat, and Forget me deletes it too." }) : null
    ])
  ]);
  var panel = el("div", { id: "pathways-panel", className: "pw-panel", role: "dialog", "aria-modal": "false",
                          "aria-labelledby": "pathways-title" }, [
    el("div", { className: "pw-header" }, [el("div", { className: "pw-heading" }, [title, subtitle]), closeButton]),
    el("div", { className: "pw-tools" }, [restartButton, forgetButton]),
    confirmBox, alertBox, log, typing, form, hint, privacy
  ]);
  panel.hidden = true;
  root.appendChild(panel);
  root.appendChild(launcher);
  root.appendChild(live);    // outside the panel, so it is in place before the first message arrives

  var stylesheet = el("link", { rel: "stylesheet", href: base + "pathways.css" });
  stylesheet.onload = stylesheet.onerror = function () { root.hidden = false; };
  document.head.appendChild(stylesheet);
  document.body.appendChild(root);

  // ---- the transcript: what the resident has seen, kept for this tab only (sessionStorage): a reload keeps it,
  // and closing the tab leaves nothing for the next person at a shared or library computer ----
  var transcript = load(sessionStorage_(), KEY.transcript, []);
  function sessionStorage_() { try { return window.sessionStorage; } catch (e) { return null; } }
  function store(entry) {
    transcript.push(entry);
    if (transcript.length > MAX_ENTRIES) transcript = transcript.slice(-MAX_ENTRIES);
    save(sessionStorage_(), KEY.transcript, transcript);
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function routeName(id) {
    return ROUTE_TYPES[id] || String(id || "").replace(/_/g, " ");
  }

  function card(item) {
    var why = el("ul", { className: "pw-card__why" });
    (Array.isArray(item.why) ? item.why : [item.why]).forEach(function (w) {
      if (w) why.appendChild(el("li", {}, [linkified(w)]));
    });
    var rows = [
      ["Run by", item.provider && document.createTextNode(item.provider)],
      ["Type of route", item.route_type && document.createTextNode(item.route_name || routeName(item.route_type))],
      ["Why it fits", why.childNodes.length ? why : null],
      ["Next step", item.next_step && linkified(item.next_step)],
      ["Source", item.source && linkified(item.source)]
    ];
    var list = el("dl", { className: "pw-card__facts" });
    rows.forEach(function (r) {
      if (!r[1]) return;
      list.appendChild(el("dt", { text: r[0] }));
      list.appendChild(el("dd", {}, [r[1]]));
    });
    var href = item.url && safeUrl(item.url);
    var link = href ? el("a", { href: href, target: "_blank", rel: "noopener", className: "pw-card__link" }, [
      document.createTextNode("Find out more"),
      el("span", { className: "pw-visually-hidden", text: " about " + item.title + " (opens in a new tab)" })]) : null;
    var check = item.verdict === "check" ? el("p", { className: "pw-card__check",
      text: "Check first: see the \u201cCheck\u201d lines below" }) : null;
    return el("li", { className: "pw-card" }, [el("h3", { className: "pw-card__title", text: item.title || "" }),
                                                check, list, link]);
  }

  function render(entry) {
    var li;
    if (entry.cards) {
      var items = entry.cards.items || [];
      var cards = el("ul", { className: "pw-cards", "aria-label": "Routes that fit you" });
      items.forEach(function (item) { cards.appendChild(card(item)); });
      li = el("li", { className: "pw-msg pw-msg--cards" }, [cards]);
    } else {
      var who = entry.who === "user" ? "You" : "Pathways";
      li = el("li", { className: "pw-msg pw-msg--" + (entry.who === "user" ? "user" : "bot") }, [
        el("span", { className: "pw-visually-hidden", text: who + " said: " }),
        el("p", { className: "pw-bubble" }, [linkified(entry.text || "")])]);
      if (entry.buttons && entry.buttons.length) {
        var group = el("div", { className: "pw-replies", role: "group", "aria-label": "Choose an answer" });
        entry.buttons.forEach(function (b) {
          var button = el("button", { type: "button", className: "pw-reply", text: b.title });
          button.addEventListener("click", function () {
            if (b.payload === FORGET) forgetMe(b.title); else send(b.payload, b.title);
          });
          group.appendChild(button);
        });
        li.appendChild(group);
      }
    }
    log.appendChild(li);
    scrollDown();
  }

  function announce(entry) {
    var text = entry.cards ? "Pathways found " + (entry.cards.items || []).length + " routes: " +
      (entry.cards.items || []).map(function (i) { return i.title; }).join("; ") + "." : "Pathways said: " + entry.text;
    if (entry.buttons && entry.buttons.length) text += " There are " + entry.buttons.length + " answers to choose from.";
    live.appendChild(el("p", { text: text }));
    while (live.childNodes.length > 3) live.removeChild(live.firstChild);
  }

  function dropReplies() {
    Array.prototype.forEach.call(log.querySelectorAll(".pw-replies"), function (g) { g.parentNode.removeChild(g); });
    transcript.forEach(function (e) { delete e.buttons; });
  }

  // ---- talking to Rasa ----
  var socket = null, sessionId = load(sessionStorage_(), KEY.session, null), ready = false, queue = [];
  var replyTimer = null, forgetting = null;

  function showAlert(lines) {
    if (!alertBox.hidden && alertBox.getAttribute("data-shown") === lines.join("\n")) return;  // once per problem
    alertBox.setAttribute("data-shown", lines.join("\n"));
    alertBox.textContent = "";
    lines.forEach(function (line) { alertBox.appendChild(el("p", {}, [linkified(line)])); });
    alertBox.hidden = false;
  }
  function clearAlert() { alertBox.textContent = ""; alertBox.hidden = true; }
  function unreachable() {
    typing.hidden = true;
    var lines = ["Sorry, the chat is not working at the moment. Please try again later.",
                 "You can talk to an adviser now: the " + NCS + " at " + NCS_URL + "."];
    if (config.employmentTeam) lines.push("Or contact " + (config.councilName ? config.councilName + "'s" : "your council's") +
                                          " employment team: " + config.employmentTeam + ".");
    showAlert(lines);
  }

  function connect() {
    if (socket || typeof io !== "function") {
      if (typeof io !== "function") unreachable();
      return;
    }
    // WebSocket first: it needs no sticky sessions behind a load balancer and no CORS headers; polling only if
    // the WebSocket cannot connect.
    socket = io(config.botUrl, { path: "/socket.io", transports: ["websocket", "polling"], tryAllTransports: true,
                                 timeout: 8000, reconnectionDelayMax: 10000 });
    socket.on("connect", function () {
      clearAlert();
      ready = false;
      socket.emit("session_request", { session_id: sessionId });
    });
    socket.on("session_confirm", function (data) {
      sessionId = typeof data === "string" ? data : data && data.session_id;
      save(sessionStorage_(), KEY.session, sessionId);
      ready = true;
      while (queue.length) emit(queue.shift());
    });
    socket.on("bot_uttered", received);
    socket.on("connect_error", unreachable);
    socket.on("disconnect", function (reason) { ready = false; if (reason !== "io client disconnect") unreachable(); });
  }

  function emit(text) {
    var council = {};
    if (config.councilName) council.name = config.councilName;
    if (config.employmentTeam) council.employment_team = config.employmentTeam;
    socket.emit("user_uttered", { message: text, session_id: sessionId, customData: { council: council } });
  }

  function waitForReply() {
    typing.hidden = false;
    scrollDown();
    clearTimeout(replyTimer);
    replyTimer = setTimeout(function () {
      typing.hidden = true;
      showAlert(["Pathways has not answered. Please try again, or talk to an adviser: the " + NCS + " at " +
                 NCS_URL + "."]);
    }, REPLY_TIMEOUT_MS);
  }

  // `shown` is what the resident sees as their message (a button's title); null sends silently.
  function send(text, shown) {
    if (!text) return;
    dropReplies();
    if (shown !== null) {
      var entry = { who: "user", text: shown === undefined ? text : shown };
      render(entry);
      if (!forgetting) store(entry);
    }
    connect();
    waitForReply();
    if (ready) emit(text); else queue.push(text);
  }

  function received(msg) {
    if (!msg) return;
    clearTimeout(replyTimer);
    typing.hidden = true;
    clearAlert();
    var entry = null;
    var custom = msg.custom || (msg.type ? msg : null);
    if (custom && custom.type === "recommendations" && Array.isArray(custom.items)) {
      entry = { who: "bot", cards: { items: custom.items } };
    } else if (typeof msg.text === "string") {
      var buttons = (msg.quick_replies || msg.buttons || []).filter(function (b) { return b && b.title; })
        .map(function (b) { return { title: String(b.title), payload: String(b.payload || b.title) }; });
      entry = { who: "bot", text: msg.text, buttons: buttons };
    }
    if (!entry) return;    // a payload the widget does not show (images, other custom types)
    if (!forgetting && deletedBy(msg)) { wipe(true); return; }     // "yes" typed to Pathways' own question
    render(entry);
    announce(entry);
    if (forgetting) forgetting(msg); else store(entry);
  }

  // ---- controls ----
  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("pw-root--open");
    save(sessionStorage_(), KEY.open, true);
    input.focus();
    scrollDown();
    if (!transcript.length && !log.childNodes.length) send("/greet", null);
    else connect();
  }
  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("pw-root--open");
    save(sessionStorage_(), KEY.open, false);
    launcher.focus();
  }

  // Pathways confirms a deletion with these words (actions/privacy.py, or the channel's own confirmation); any other
  // reply (the deletion failed, the turn failed) means the conversation may still be there.
  // tests/web/test_forget_words.py checks them against the server's texts.
  var DELETED = "I've deleted this conversation";
  // A button with this payload deletes at once (the question Pathways asks when "delete my data" is typed has one).
  var FORGET = "/forget_me";

  function deletedBy(msg) { return typeof msg.text === "string" && msg.text.indexOf(DELETED) !== -1; }

  // Clears this device's copy; after a confirmed deletion, starts a new session too.
  function wipe(deleted) {
    transcript = [];
    forget(sessionStorage_(), KEY.transcript);
    log.textContent = "";
    if (!deleted) return;
    sessionId = null;
    forget(sessionStorage_(), KEY.session);
    if (socket) { socket.disconnect(); socket = null; }
    ready = false;
    queue = [];
    var note = { who: "bot",
      text: "This conversation has been deleted, on this device too. You can start a new one by typing below." };
    render(note);
    announce(note);
  }

  function forgetMe(shown) {
    confirmBox.hidden = true;
    // Waits for Pathways to answer (or 10 seconds), then clears this device's copy. Only a confirmed deletion starts
    // a new session: otherwise the session is kept, so that pressing Forget me again reaches the same conversation.
    var done = false, deleted = false, timer;
    function finish(answered) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      forgetting = null;
      wipe(deleted);
      if (!deleted) {
        showAlert([(answered ? "Sorry, Pathways could not delete this conversation, so it still has your answers." :
                    "Pathways did not answer, so it may still have your answers.") +
                   " This device has forgotten them.",
                   "Please press Forget me again in a minute. If it still does not work, ask your council to " +
                   "delete your conversation."]);
      }
      input.focus();
    }
    forgetting = function (msg) {
      deleted = deleted || deletedBy(msg);
      setTimeout(function () { finish(true); }, 1500);
    };
    timer = setTimeout(function () { finish(false); }, 10000);
    send(FORGET, shown);
  }

  launcher.addEventListener("click", function () { if (panel.hidden) open(); else close(); });
  closeButton.addEventListener("click", close);
  root.addEventListener("keydown", function (e) {
    if ((e.key === "Escape" || e.key === "Esc") && !panel.hidden) { e.preventDefault(); close(); }
  });
  restartButton.addEventListener("click", function () { send("/start_again", "Start again"); input.focus(); });
  forgetButton.addEventListener("click", function () { confirmBox.hidden = false; confirmYes.focus(); });
  confirmNo.addEventListener("click", function () { confirmBox.hidden = true; forgetButton.focus(); });
  confirmYes.addEventListener("click", function () { forgetMe("Forget me"); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    input.value = "";
    send(text);
    input.focus();
  });
  // A button's reply removes the buttons; keep the keyboard user in the conversation, at the message box.
  log.addEventListener("click", function (e) {
    if (e.target && e.target.classList && e.target.classList.contains("pw-reply")) input.focus();
  });

  // ---- restore after a reload ----
  transcript.forEach(render);
  clearAlert();
  if (load(sessionStorage_(), KEY.open, false)) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("pw-root--open");
    connect();
  }
})();
