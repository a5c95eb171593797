{% load static %}/* Melayani attendance service worker: keeps the scan page so a QR link opened without a connection still
   queues the scan on the phone (see attendance-queue.js). */
var CACHE = "melayani-attendance-v1";
var SHELL = "{{ shell_url|escapejs }}";
var ASSETS = [SHELL, "{% static 'js/attendance-queue.js' %}", "{% static 'css/melayani.css' %}", "{% static 'css/workshop.css' %}"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate" && /\/lokakarya\/sesi\/\d+\/hadir\/$/.test(url.pathname)) {
    event.respondWith(fetch(request).catch(function () { return caches.match(SHELL); }));
  } else if (ASSETS.indexOf(url.pathname) !== -1) {
    event.respondWith(fetch(request).catch(function () { return caches.match(request); }));
  }
});
