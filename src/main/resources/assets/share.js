/*
 * The public share page's own script. No framework, no inline handlers, nothing eval-like: it runs under the
 * page's CSP (script-src 'self'). Every request it makes is built from this page's own path, /m/{token}, so it
 * never leaves /m/{token}/… (assets come from /m/_/ through the markup).
 *
 *  - live region: re-fetched every data-poll-seconds from {base}/live and swapped in whole (outerHTML); paused
 *    while the tab is hidden, refreshed at once when it comes back; a 404 means the link stopped working, so the
 *    page reloads and shows the 404 page;
 *  - charts: uPlot, from {base}/latency, redrawn after every live refresh;
 *  - incidents: the region is re-fetched from {base}/incidents/live like the live region (open rows stay open);
 *    a row's timeline is fetched from {base}/results when it is first opened;
 *  - results: "show older" appends older rows from {base}/results; they survive the live refreshes;
 *  - times: the server writes UTC ("… UTC"); this rewrites them in the viewer's time zone and names it once;
 *  - outages: a failed poll backs off (doubling, capped); the wall-screen view (data-view="tv") reloads itself
 *    once the service answers again, so it picks up a fresh page and fresh assets without anyone touching it.
 *  Nothing here grows with time: one timer, a fixed set of listeners, charts reused across refreshes.
 */
