// idx search UI: the page `idx serve` shows at its base path, and the same UI
// embedded in a site's layout with
//   <div id="idx-search"></div>
//   <script src="https://site/search/idx-search.js" data-idx="https://site/search" defer></script>
// Everything shown comes from the JSON API as text; of the snippet's HTML
// only <mark> is kept. No third-party request; no inline script or style
// (the server's Content-Security-Policy forbids both).
(function () {
  'use strict';

  // Translatable strings, in one place. {n}, {q}, {p}, {of} are filled in.
  var STRINGS = {
    en: {
      label: 'Search posts', placeholder: 'Search…', sort: 'Sort', relevance: 'Best match', newest: 'Newest',
      oldest: 'Oldest', matches: '{n} posts match', match1: '1 post matches', none: 'No posts match {q}.',
      start: 'Type to search {n} posts.', didYouMean: 'Did you mean', prev: 'Previous', next: 'Next',
      page: 'Page {p} of {of}', filters: 'Filters', clear: 'Clear filters', error: 'Search failed: {q}',
      author: 'Author', category: 'Category', tag: 'Tag', year: 'Year', month: 'Month', lang: 'Language',
      more: 'More', histogram: 'Posts per month', results: 'Results'
    },
    de: {
      label: 'Beiträge durchsuchen', placeholder: 'Suchen…', sort: 'Sortierung', relevance: 'Beste Treffer',
      newest: 'Neueste', oldest: 'Älteste', matches: '{n} Beiträge gefunden', match1: '1 Beitrag gefunden',
      none: 'Keine Beiträge zu {q}.', start: 'Tippen, um {n} Beiträge zu durchsuchen.',
      didYouMean: 'Meinten Sie', prev: 'Zurück', next: 'Weiter', page: 'Seite {p} von {of}', filters: 'Filter',
      clear: 'Filter löschen', error: 'Suche fehlgeschlagen: {q}', author: 'Autor', category: 'Kategorie',
      tag: 'Schlagwort', year: 'Jahr', month: 'Monat', lang: 'Sprache', more: 'Mehr',
      histogram: 'Beiträge pro Monat', results: 'Ergebnisse'
    },
    ja: {
      label: '記事を検索', placeholder: '検索…', sort: '並べ替え', relevance: '関連順', newest: '新しい順',
      oldest: '古い順', matches: '{n} 件の記事', match1: '1 件の記事', none: '{q} に一致する記事はありません。',
      start: '{n} 件の記事を検索できます。', didYouMean: 'もしかして', prev: '前へ', next: '次へ',
      page: '{p} / {of} ページ', filters: '絞り込み', clear: '絞り込みを解除', error: '検索に失敗しました: {q}',
      author: '著者', category: 'カテゴリー', tag: 'タグ', year: '年', month: '月', lang: '言語', more: 'もっと見る',
      histogram: '月ごとの記事数', results: '検索結果'
    }
  };
  var FACETS = ['author', 'category', 'tag', 'year', 'month', 'lang'];
  var LIST_FILTERS = ['author', 'category', 'tag', 'lang'];
  var PAGE_SIZE = 10;
  var FACET_SHOWN = 8;
  var FACET_LIMIT = 60;  // values asked per field: the histogram's last 5 years of months, "More" up to 60
  var DEBOUNCE_MS = 120;

  var script = document.currentScript;
  var apiBase = ((script && script.getAttribute('data-idx')) || '').replace(/\/$/, '');
  var standalone = !!(script && script.getAttribute('data-standalone'));

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] === undefined ? '' : values[k]; });
  }

  // The API's snippet is HTML-escaped text with <mark> around matches: keep
  // the marks, show all else as text.
  function decode(text) {
    return text.replace(/&(lt|gt|quot|#39|amp);/g, function (_, e) {
      return { lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' }[e];
    });
  }
  function snippetNodes(html) {
    var parts = html.split(/<mark>|<\/mark>/);
    return parts.map(function (part, i) {
      var text = document.createTextNode(decode(part));
      return i % 2 === 1 ? el('mark', {}, [text]) : text;
    });
  }

  // The state lives in the URL: q, sort, page and the filters.
  function readState(search) {
    var params = new URLSearchParams(search);
    var state = { q: params.get('q') || '', sort: params.get('sort') || 'relevance',
      page: Math.max(1, parseInt(params.get('page') || '1', 10) || 1),
      since: params.get('since') || '', until: params.get('until') || '', filters: {} };
    LIST_FILTERS.forEach(function (f) { state.filters[f] = params.getAll(f); });
    return state;
  }
  function stateParams(state) {
    var params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    if (state.sort !== 'relevance') params.set('sort', state.sort);
    LIST_FILTERS.forEach(function (f) { state.filters[f].forEach(function (v) { params.append(f, v); }); });
    if (state.since) params.set('since', state.since);
    if (state.until) params.set('until', state.until);
    if (state.page > 1) params.set('page', String(state.page));
    return params;
  }
  function apiParams(state, partial) {
    var params = stateParams(state);
    params.delete('page');
    params.set('limit', String(PAGE_SIZE));
    params.set('offset', String((state.page - 1) * PAGE_SIZE));
    params.set('facet_limit', String(FACET_LIMIT));
    if (partial && state.q && /[^\s]$/.test(state.q)) params.set('partial', '1');
    return params;
  }

  function Search(root) {
    this.root = root;
    this.state = readState(standalone ? location.search : '');
    this.seq = 0;
    this.timer = 0;
    this.controller = null;
    this.expanded = {};
    this.timings = [];
    this.build();
    var self = this;
    if (standalone) {
      window.addEventListener('popstate', function () {
        self.state = readState(location.search);
        self.input.value = self.state.q;
        self.sortSelect.value = self.state.sort;
        self.run(false);
      });
    }
    document.addEventListener('keydown', function (e) { self.onKey(e); });
    this.input.value = this.state.q;
    this.sortSelect.value = this.state.sort;
    this.run(false);
  }

  Search.prototype.language = function () {
    var chosen = (script && script.getAttribute('data-lang')) ||
      (this.state.filters.lang.length === 1 ? this.state.filters.lang[0] : '') ||
      document.documentElement.lang || 'en';
    chosen = chosen.toLowerCase().split(/[-_]/)[0];
    return STRINGS[chosen] ? chosen : 'en';
  };
  Search.prototype.t = function (key, values) {
    return fill(STRINGS[this.language()][key] || STRINGS.en[key], values || {});
  };

  Search.prototype.build = function () {
    var self = this;
    this.input = el('input', { type: 'search', id: 'idx-q', autocomplete: 'off', spellcheck: 'false' });
    this.label = el('label', { for: 'idx-q', className: 'idx-label' });
    this.sortLabel = el('label', { for: 'idx-sort', className: 'idx-label' });
    this.sortSelect = el('select', { id: 'idx-sort' }, ['relevance', 'newest', 'oldest'].map(function (v) {
      return el('option', { value: v });
    }));
    this.status = el('p', { role: 'status', className: 'idx-status', 'aria-live': 'polite' });
    this.suggestion = el('p', { className: 'idx-suggestion' });
    this.results = el('ol', { className: 'idx-results' });
    this.pager = el('nav', { className: 'idx-pager' });
    this.histogram = el('figure', { className: 'idx-histogram' });
    this.facets = el('aside', { className: 'idx-facets' });
    var form = el('form', { role: 'search', className: 'idx-form' }, [this.label, this.input, this.sortLabel,
      this.sortSelect]);
    var main = el('section', { className: 'idx-main' }, [this.status, this.suggestion, this.histogram, this.results,
      this.pager]);
    this.root.classList.add('idx-search');
    this.root.appendChild(form);
    this.root.appendChild(el('div', { className: 'idx-body' }, [main, this.facets]));
    form.addEventListener('submit', function (e) { e.preventDefault(); self.commit(); });
    this.input.addEventListener('input', function () {
      self.state.q = self.input.value;
      self.state.page = 1;
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.timer = 0; self.run(true); }, DEBOUNCE_MS);
    });
    this.sortSelect.addEventListener('change', function () {
      self.state.sort = self.sortSelect.value;
      self.state.page = 1;
      self.commit();
    });
  };

  // A new history entry: filters, paging and sorting are steps back can undo.
  Search.prototype.commit = function () {
    clearTimeout(this.timer);
    this.timer = 0;
    this.state.q = this.input.value;
    this.run(false, true);
  };

  Search.prototype.url = function () {
    var query = stateParams(this.state).toString();
    return location.pathname + (query ? '?' + query : '');
  };

  Search.prototype.run = function (typing, push) {
    var self = this;
    var started = performance.now();
    if (standalone && push) history.pushState(null, '', this.url());
    else if (standalone) history.replaceState(null, '', this.url());
    var seq = ++this.seq;
    if (this.controller) this.controller.abort();
    this.controller = typeof AbortController === 'function' ? new AbortController() : null;
    fetch(apiBase + '/api/v1/search?' + apiParams(this.state, typing).toString(),
      { signal: this.controller ? this.controller.signal : undefined, headers: { Accept: 'application/json' } })
      .then(function (res) { return res.json(); })
      .then(function (body) {
        if (seq !== self.seq) return;
        if (body.error) self.renderError(body.error.message);
        else self.render(body);
        // Time from the search's start (the debounce over) to the results
        // painted: the frame that shows them renders after its animation-frame
        // callbacks, and a task posted from one runs after that rendering.
        afterPaint(function () {
          self.timings.push(performance.now() - started);
          self.root.setAttribute('data-idx-seq', String(seq));
        });
      })
      .catch(function (err) {
        if (seq !== self.seq || err.name === 'AbortError') return;
        self.renderError(String(err.message || err));
        self.root.setAttribute('data-idx-seq', String(seq));
      });
  };

  function afterPaint(callback) {
    requestAnimationFrame(function () {
      var channel = new MessageChannel();
      channel.port1.onmessage = function () { channel.port1.close(); callback(); };
      channel.port2.postMessage(null);
    });
  }

  Search.prototype.renderLabels = function () {
    var lang = this.language();
    this.root.setAttribute('lang', lang);
    this.label.textContent = this.t('label');
    this.input.setAttribute('placeholder', this.t('placeholder'));
    this.sortLabel.textContent = this.t('sort');
    var self = this;
    Array.prototype.forEach.call(this.sortSelect.options, function (o) { o.textContent = self.t(o.value); });
    this.results.setAttribute('aria-label', this.t('results'));
  };

  Search.prototype.renderError = function (message) {
    this.renderLabels();
    this.status.textContent = this.t('error', { q: message });
    this.results.replaceChildren();
    this.pager.replaceChildren();
    this.suggestion.replaceChildren();
  };

  Search.prototype.render = function (body) {
    this.renderLabels();
    var total = body.total;
    if (!this.state.q && !this.hasFilters()) this.status.textContent = this.t('start', { n: total });
    else if (total === 0) this.status.textContent = this.t('none', { q: '“' + this.state.q + '”' });
    else this.status.textContent = total === 1 ? this.t('match1') : this.t('matches', { n: total });
    this.renderSuggestion(body.corrected_query);
    this.results.replaceChildren.apply(this.results, body.results.map(function (hit) { return resultItem(hit); }));
    this.renderPager(total);
    // The histogram and the filters are built again only when what they show
    // changed (paging and sorting leave them as they are).
    var facets = body.facets || {};
    var key = JSON.stringify([facets, this.state.filters, this.state.since, this.state.until, this.language()]);
    if (key === this.facetsShown) return;
    this.facetsShown = key;
    this.renderHistogram(facets.month || []);
    this.renderFacets(facets);
  };

  Search.prototype.hasFilters = function () {
    var s = this.state;
    return !!(s.since || s.until || LIST_FILTERS.some(function (f) { return s.filters[f].length; }));
  };

  function resultItem(hit) {
    var link = el('a', { href: safeUrl(hit.url || ''), text: hit.title || hit.path });
    var meta = [hit.date ? hit.date.slice(0, 10) : '', hit.author || '', (hit.categories || []).join(', ')]
      .filter(Boolean).join(' · ');
    return el('li', { className: 'idx-hit' }, [
      el('h3', {}, [link]),
      meta ? el('p', { className: 'idx-meta', text: meta }) : null,
      el('p', { className: 'idx-snippet' }, snippetNodes(hit.snippet || ''))
    ]);
  }
  // Only web links: a post's url of `javascript:` is shown as no link.
  function safeUrl(url) {
    return /^(https?:\/\/|\/)/i.test(url) ? url : '#';
  }

  Search.prototype.renderSuggestion = function (corrected) {
    var self = this;
    this.suggestion.replaceChildren();
    if (!corrected) return;
    var next = readState('');
    next.q = corrected;
    next.sort = this.state.sort;
    var link = el('a', { href: '?' + stateParams(next).toString(), text: corrected });
    link.addEventListener('click', function (e) {
      e.preventDefault();
      self.input.value = corrected;
      self.state.q = corrected;
      self.state.page = 1;
      self.commit();
    });
    this.suggestion.append(this.t('didYouMean') + ' ', link, '?');
  };

  Search.prototype.renderPager = function (total) {
    var self = this;
    var pages = Math.ceil(total / PAGE_SIZE);
    this.pager.replaceChildren();
    if (pages <= 1) return;
    this.pager.setAttribute('aria-label', this.t('page', { p: this.state.page, of: pages }));
    var go = function (page) {
      return function () { self.state.page = page; self.commit(); self.input.focus(); };
    };
    var prev = el('button', { type: 'button', text: this.t('prev') });
    var next = el('button', { type: 'button', text: this.t('next') });
    prev.disabled = this.state.page <= 1;
    next.disabled = this.state.page >= pages;
    prev.addEventListener('click', go(this.state.page - 1));
    next.addEventListener('click', go(this.state.page + 1));
    this.pager.append(prev, el('span', { text: this.t('page', { p: this.state.page, of: pages }) }), next);
  };

  // Every month from the first to the last that matched (empty ones too,
  // at most 600), one bar each.
  function monthRange(months) {
    var counts = {};
    months.forEach(function (m) { counts[m.value] = m.count; });
    var keys = Object.keys(counts).sort();
    var out = [];
    var y = Number(keys[0].slice(0, 4));
    var mo = Number(keys[0].slice(5, 7));
    for (var key = keys[0]; key <= keys[keys.length - 1] && out.length < 600;) {
      out.push({ value: key, count: counts[key] || 0 });
      if (++mo > 12) { mo = 1; ++y; }
      key = y + '-' + (mo < 10 ? '0' : '') + mo;
    }
    return out;
  }

  Search.prototype.renderHistogram = function (months) {
    this.histogram.replaceChildren();
    if (!months || months.length < 2) return;
    var all = monthRange(months);
    var most = Math.max.apply(null, all.map(function (m) { return m.count; }));
    var bars = el('div', { className: 'idx-bars', role: 'img', 'aria-label': this.t('histogram') + ': ' +
      all[0].value + '–' + all[all.length - 1].value });
    all.forEach(function (m) {
      var bar = el('span', { className: 'idx-bar', title: m.value + ' (' + m.count + ')' });
      bar.style.height = (m.count ? Math.max(2, Math.round(48 * m.count / most)) : 0) + 'px';
      bars.appendChild(bar);
    });
    this.histogram.append(el('figcaption', { text: this.t('histogram') }), bars);
  };

  // Dates filter as one range: a year or month checkbox sets since..until.
  Search.prototype.isChosen = function (field, value) {
    if (field === 'year' || field === 'month') return this.state.since === value && this.state.until === value;
    return this.state.filters[field].indexOf(value) >= 0;
  };
  Search.prototype.toggle = function (field, value) {
    var s = this.state;
    if (field === 'year' || field === 'month') {
      var on = this.isChosen(field, value);
      s.since = on ? '' : value;
      s.until = on ? '' : value;
    } else {
      var list = s.filters[field];
      var at = list.indexOf(value);
      if (at >= 0) list.splice(at, 1);
      else list.push(value);
    }
    s.page = 1;
    this.commit();
  };

  Search.prototype.renderFacets = function (facets) {
    var self = this;
    var groups = FACETS.map(function (field) {
      var values = (facets[field] || []).slice();
      if (field === 'month' || field === 'year') values.sort(function (a, b) { return a.value < b.value ? 1 : -1; });
      // Chosen values stay listed (count 0 when nothing else matches) so they can be unticked.
      var chosen = field === 'year' || field === 'month' ? [] : self.state.filters[field];
      chosen.forEach(function (v) {
        if (!values.some(function (x) { return x.value === v; })) values.unshift({ value: v, count: 0 });
      });
      if (!values.length) return null;
      var shown = self.expanded[field] ? values : values.slice(0, FACET_SHOWN);
      var items = shown.map(function (v, i) {
        var id = 'idx-f-' + field + '-' + i;
        var box = el('input', { type: 'checkbox', id: id });
        box.checked = self.isChosen(field, v.value);
        box.addEventListener('change', function () { self.toggle(field, v.value); });
        var label = el('label', { for: id }, [document.createTextNode(v.value + ' (' + v.count + ')')]);
        return el('li', {}, [box, label]);
      });
      var group = el('fieldset', { className: 'idx-facet' }, [el('legend', { text: self.t(field) }),
        el('ul', {}, items)]);
      if (values.length > shown.length) {
        var more = el('button', { type: 'button', className: 'idx-more', text: self.t('more') });
        more.addEventListener('click', function () { self.expanded[field] = true; self.renderFacets(facets); });
        group.appendChild(more);
      }
      return group;
    }).filter(Boolean);
    var heading = el('h2', { text: this.t('filters') });
    this.facets.replaceChildren.apply(this.facets, [heading].concat(groups));
    if (this.hasFilters()) {
      var clear = el('button', { type: 'button', text: this.t('clear') });
      clear.addEventListener('click', function () {
        LIST_FILTERS.forEach(function (f) { self.state.filters[f] = []; });
        self.state.since = self.state.until = '';
        self.state.page = 1;
        self.commit();
      });
      this.facets.appendChild(clear);
    }
  };

  // `/` focuses the box; arrows move from the box through the result links.
  Search.prototype.onKey = function (e) {
    var active = document.activeElement;
    var typing = active && (active.tagName === 'INPUT' || active.tagName === 'SELECT' ||
      active.tagName === 'TEXTAREA' || active.isContentEditable);
    if (e.key === '/' && !typing) {
      e.preventDefault();
      this.input.focus();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    var links = Array.prototype.slice.call(this.results.querySelectorAll('h3 a'));
    var at = links.indexOf(active);
    if (active !== this.input && at < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowDown') (links[at + 1] || links[links.length - 1] || this.input).focus();
    else if (at <= 0) this.input.focus();
    else links[at - 1].focus();
  };

  function start() {
    var root = document.getElementById('idx-search') || document.querySelector('[data-idx-search]');
    if (!root) {
      root = el('div', { id: 'idx-search' });
      (script && script.parentNode ? script.parentNode : document.body).appendChild(root);
    }
    if (!standalone && !document.querySelector('link[data-idx-style]')) {
      document.head.appendChild(el('link', { rel: 'stylesheet', href: apiBase + '/idx-search.css',
        'data-idx-style': '1' }));
    }
    window.idxSearch = new Search(root);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
