{% load static %}/* Melayani attendance service worker: keeps the scan page so a QR link opened without a connection still
   queues the scan on the phone (see attendance-queue.js). The cache name carries a digest of what it keeps, so a
   changed page or script replaces the old copy instead of being served stale forever. */
var PREFIX = "melayani-attendance-";
var CACHE = PREFIX + "{{ version|escapejs }}";
var SHELL = "{{ shell_url|escapejs }}";
var ASSETS = [SHELL, "{% static 'js/attendance-queue.js' %}", "{% static 'css/melayani.css' %}", "{% static 'css/workshop.css' %}"];
var SCAN_PATH = /\/lokakarya\/sesi\/\d+\/hadir\/$/;
// A venue's connection is often not gone but hopeless: after this long the kept page is shown instead.
var NETWORK_WAIT_MS = 5000;

// Fetch each file past the HTTP cache and refuse anything but a plain 200: a redirected or error response kept
// here would later be refused for a navigation (or show an error page), leaving the phone without a scan page.
function keep(cache, url) {
  return fetch(new Request(url, { cache: "reload", credentials: "same-origin", redirect: "follow" })).then(function (response) {
    if (!response.ok || response.redirected || response.type !== "basic") {
      throw new Error("Cannot keep " + url + " for offline use (" + response.status + ")");
    }
    return cache.put(url, response);
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(ASSETS.map(function (url) { return keep(cache, url); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function shell() {
  return caches.open(CACHE).then(function (cache) { return cache.match(SHELL); });
}

// The live scan page when the network answers in time; the kept one when it fails or hangs.
function scanPage(request) {
  return new Promise(function (resolve) {
    var done = false;
    function answer(response) { if (!done && response) { done = true; resolve(response); } }
    function fallBack(failed) {
      shell().then(function (kept) {
        if (kept) { answer(kept); } else if (failed) { answer(Response.error()); }
      });
    }
    var timer = setTimeout(function () { fallBack(false); }, NETWORK_WAIT_MS);
    fetch(request).then(function (response) { clearTimeout(timer); answer(response); })
      .catch(function () { clearTimeout(timer); fallBack(true); });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate" && SCAN_PATH.test(url.pathname)) {
    event.respondWith(scanPage(request));
  } else if (ASSETS.indexOf(url.pathname) !== -1) {
    event.respondWith(fetch(request).catch(function () {
      return caches.open(CACHE).then(function (cache) { return cache.match(url.pathname); });
    }));
  }
});