(function () {
  'use strict';

  var match = /^\/m\/[^/]+/.exec(window.location.pathname);
  if (!match || match[0] === '/m/_') {
    return;
  }
  var base = match[0];
  var view = document.documentElement.getAttribute('data-view') || 'page';

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

  /** "UTC+05:30" for the viewer's offset at instant d. */
  function offsetLabel(d) {
    var m = -d.getTimezoneOffset();
    var sign = m < 0 ? '-' : '+';
    m = Math.abs(m);
    return 'UTC' + sign + pad(Math.floor(m / 60)) + ':' + pad(m % 60);
  }

  function nameZone() {
    var note = document.querySelector('[data-tz]');
    if (!note) {
      return;
    }
    var zone = '';
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (e) {
      zone = '';
    }
    var offset = offsetLabel(new Date());
    note.textContent = 'times in your time zone: ' + (zone && zone !== 'UTC' ? zone + ' (' + offset + ')' : offset);
    note.setAttribute('data-tz', zone || offset);
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
        t.title = t.getAttribute('datetime') + ' (' + offsetLabel(d) + ')';
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

  /** The chart's text alternative: what a screen reader (or a viewer without canvas) gets instead of the plot. */
  function summarize(kind, series) {
    var buckets = (series && series.buckets ? series.buckets : []).filter(function (b) { return b.samples > 0; });
    if (!buckets.length) {
      return 'no latency data in this window';
    }
    function avgOf(name) {
      var sum = 0;
      buckets.forEach(function (b) { sum += b[name] || 0; });
      return Math.round(sum / buckets.length) + ' ms';
    }
    function maxOf(name) {
      var max = 0;
      buckets.forEach(function (b) { max = Math.max(max, b[name] || 0); });
      return Math.round(max) + ' ms';
    }
    var samples = 0;
    buckets.forEach(function (b) { samples += b.samples; });
    if (kind === 'latency') {
      return samples + ' checks in ' + buckets.length + ' buckets: p50 averages ' + avgOf('p50') + ', p95 ' + avgOf('p95') +
        ', p99 ' + avgOf('p99') + '; the slowest p99 was ' + maxOf('p99');
    }
    return 'average time per phase: dns ' + avgOf('dns') + ', connect ' + avgOf('connect') + ', tls ' + avgOf('tls') +
      ', ttfb ' + avgOf('ttfb') + ', whole check ' + avgOf('avg');
  }

  function renderChart(host, series) {
    var kind = host.getAttribute('data-chart');
    var prepared = chartData(kind, series);
    var summary = host.parentNode.querySelector('[data-chart-summary]');
    if (summary) {
      summary.textContent = summarize(kind, series);
    }
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
  var failures = 0;

  function pollSeconds() {
    var region = document.getElementById('live');
    var s = region ? parseInt(region.getAttribute('data-poll-seconds'), 10) : NaN;
    return isFinite(s) && s > 0 ? s : 60;
  }

  function schedule() {
    window.clearTimeout(pollTimer);
    pollTimer = null;
    if (!document.hidden && document.getElementById('live')) {
      var every = pollSeconds() * 1000;
      // After failures: double the wait each time, up to a minute (or the poll interval if that is longer).
      var wait = failures ? Math.min(every * Math.pow(2, failures - 1), Math.max(every, 60000)) : every;
      pollTimer = window.setTimeout(refreshLive, wait);
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
    // The monitor tab polls {base}/live, the incidents tab {base}/incidents/live (the region names its own path).
    var path = current.getAttribute('data-live-path') || '/live';
    get(base + path + '?range=' + encodeURIComponent(current.getAttribute('data-range') || ''), 'text/html')
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
        if (failures && view === 'tv') {
          // Back after an outage: a wall screen starts over from a fresh page (new assets, no leftovers).
          window.location.reload();
          return;
        }
        failures = 0;
        current = document.getElementById('live');
        keepCharts(current, fresh);
        keepOlder(current, fresh);
        keepOpenIncidents(current, fresh);
        current.replaceWith(fresh);
        localizeTimes(fresh);
        wireOlder(fresh);
        wireIncidents(fresh);
        syncHeader(fresh);
        refreshes += 1;
        document.body.setAttribute('data-live-refreshes', String(refreshes));
        document.body.classList.remove('offline');
        drawCharts();
      })
      .catch(function () {
        failures = Math.min(failures + 1, 16);
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

  // ---- results: show older ------------------------------------------------------------------------------

  function oldestShown(region) {
    var times = region.querySelectorAll('.results time[datetime]');
    return times.length ? times[times.length - 1].getAttribute('datetime') : null;
  }

  function olderRow(r) {
    var li = cell('li', 'result result--older');
    var row = cell('div', 'result-row');
    var time = cell('time', null, r.timestamp);
    time.setAttribute('datetime', r.timestamp);
    row.appendChild(time);
    row.appendChild(cell('span', 'badge badge--' + r.status, r.status));
    row.appendChild(cell('span', 'num', r.duration_ms == null ? '–' : r.duration_ms + ' ms'));
    row.appendChild(cell('span', 'num', r.response_code == null ? '' : String(r.response_code)));
    row.appendChild(cell('span', 'err', r.error || ''));
    li.appendChild(row);
    return li;
  }

  function loadOlder(button) {
    var region = document.getElementById('live');
    var to = oldestShown(region);
    var span = parseInt(region.getAttribute('data-span-seconds'), 10) || 86400;
    var from = new Date(Date.parse(region.getAttribute('data-rendered-at')) - span * 1000).toISOString();
    if (!to) {
      return;
    }
    button.disabled = true;
    button.textContent = 'loading…';
    get(base + '/results?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to) + '&limit=60', 'application/json')
      .then(function (page) {
        if (!page) {
          return;
        }
        var list = document.querySelector('#live .results-list');
        var edge = Date.parse(oldestShown(document.getElementById('live')));
        (page.items || []).forEach(function (r) {
          if (Date.parse(r.timestamp) < edge) { // the window's end is inclusive: skip the row already shown
            list.appendChild(olderRow(r));
          }
        });
        localizeTimes(list);
        button.disabled = false;
        button.textContent = 'show older results';
        if (!page.has_more) {
          button.remove();
        }
      })
      .catch(function () {
        button.disabled = false;
        button.textContent = 'older results unavailable; try again';
      });
  }

  function wireOlder(root) {
    var button = root.querySelector('button[data-load-older]');
    if (button) {
      button.hidden = false;
      button.addEventListener('click', function () { loadOlder(button); });
    }
  }

  /**
   * A refresh brings the newest 60 rows; rows the viewer loaded with "show older" stay below them, and so do the
   * rows the refresh pushed out of the newest 60, so the list never has a hole.
   */
  function keepOlder(from, to) {
    var older = from.querySelectorAll('.result--older');
    var list = to.querySelector('.results-list');
    if (!older.length || !list) {
      return;
    }
    var edge = Date.parse(oldestShown(to));
    var rows = from.querySelectorAll('.results-list > li');
    Array.prototype.forEach.call(rows, function (li) {
      var t = li.querySelector('time[datetime]');
      if (t && Date.parse(t.getAttribute('datetime')) < edge) {
        list.appendChild(li);
      }
    });
  }

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

  /** An incident the viewer has open (with its loaded timeline) stays open through a refresh. */
  function keepOpenIncidents(from, to) {
    var open = from.querySelectorAll('details[data-timeline-from][open]');
    Array.prototype.forEach.call(open, function (old) {
      var key = old.getAttribute('data-timeline-from');
      var fresh = to.querySelectorAll('details[data-timeline-from]');
      for (var i = 0; i < fresh.length; i++) {
        if (fresh[i].getAttribute('data-timeline-from') === key) {
          var summary = fresh[i].querySelector('summary');
          old.replaceChild(summary, old.querySelector('summary')); // fresh duration, end, checks
          old.setAttribute('data-timeline-to', fresh[i].getAttribute('data-timeline-to'));
          old.className = fresh[i].className;
          fresh[i].replaceWith(old);
          return;
        }
      }
    });
  }

  function wireIncidents(root) {
    var rows = root.querySelectorAll('details[data-timeline-from]:not([data-wired])');
    Array.prototype.forEach.call(rows, function (details) {
      details.setAttribute('data-wired', '');
      details.addEventListener('toggle', function () {
        if (details.open && !details.hasAttribute('data-loaded')) {
          loadTimeline(details);
        }
      });
    });
  }

  // ---- start ---------------------------------------------------------------------------------------------

  function start() {
    nameZone();
    localizeTimes(document);
    wireOlder(document);
    wireIncidents(document);
    drawCharts();
    schedule();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
