/*
 * The public share page's own script. No framework, no inline handlers, nothing eval-like: it runs under the
 * page's CSP (script-src 'self'). Every request it makes is built from this page's own path, /m/{token}, so it
 * never leaves /m/{token}/… (assets come from /m/_/ through the markup).
 *
 *  - live region: re-fetched every data-poll-seconds from {base}/live and swapped in whole (outerHTML); paused
 *    while the tab is hidden, refreshed at once when it comes back; a 404 means the link stopped working, so the
 *    page reloads and shows the 404 page;
 *  - charts: uPlot, from {base}/latency, redrawn after every live refresh;
 *  - incidents: a row's timeline is fetched from {base}/results when it is first opened;
 *  - times: written in the viewer's local time zone.
 */
(function () {
  'use strict';

  var match = /^\/m\/[^/]+/.exec(window.location.pathname);
  if (!match || match[0] === '/m/_') {
    return;
  }
  var base = match[0];

  var PALETTE = {
    p50: '#2563eb', p95: '#d97706', p99: '#dc2626',
    dns: '#0891b2', connect: '#7c3aed', tls: '#db2777', ttfb: '#16a34a', processing: '#94a3b8'
  };
  var FILLS = {
    dns: '#a5e4f0', connect: '#d6c6fb', tls: '#f7bfdc', ttfb: '#b4ebc6', processing: '#e2e8f0'
  };
  var PHASES = ['dns', 'connect', 'tls', 'ttfb', 'processing'];

  function get(url, accept) {
    return fetch(url, { cache: 'no-store', credentials: 'same-origin', headers: { Accept: accept } })
      .then(function (res) {
        if (res.status === 404) {
          // The link was revoked, expired or its monitor deleted: show the real 404 page.
          window.location.reload();
          return null;
        }
        if (!res.ok) {
          throw new Error('HTTP ' + res.status);
        }
        return accept === 'application/json' ? res.json() : res.text();
      });
  }

  // ---- times ---------------------------------------------------------------------------------------------

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function localTime(d) {
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' +
      pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function localizeTimes(root) {
    var nodes = root.querySelectorAll('time[datetime]');
    for (var i = 0; i < nodes.length; i++) {
      var t = nodes[i];
      var d = new Date(t.getAttribute('datetime'));
      if (isNaN(d.getTime())) {
        continue;
      }
      if (t.hasAttribute('data-relative')) {
        t.title = localTime(d);
      } else {
        t.textContent = localTime(d);
        t.title = t.getAttribute('datetime');
      }
    }
  }

  // ---- charts --------------------------------------------------------------------------------------------

  var charts = {};
  var chartSeq = 0;

  function chartHeight(host) {
    var h = parseInt(window.getComputedStyle(host).getPropertyValue('--chart-height'), 10);
    return isFinite(h) && h > 0 ? h : 220;
  }

  function ms(u, v) {
    return v == null ? '–' : Math.round(v) + ' ms';
  }

  function chartData(kind, series) {
    var buckets = series && series.buckets ? series.buckets : [];
    var xs = [];
    var shown = [];
    var raw = [];
    var names = kind === 'latency' ? ['p50', 'p95', 'p99'] : PHASES.slice().reverse();
    names.forEach(function () { shown.push([]); raw.push([]); });
    buckets.forEach(function (b) {
      xs.push(b.t / 1000);
      var gap = !b.samples;
      if (kind === 'latency') {
        [b.p50, b.p95, b.p99].forEach(function (v, i) {
          shown[i].push(gap ? null : v);
          raw[i].push(gap ? null : v);
        });
        return;
      }
      var parts = {
        dns: b.dns, connect: b.connect, tls: b.tls, ttfb: b.ttfb,
        processing: Math.max(0, b.avg - (b.dns + b.connect + b.tls + b.ttfb))
      };
      // Stacked: each series is drawn as the running total up to its phase; the largest (processing) first,
      // so every smaller area is painted over it and the bands read bottom-up dns → processing.
      names.forEach(function (name, i) {
        var total = 0;
        for (var p = 0; p <= PHASES.indexOf(name); p++) {
          total += parts[PHASES[p]];
        }
        shown[i].push(gap ? null : total);
        raw[i].push(gap ? null : parts[name]);
      });
    });
    return { names: names, data: [xs].concat(shown), raw: raw, samples: buckets.some(function (b) { return b.samples > 0; }) };
  }

  function chartOptions(kind, host, prepared) {
    var css = window.getComputedStyle(document.documentElement);
    var ink = css.getPropertyValue('--muted').trim() || '#64748b';
    var grid = css.getPropertyValue('--grid').trim() || 'rgba(127,127,127,0.18)';
    var axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    var series = [{}];
    prepared.names.forEach(function (name, i) {
      var s = { label: name, stroke: PALETTE[name], width: kind === 'latency' ? 2 : 1, spanGaps: false };
      if (kind === 'latency') {
        s.value = ms;
      } else {
        s.fill = FILLS[name];
        s.value = function (u, v, si, idx) {
          return idx == null ? '–' : ms(u, prepared.raw[i][idx]);
        };
      }
      series.push(s);
    });
    return {
      width: Math.max(host.clientWidth, 200),
      height: chartHeight(host),
      series: series,
      scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(10, max * 1.1)]; } } },
      axes: [axis, Object.assign({}, axis, { size: 64, values: function (u, ticks) { return ticks.map(function (v) { return v + ' ms'; }); } })],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } }
    };
  }

  function renderChart(host, series) {
    var kind = host.getAttribute('data-chart');
    var prepared = chartData(kind, series);
    host.setAttribute('data-state', prepared.samples ? 'drawn' : 'empty');
    var existing = charts[kind];
    if (existing && existing.root.parentNode === host) {
      existing.setData(prepared.data);
      return;
    }
    if (existing) {
      existing.destroy();
    }
    host.textContent = '';
    charts[kind] = new window.uPlot(chartOptions(kind, host, prepared), prepared.data, host);
  }

  function drawCharts() {
    var region = document.getElementById('live');
    if (!region || typeof window.uPlot === 'undefined') {
      return;
    }
    var hosts = region.querySelectorAll('[data-chart]');
    if (!hosts.length) {
      return;
    }
    var seq = ++chartSeq;
    // By preset range: every viewer of this monitor shares one cached series on the server.
    get(base + '/latency?range=' + encodeURIComponent(region.getAttribute('data-range') || ''), 'application/json')
      .then(function (series) {
        if (!series || seq !== chartSeq) {
          return;
        }
        for (var i = 0; i < hosts.length; i++) {
          renderChart(hosts[i], series);
        }
      })
      .catch(function () {
        for (var i = 0; i < hosts.length; i++) {
          hosts[i].setAttribute('data-state', 'unavailable');
        }
      });
  }

  /** Moves the drawn charts into the fresh region, so a refresh updates them instead of rebuilding them. */
  function keepCharts(from, to) {
    var hosts = to.querySelectorAll('[data-chart]');
    for (var i = 0; i < hosts.length; i++) {
      var old = from.querySelector('[data-chart="' + hosts[i].getAttribute('data-chart') + '"]');
      if (old) {
        while (old.firstChild) {
          hosts[i].appendChild(old.firstChild);
        }
        if (old.hasAttribute('data-state')) {
          hosts[i].setAttribute('data-state', old.getAttribute('data-state'));
        }
      }
    }
  }

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      Object.keys(charts).forEach(function (kind) {
        var u = charts[kind];
        var host = u.root.parentNode;
        if (host) {
          u.setSize({ width: Math.max(host.clientWidth, 200), height: chartHeight(host) });
        }
      });
    }, 150);
  });

  // ---- live region ---------------------------------------------------------------------------------------

  var pollTimer = null;
  var inflight = false;
  var refreshes = 0;

  function pollSeconds() {
    var region = document.getElementById('live');
    var s = region ? parseInt(region.getAttribute('data-poll-seconds'), 10) : NaN;
    return isFinite(s) && s > 0 ? s : 60;
  }

  function schedule() {
    window.clearTimeout(pollTimer);
    pollTimer = null;
    if (!document.hidden && document.getElementById('live')) {
      pollTimer = window.setTimeout(refreshLive, pollSeconds() * 1000);
    }
  }

  function syncHeader(region) {
    var head = document.getElementById('head-status');
    var status = region.getAttribute('data-status');
    if (head && status) {
      head.className = 'badge badge--' + status;
      head.textContent = region.getAttribute('data-status-label') || status;
    }
  }

  function refreshLive() {
    var current = document.getElementById('live');
    if (!current || inflight) {
      return;
    }
    inflight = true;
    get(base + '/live?range=' + encodeURIComponent(current.getAttribute('data-range') || ''), 'text/html')
      .then(function (html) {
        if (html === null) {
          return;
        }
        var template = document.createElement('template');
        template.innerHTML = html;
        var fresh = template.content.querySelector('#live');
        if (!fresh) {
          throw new Error('no live region in response');
        }
        current = document.getElementById('live');
        keepCharts(current, fresh);
        current.replaceWith(fresh);
        localizeTimes(fresh);
        syncHeader(fresh);
        refreshes += 1;
        document.body.setAttribute('data-live-refreshes', String(refreshes));
        document.body.classList.remove('offline');
        drawCharts();
      })
      .catch(function () {
        document.body.classList.add('offline');
      })
      .then(function () {
        inflight = false;
        schedule();
      });
  }

  document.addEventListener('visibilitychange', function () {
    if (document.hidden) {
      window.clearTimeout(pollTimer);
      pollTimer = null;
    } else {
      refreshLive();
    }
  });

  // ---- incidents: lazy timelines -------------------------------------------------------------------------

  function cell(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) {
      el.className = cls;
    }
    if (text != null) {
      el.textContent = text;
    }
    return el;
  }

  function renderTimeline(box, page) {
    var items = (page.items || []).slice().reverse(); // oldest first: read it as a story
    box.textContent = '';
    if (!items.length) {
      box.appendChild(cell('p', 'empty', 'no check results recorded around this incident'));
      return;
    }
    var firstBad = -1, lastBad = -1;
    items.forEach(function (r, i) {
      if (r.status !== 'up') {
        if (firstBad < 0) { firstBad = i; }
        lastBad = i;
      }
    });
    var recovered = -1;
    for (var i = lastBad + 1; lastBad >= 0 && i < items.length; i++) {
      if (items[i].status === 'up') { recovered = i; break; }
    }
    var list = cell('ol', 'timeline-list');
    items.forEach(function (r, i) {
      var li = cell('li', 'timeline-item');
      var time = cell('time', null, r.timestamp);
      time.setAttribute('datetime', r.timestamp);
      li.appendChild(time);
      li.appendChild(cell('span', 'badge badge--' + r.status, r.status));
      li.appendChild(cell('span', 'num', r.duration_ms == null ? '–' : r.duration_ms + ' ms'));
      li.appendChild(cell('span', 'num', r.response_code == null ? '' : String(r.response_code)));
      li.appendChild(cell('span', 'err', r.error || ''));
      var mark = i === firstBad ? 'first failure' : i === recovered ? 'recovered' : (i === lastBad && lastBad !== firstBad) ? 'last failure' : '';
      if (mark) {
        li.appendChild(cell('span', 'mark', mark));
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    localizeTimes(box);
  }

  function loadTimeline(details) {
    var box = details.querySelector('.timeline');
    details.setAttribute('data-loaded', 'loading');
    box.textContent = 'loading…';
    var url = base + '/results?from=' + encodeURIComponent(details.getAttribute('data-timeline-from')) +
      '&to=' + encodeURIComponent(details.getAttribute('data-timeline-to')) + '&limit=50';
    get(url, 'application/json')
      .then(function (page) {
        if (page) {
          renderTimeline(box, page);
          details.setAttribute('data-loaded', 'yes');
        }
      })
      .catch(function () {
        details.removeAttribute('data-loaded');
        box.textContent = 'timeline temporarily unavailable; close and reopen to retry';
      });
  }

  function wireIncidents() {
    var rows = document.querySelectorAll('details[data-timeline-from]');
    Array.prototype.forEach.call(rows, function (details) {
      details.addEventListener('toggle', function () {
        if (details.open && !details.hasAttribute('data-loaded')) {
          loadTimeline(details);
        }
      });
    });
  }

  // ---- start ---------------------------------------------------------------------------------------------

  function start() {
    localizeTimes(document);
    wireIncidents();
    drawCharts();
    schedule();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
