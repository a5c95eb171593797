/* Melayani attendance: send scans now, or keep them on this phone and send them when the connection returns.
   Scans wait in localStorage; each carries the moment it was scanned, so the server can accept it later once. */
(function () {
  "use strict";
  var KEY = "melayani.attendance.queue";

  function attr(name) {
    var config = document.querySelector("[data-attendance]");
    return config ? config.getAttribute(name) : null;
  }
  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function save(queue) {
    window.localStorage.setItem(KEY, JSON.stringify(queue));
    render();
  }
  function csrf() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  function render() {
    var n = load().length;
    document.querySelectorAll("[data-queue-state]").forEach(function (el) {
      el.hidden = n === 0;
      var count = el.querySelector("[data-queue-count]");
      if (count) { count.textContent = String(n); }
    });
  }
  function say(text, ok) {
    var log = document.querySelector("[data-scan-log]");
    if (!log) { return; }
    var item = document.createElement("li");
    item.textContent = text;
    item.className = ok ? "ok" : "bad";
    log.insertBefore(item, log.firstChild);
  }

  // Resolves to "sent" (the server answered, accepted or refused: never retry) or "keep" (try again later).
  function send(item, queued) {
    var body = new FormData();
    body.append(item.field, item.value);
    body.append("scanned_at", String(item.scannedAt));
    if (queued) { body.append("queued", "1"); }
    return fetch(item.url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf() }
    }).then(function (response) {
      if (response.status === 401 || response.status === 403 || response.status >= 500) {
        var hint = document.querySelector("[data-sign-in-hint]");
        if (hint && response.status !== 500) { hint.hidden = false; }
        return "keep";
      }
      return response.json().then(function (data) { say(data.message, data.ok); return "sent"; });
    }).catch(function () { return "keep"; });
  }

  var flushing = false;
  function flush() {
    if (flushing) { return Promise.resolve(); }
    flushing = true;
    var queue = load();
    var next = Promise.resolve();
    var kept = [];
    queue.forEach(function (item) {
      next = next.then(function () {
        return send(item, true).then(function (result) { if (result === "keep") { kept.push(item); } });
      });
    });
    return next.then(function () {
      // Scans added while we were sending stay too.
      var added = load().filter(function (item) { return queue.every(function (old) { return old.id !== item.id; }); });
      save(kept.concat(added));
      flushing = false;
    });
  }

  function submit(item) {
    return send(item, false).then(function (result) {
      if (result === "keep") {
        var queue = load();
        if (!queue.some(function (old) { return old.url === item.url && old.value === item.value; })) {
          queue.push(item);
          save(queue);
        }
        say(attr("data-queued-text") || "Saved; it will be sent later.", true);
      }
      return result;
    });
  }

  function newItem(url, field, value) {
    return { id: String(Date.now()) + Math.random().toString(16).slice(2), url: url, field: field, value: value,
      scannedAt: Date.now() };
  }

  // A participant opened a session QR link: send the code in it at once.
  function scanFromLocation() {
    var match = window.location.pathname.match(/^(.*\/lokakarya\/sesi\/\d+\/hadir\/)$/);
    var token = new URLSearchParams(window.location.search).get("t");
    if (!match || !token) { return; }
    var form = document.querySelector("[data-scan-form]");
    submit(newItem(match[1] + "kirim/", "token", token)).then(function (result) {
      if (form && result === "sent") { form.hidden = true; }
    });
    // Drop the code from the address bar so reloading does not send it again.
    window.history.replaceState(null, "", window.location.pathname);
  }

  // The trainer's form for participants' personal codes (typed, pasted, from a hand scanner or the camera).
  function participantForm() {
    var form = document.querySelector("[data-participant-form]");
    if (!form) { return; }
    var input = form.querySelector("[name=code]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var code = input.value.trim();
      if (!code) { return; }
      submit(newItem(form.action, "code", code));
      input.value = "";
      input.focus();
    });
    var cameraButton = document.querySelector("[data-camera]");
    if (cameraButton && "BarcodeDetector" in window && navigator.mediaDevices) {
      cameraButton.hidden = false;
      cameraButton.addEventListener("click", function () { camera(form, input); });
    }
  }

  // Where the browser can decode QR codes itself (Chrome on Android), the trainer can use the phone's camera.
  function camera(form, input) {
    var video = document.querySelector("video.scanner");
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    var last = "";
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      return video.play();
    }).then(function () {
      window.setInterval(function () {
        detector.detect(video).then(function (codes) {
          if (codes.length && codes[0].rawValue !== last) {
            last = codes[0].rawValue;
            input.value = last;
            form.requestSubmit();
          }
        }).catch(function () {});
      }, 400);
    }).catch(function () { say(attr("data-camera-error") || "Camera unavailable.", false); });
  }

  // Install the worker that keeps the scan page, and say so once it is active: only then does a scan link open
  // without a connection. (navigator.serviceWorker.ready never settles on pages outside the worker's scope, such
  // as the workshop page, so follow the registration's own worker instead.)
  function offlineReady(worker) {
    if (!worker || !("serviceWorker" in navigator)) { return; }
    function ready() {
      document.documentElement.setAttribute("data-attendance-offline", "ready");
      document.querySelectorAll("[data-offline-ready]").forEach(function (el) { el.hidden = false; });
    }
    function follow(sw) {
      if (!sw) { return; }
      if (sw.state === "activated") { ready(); return; }
      sw.addEventListener("statechange", function () { if (sw.state === "activated") { ready(); } });
    }
    navigator.serviceWorker.register(worker).then(function (registration) {
      follow(registration.active || registration.waiting || registration.installing);
      registration.addEventListener("updatefound", function () { follow(registration.installing); });
    }).catch(function () {});
  }

  document.addEventListener("DOMContentLoaded", function () {
    offlineReady(attr("data-attendance-sw"));
    render();
    participantForm();
    scanFromLocation();
    flush();
    window.addEventListener("online", flush);
    window.setInterval(function () { if (load().length) { flush(); } }, 30000);
  });
})();
