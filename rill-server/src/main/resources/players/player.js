// Rill's player page: HTTP-FLV, WebSocket-FLV, HTTP-TS and WebSocket-TS through mpegts.js, HLS
// through hls.js (or the browser's own HLS). The URL comes from the text box, from ?url=..., or
// from the live stream list (streams.json); ?url=...&autostart=false only fills the box.
// window.rillPlayer exposes the state for tests.
(function () {
  'use strict';
  var video = document.getElementById('video');
  var urlInput = document.getElementById('url');
  var statusLine = document.getElementById('status');
  var streamList = document.getElementById('streams');
  var wsBox = document.getElementById('ws');
  var current = null;
  var state = { url: null, kind: null, error: null };
  window.rillPlayer = state;

  function setStatus(text) {
    statusLine.textContent = text;
  }

  function kindOf(url) {
    var path = url.split('?')[0].split('#')[0];
    if (/\.m3u8$/i.test(path)) {
      return 'hls';
    }
    if (/\.flv$/i.test(path)) {
      return /^wss?:/i.test(url) ? 'ws-flv' : 'http-flv';
    }
    if (/\.ts$/i.test(path)) {
      return /^wss?:/i.test(url) ? 'ws-ts' : 'http-ts';
    }
    return null;
  }

  function stop() {
    if (current) {
      current.destroy();
      current = null;
    }
    video.removeAttribute('src');
    video.load();
    state.url = null;
    state.kind = null;
    setStatus('idle');
  }

  function fail(what) {
    state.error = String(what);
    setStatus('error: ' + state.error);
  }

  function playMpegts(url, type) {
    if (!window.mpegts || !mpegts.isSupported()) {
      return fail('this browser cannot play ' + type + ' (no Media Source Extensions)');
    }
    var player = mpegts.createPlayer({ type: type, isLive: true, url: url },
      { enableStashBuffer: false, liveBufferLatencyChasing: true });
    player.on(mpegts.Events.ERROR, function (type, detail) { fail(type + ' ' + detail); });
    player.attachMediaElement(video);
    player.load();
    current = { destroy: function () { player.pause(); player.unload(); player.detachMediaElement(); player.destroy(); } };
  }

  function playHls(url) {
    if (window.Hls && Hls.isSupported()) {
      var hls = new Hls({ lowLatencyMode: false });
      hls.on(Hls.Events.ERROR, function (event, data) {
        if (data.fatal) {
          fail('hls ' + data.type + ' ' + data.details);
        }
      });
      hls.loadSource(url);
      hls.attachMedia(video);
      current = { destroy: function () { hls.destroy(); } };
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = url;
      current = { destroy: function () {} };
    } else {
      fail('this browser cannot play HLS');
    }
  }

  function play(url) {
    stop();
    url = url.trim();
    var kind = kindOf(url);
    if (!kind) {
      return fail('not a stream URL (.flv, .ts or .m3u8): ' + url);
    }
    state.url = url;
    state.kind = kind;
    state.error = null;
    urlInput.value = url;
    setStatus('playing ' + kind + ' ' + url);
    if (kind === 'hls') {
      playHls(url);
    } else {
      playMpegts(url, /-ts$/.test(kind) ? 'mpegts' : 'flv');
    }
    var started = video.play();
    if (started && started.catch) {
      started.catch(function (e) { setStatus('press play: ' + e.message); });
    }
  }

  function streamUrl(entry, websocket) {
    var scheme = websocket ? (location.protocol === 'https:' ? 'wss:' : 'ws:') : location.protocol;
    return scheme + '//' + location.host + entry.flv;
  }

  function refresh() {
    fetch('streams.json', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (data) {
      streamList.innerHTML = '';
      var usable = data.streams.filter(function (s) { return s.flv; });
      if (usable.length === 0) {
        streamList.appendChild(new Option('(no live stream)', ''));
      }
      usable.forEach(function (s) {
        var label = (s.vhost === '__defaultVhost__' ? '' : s.vhost + ' ') + s.app + '/' + s.stream + ' (' + s.clients + ' clients)';
        var option = new Option(label, s.flv);
        option.entry = s;
        streamList.appendChild(option);
      });
    }).catch(function (e) { setStatus('cannot list streams: ' + e.message); });
  }

  document.getElementById('form').addEventListener('submit', function (e) {
    e.preventDefault();
    play(urlInput.value);
  });
  document.getElementById('stop').addEventListener('click', stop);
  document.getElementById('refresh').addEventListener('click', refresh);
  streamList.addEventListener('change', function () {
    var option = streamList.options[streamList.selectedIndex];
    if (option && option.entry) {
      play(streamUrl(option.entry, wsBox.checked));
    }
  });

  var params = new URLSearchParams(location.search);
  refresh();
  if (params.get('url') && params.get('autostart') === 'false') {
    urlInput.value = params.get('url');
    setStatus('press Play to start');
  } else if (params.get('url')) {
    play(params.get('url'));
  }
})();
