// Relay247 console: the live parts the server cannot render. Loaded with the CSP nonce; no eval,
// no inline handlers. Foreign text never passes through here: the server escapes it.
(function () {
  'use strict';
  var audio = null;

  function enableSound() {
    if (!audio) {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (Ctx) { audio = new Ctx(); }
    }
    if (audio && audio.state === 'suspended') { audio.resume(); }
  }

  function beep() {
    if (!audio) { enableSound(); }
    if (!audio) { return; }
    var t = audio.currentTime;
    [0, 0.3, 0.6].forEach(function (d) {
      var o = audio.createOscillator();
      var g = audio.createGain();
      o.frequency.value = 880;
      g.gain.value = 0.2;
      o.connect(g); g.connect(audio.destination);
      o.start(t + d); o.stop(t + d + 0.18);
    });
  }

  // The page's language is the account's (html lang): the countdown speaks it too.
  var fr = document.documentElement.lang === 'fr';
  var OVERDUE = fr ? 'DÉPASSÉ · ' : 'OVERDUE · ';
  var LEFT = fr ? 's restantes · ' : 's left · ';

  function countdowns() {
    var now = Date.now();
    document.querySelectorAll('time.countdown').forEach(function (el) {
      var left = Math.round((Number(el.dataset.deadline) - now) / 1000);
      var name = el.getAttribute('title') || '';
      if (left <= 0) {
        el.classList.add('overdue');
        el.textContent = OVERDUE + name;
      } else {
        var h = Math.floor(left / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
        el.textContent = (h > 0 ? h + 'h ' : '') + (m < 10 ? '0' : '') + m + 'm ' + (s < 10 ? '0' : '') + s + LEFT + name;
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    countdowns();
    setInterval(countdowns, 1000);
    var sound = document.getElementById('sound');
    if (sound) { sound.addEventListener('click', enableSound); }
    document.addEventListener('keydown', enableSound, { once: true });
    document.addEventListener('click', enableSound, { once: true });
    var drop = document.querySelector('.drop');
    if (drop) {
      var input = drop.querySelector('input[type=file]');
      drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.classList.add('dragging'); });
      drop.addEventListener('dragleave', function () { drop.classList.remove('dragging'); });
      drop.addEventListener('drop', function (e) {
        e.preventDefault(); drop.classList.remove('dragging');
        if (input && e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; }
      });
    }
  });

  document.body && document.body.addEventListener('htmx:sseMessage', onSse);
  document.addEventListener('htmx:sseMessage', onSse);
  var seen = new WeakSet();
  function onSse(e) {
    if (seen.has(e)) { return; }
    seen.add(e);
    if (e.detail && e.detail.type === 'emergency') {
      document.body.dataset.alerts = String(Number(document.body.dataset.alerts || '0') + 1);
      document.body.classList.add('alerting');
      beep();
      setTimeout(function () { document.body.classList.remove('alerting'); }, 5000);
    }
  }

  // Tests and the officer can tell the live connection is up.
  document.addEventListener('htmx:sseOpen', function () { document.body.dataset.live = 'open'; });
  document.addEventListener('htmx:sseError', function () { document.body.dataset.live = 'reconnecting'; });

  document.addEventListener('htmx:xhr:progress', function (e) {
    var bar = document.getElementById('upload-progress');
    if (bar && e.detail && e.detail.lengthComputable) {
      bar.value = Math.round(e.detail.loaded * 100 / e.detail.total);
    }
  });
})();
