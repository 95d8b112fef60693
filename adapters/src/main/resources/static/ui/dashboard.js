// The finance dashboard (README "Dashboard"): every figure comes from the ledger's own API, every chart can show its
// numbers as a table and offers the API's CSV, and every number on the Finance page drills down to journal lines and
// from there to the audit trail. Plain JavaScript and ECharts (served from the jar), no build step.
'use strict';

const state = { asOf: null, currency: 'USD', charts: [] };
const $ = (selector, root = document) => root.querySelector(selector);

// --- talking to the API -------------------------------------------------------------------------------------------

async function api(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    location.href = '/login';
    throw new Error('signed out');
  }
  const body = await response.json();
  if (!response.ok) {
    throw new Error((body && (body.detail || body.title)) || ('HTTP ' + response.status));
  }
  if (body && body.readPosition) {
    showPosition(body.readPosition);
  }
  return body;
}

function showPosition(position) {
  const status = $('#status');
  if (position.complete) {
    status.className = 'status';
    status.textContent = 'Read models at event ' + position.position + ' of ' + position.head + '.';
  } else {
    status.className = 'status incomplete';
    status.textContent = 'Incomplete view: ' + (position.loading || (position.rebuilding ? 'rebuilding' : 'catching up'))
      + ' (event ' + position.position + ' of ' + position.head + '); figures may change.';
  }
}

const q = params => Object.entries(params).filter(([, v]) => v != null && v !== undefined && v !== '')
  .map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
const csvOf = url => url + (url.includes('?') ? '&' : '?') + 'format=csv';

// --- formatting: decimals stay the API's strings, with thousands separators ---------------------------------------

function money(text) {
  if (text == null || text === undefined) return '–';
  const s = String(text);
  const negative = s.startsWith('-');
  const [whole, fraction] = (negative ? s.slice(1) : s).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + grouped + (fraction !== undefined ? '.' + fraction : '');
}

const percent = ratio => ratio == null || ratio === undefined ? '–' : (Number(ratio) * 100).toFixed(1) + '%';
const num = text => text == null || text === undefined ? 0 : Number(text);
const esc = text => String(text ?? '').replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
const lastDayOfMonth = month => { const [y, m] = month.split('-').map(Number); return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10); };
const monthsBack = (iso, n) => { const d = new Date(iso + 'T00:00:00Z'); d.setUTCMonth(d.getUTCMonth() - n); return d.toISOString().slice(0, 7); };

// --- building blocks ----------------------------------------------------------------------------------------------

function card(label, value, figure, hint) {
  return `<div class="card"><div class="label">${esc(label)}</div><div class="value" data-figure="${figure}">${esc(value)}</div>`
    + (hint ? `<div class="hint">${esc(hint)}</div>` : '') + '</div>';
}

/** A panel with a chart, a button showing the chart's numbers as a table, and the API's CSV. */
function panel(id, title, csvUrl, tall) {
  return `<section class="panel"><div class="tools"><button data-table-for="${id}">Table</button>`
    + `<a href="${esc(csvOf(csvUrl))}" download>CSV</a></div><h2>${esc(title)}</h2>`
    + `<div id="chart-${id}" class="chart${tall ? ' tall' : ''}"></div><div id="table-${id}" class="scroll" hidden></div></section>`;
}

function table(id, columns, rows, options = {}) {
  const head = columns.map((c, i) => `<th data-col="${i}" class="${c.num ? 'num' : ''}">${esc(c.label)}</th>`).join('');
  const body = rows.map(r => `<tr${options.rowAttr ? ' ' + options.rowAttr(r) : ''}>`
    + columns.map(c => `<td class="${c.num ? 'num' : ''}">${c.html ? c.html(r) : esc(c.value(r))}</td>`).join('') + '</tr>').join('');
  const foot = options.footer ? `<tfoot><tr>${options.footer}</tr></tfoot>` : '';
  return `<table id="${id}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody>${foot}</table>`;
}

/** Click a header to sort by it (numbers as numbers). */
function sortable(tableElement) {
  tableElement.querySelectorAll('th').forEach(th => th.addEventListener('click', () => {
    const col = Number(th.dataset.col);
    const body = tableElement.tBodies[0];
    const asc = th.dataset.sort !== 'asc';
    tableElement.querySelectorAll('th').forEach(h => delete h.dataset.sort);
    th.dataset.sort = asc ? 'asc' : 'desc';
    const value = row => {
      const text = row.cells[col].textContent.replace(/,/g, '').replace('%', '');
      return isNaN(Number(text)) || text === '' ? text : Number(text);
    };
    [...body.rows].sort((a, b) => {
      const x = value(a), y = value(b);
      return (x > y ? 1 : x < y ? -1 : 0) * (asc ? 1 : -1);
    }).forEach(row => body.appendChild(row));
  }));
}

function chart(id, option, tableHtml) {
  const element = $('#chart-' + id);
  const instance = echarts.init(element);
  instance.setOption(Object.assign({ animation: false, tooltip: { trigger: 'axis' }, grid: { left: 70, right: 20, top: 40, bottom: 40 } }, option));
  state.charts.push(instance);
  $('#table-' + id).innerHTML = tableHtml;
  $(`[data-table-for="${id}"]`).addEventListener('click', () => {
    const t = $('#table-' + id);
    t.hidden = !t.hidden;
  });
  return instance;
}

// --- pages --------------------------------------------------------------------------------------------------------

async function overview(main) {
  const { asOf, currency } = state;
  const from = monthsBack(asOf, 11);
  const to = asOf.slice(0, 7);
  const runRateUrl = '/api/v1/metrics/run-rate?' + q({ asOf, currency });
  const activeUrl = '/api/v1/metrics/active-customers?' + q({ asOf, currency });
  const streamsUrl = '/api/v1/reports/revenue-disaggregation?' + q({ from, to, groupBy: 'period,type' });
  const marginUrl = '/api/v1/metrics/margin?' + q({ from, to, currency, groupBy: 'period' });
  const concentrationUrl = '/api/v1/metrics/concentration?' + q({ asOf, currency });
  const [runRate, active, average, streams, margin, concentration] = await Promise.all([api(runRateUrl), api(activeUrl),
    api('/api/v1/metrics/average-consumption-value?' + q({ asOf, currency })), api(streamsUrl), api(marginUrl), api(concentrationUrl)]);
  main.innerHTML = '<h1>Overview</h1><div class="cards">'
    + card('Run rate (30 days x 365/30)', money(runRate.runRate), 'run-rate', 'P10 ' + money(runRate.bands.p10) + ' – P90 ' + money(runRate.bands.p90))
    + card('Revenue, trailing 30 days', money(runRate.trailing30Revenue), 'trailing-30')
    + card('Active consumption customers, 30 days', String(active.active30Days), 'active-30', active.active7Days + ' in the last 7 days')
    + card('Active end users, 30 days', '…', 'end-users-30', 'counting the usage records')
    + card('Average consumption value (90 days, annualised)', money(average.mean), 'average-value', 'median ' + money(average.median))
    + card('Concentration (HHI, 0-10,000)', String(concentration.herfindahlPoints), 'hhi',
      'top 1: ' + percent(concentration.top1) + ', top 10: ' + percent(concentration.top10))
    + '</div><div class="grid">'
    + panel('run-rate', 'Run rate with its P10-P90 band', runRateUrl)
    + panel('streams', 'Recognised revenue by stream', streamsUrl)
    + panel('margin-trend', 'Gross and fully loaded token margin', marginUrl)
    + panel('active', 'Active consumption customers (weekly)', activeUrl)
    + panel('concentration', 'Largest customers, share of 90-day usage revenue', concentrationUrl)
    + '</div>';
  // end users are counted from the usage records themselves (slower than the metric projections): filled in when ready
  api('/api/v1/metrics/active-customers?' + q({ asOf, currency, weeks: 1, endUsers: true })).then(a => {
    const value = $('[data-figure="end-users-30"]');
    if (value && a.endUsers) {
      value.textContent = String(a.endUsers.active30Days);
      value.nextElementSibling.textContent = a.endUsers.active7Days + ' in the last 7 days (records naming an end user)';
    }
  }).catch(() => {});

  const days = runRate.series.map(p => p.day);
  chart('run-rate', {
    legend: { top: 0 }, xAxis: { type: 'category', data: days }, yAxis: { type: 'value' },
    series: [
      { name: 'P10', type: 'line', data: runRate.series.map(p => num(p.p10)), lineStyle: { opacity: 0 }, stack: 'band', symbol: 'none' },
      { name: 'P10-P90', type: 'line', data: runRate.series.map(p => num(p.p90) - num(p.p10)), lineStyle: { opacity: 0 }, areaStyle: { opacity: .2 }, stack: 'band', symbol: 'none' },
      { name: 'Run rate', type: 'line', data: runRate.series.map(p => num(p.runRate)), symbol: 'none' }]
  }, table('run-rate-table', [{ label: 'day', value: r => r.day }, { label: 'run rate', num: 1, value: r => money(r.runRate) },
    { label: 'P10', num: 1, value: r => money(r.p10) }, { label: 'P90', num: 1, value: r => money(r.p90) }], runRate.series));

  const periods = [...new Set(streams.rows.map(r => r.period))].sort();
  const types = [...new Set(streams.rows.map(r => r.type))];
  chart('streams', {
    legend: { top: 0, type: 'scroll' }, xAxis: { type: 'category', data: periods }, yAxis: { type: 'value' },
    series: types.map(t => ({ name: t, type: 'bar', stack: 'revenue', data: periods.map(p => num((streams.rows.find(r => r.period === p && r.type === t) || {}).revenue)) }))
  }, table('streams-table', [{ label: 'period', value: r => r.period }, { label: 'stream', value: r => r.type },
    { label: 'revenue', num: 1, value: r => money(r.revenue) }], streams.rows));

  const gross = r => num(r.revenue) === 0 ? null : ((num(r.revenue) - num(r.compute) - num(r.thirdPartyModels)) / num(r.revenue) * 100).toFixed(1);
  chart('margin-trend', {
    legend: { top: 0 }, xAxis: { type: 'category', data: margin.rows.map(r => r.period) }, yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [{ name: 'Gross (after compute and model fees)', type: 'line', data: margin.rows.map(gross) },
      { name: 'Fully loaded', type: 'line', data: margin.rows.map(r => r.marginPercent == null ? null : num(r.marginPercent).toFixed(1)) }]
  }, table('margin-trend-table', [{ label: 'period', value: r => r.period }, { label: 'revenue', num: 1, value: r => money(r.revenue) },
    { label: 'gross %', num: 1, value: r => gross(r) ?? '–' }, { label: 'fully loaded %', num: 1, value: r => r.marginPercent ?? '–' }], margin.rows));

  chart('active', {
    legend: { top: 0 }, xAxis: { type: 'category', data: active.weekly.map(p => p.day) }, yAxis: { type: 'value' },
    series: [{ name: '30 days', type: 'line', data: active.weekly.map(p => p.active30) }, { name: '7 days', type: 'line', data: active.weekly.map(p => p.active7) }]
  }, table('active-table', [{ label: 'week ending', value: r => r.day }, { label: 'active 7 days', num: 1, value: r => r.active7 },
    { label: 'active 30 days', num: 1, value: r => r.active30 }], active.weekly));

  chart('concentration', {
    xAxis: { type: 'category', data: concentration.largest.map(s => s.customer), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', axisLabel: { formatter: v => (v * 100).toFixed(0) + '%' } }, grid: { left: 60, right: 20, top: 30, bottom: 70 },
    series: [{ type: 'bar', data: concentration.largest.map(s => ({ value: num(s.share), itemStyle: { color: s.shrinking ? '#b42318' : '#2f5fd0' } })) }]
  }, table('concentration-table', [{ label: 'customer', value: r => r.customer }, { label: '90-day usage revenue', num: 1, value: r => money(r.revenue) },
    { label: 'share', num: 1, value: r => percent(r.share) }, { label: 'shrinking', value: r => r.shrinking ? 'yes' : '' }], concentration.largest));
}

async function cohorts(main) {
  const { asOf, currency } = state;
  const url = '/api/v1/metrics/cohorts?' + q({ asOf, currency, months: 12 });
  const retentionUrl = '/api/v1/metrics/net-usage-retention?' + q({ asOf, currency });
  const [data, retention] = await Promise.all([api(url), api(retentionUrl)]);
  main.innerHTML = '<h1>Cohorts</h1><div class="cards">'
    + card('Net usage retention', retention.netUsageRetention == null ? 'not yet (no base)' : percent(retention.netUsageRetention), 'nrr',
      `window ${retention.windowDays} days, ${retention.lookbackDays} days earlier, floor ${retention.floor}, ${retention.customers} customers`)
    + '</div>' + panel('cohorts', 'Usage expansion by cohort (month k over month 1)', url, true);
  const cells = [];
  data.rows.forEach((row, y) => row.expansion.forEach((v, k) => { if (v != null) cells.push([k, y, Number(v)]); }));
  chart('cohorts', {
    tooltip: { position: 'top', formatter: p => `${data.rows[p.value[1]].cohort}, month ${p.value[0]}: ${p.value[2].toFixed(2)}x` },
    grid: { left: 90, right: 20, top: 20, bottom: 60 },
    xAxis: { type: 'category', data: [...Array(data.months).keys()].map(k => 'month ' + k) },
    yAxis: { type: 'category', data: data.rows.map(r => r.cohort + ' (' + r.customers + ')') },
    visualMap: { min: 0, max: 2, calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
    series: [{ type: 'heatmap', data: cells, label: { show: true, formatter: p => p.value[2].toFixed(2) } }]
  }, table('cohort-table', [{ label: 'cohort', value: r => r.cohort }, { label: 'customers', num: 1, value: r => r.customers },
    ...[...Array(data.months).keys()].map(k => ({ label: 'month ' + k, num: 1, value: r => r.expansion[k] === undefined || r.expansion[k] == null ? '' : Number(r.expansion[k]).toFixed(2) }))],
  data.rows));
  $('#table-cohorts').hidden = false;
}

async function margin(main) {
  const { asOf, currency } = state;
  const from = monthsBack(asOf, 11);
  const to = asOf.slice(0, 7);
  const byModel = '/api/v1/metrics/margin?' + q({ from, to, currency, groupBy: 'model' });
  const byFeature = '/api/v1/metrics/margin?' + q({ from, to, currency, groupBy: 'model,feature' });
  const byCustomer = '/api/v1/metrics/margin?' + q({ from, to, currency, groupBy: 'customer' });
  const [models, features, customers] = await Promise.all([api(byModel), api(byFeature), api(byCustomer)]);
  const columns = [
    { label: 'revenue', num: 1, value: r => money(r.revenue) }, { label: 'compute', num: 1, value: r => money(r.compute) },
    { label: 'third-party models', num: 1, value: r => money(r.thirdPartyModels) }, { label: 'infrastructure', num: 1, value: r => money(r.infrastructure) },
    { label: 'payment fees', num: 1, value: r => money(r.paymentFees) }, { label: 'margin', num: 1, value: r => money(r.margin) },
    { label: 'margin %', num: 1, value: r => r.marginPercent == null ? '–' : Number(r.marginPercent).toFixed(1) + '%' },
    { label: 'tokens', num: 1, value: r => money(String(r.tokens)) }, { label: 'per million tokens', num: 1, value: r => money(r.marginPerMillionTokens) }];
  main.innerHTML = `<h1>Margin, ${esc(from)} to ${esc(to)}</h1><div class="cards">`
    + card('Fully loaded margin', models.total.marginPercent == null ? '–' : Number(models.total.marginPercent).toFixed(1) + '%', 'margin-percent', money(models.total.margin) + ' on ' + money(models.total.revenue))
    + card('Margin per million tokens', money(models.total.marginPerMillionTokens), 'margin-per-million')
    + '</div>' + panel('layers', 'Cost layers by model', byModel)
    + `<section class="panel"><h2>By model</h2>${table('margin-table', [{ label: 'model', value: r => r.model ?? '(none)' }, ...columns], models.rows,
      { footer: `<td>total</td>` + columns.map(c => `<td class="num" ${c.label === 'margin' ? 'data-figure="margin-total"' : ''}>${esc(c.value(models.total))}</td>`).join('') })}</section>`
    + `<section class="panel"><h2>By model and feature</h2><div class="scroll">${table('margin-feature-table', [{ label: 'model', value: r => r.model ?? '(none)' }, { label: 'feature', value: r => r.feature ?? '' }, ...columns], features.rows)}</div></section>`
    + `<section class="panel"><h2>By customer</h2><div class="scroll">${table('margin-customer-table', [{ label: 'customer', html: r => r.customer ? `<a href="#customer/${encodeURIComponent(r.customer)}">${esc(r.customer)}</a>` : '' }, ...columns], customers.rows)}</div></section>`;
  document.querySelectorAll('main table').forEach(sortable);
  const names = models.rows.map(r => r.model ?? '(none)');
  const layer = (name, key) => ({ name, type: 'bar', stack: 'cost', data: models.rows.map(r => num(r[key])) });
  chart('layers', {
    legend: { top: 0 }, xAxis: { type: 'category', data: names }, yAxis: { type: 'value' },
    series: [layer('compute', 'compute'), layer('third-party models', 'thirdPartyModels'), layer('infrastructure', 'infrastructure'),
      layer('payment fees', 'paymentFees'), { name: 'revenue', type: 'scatter', data: models.rows.map(r => num(r.revenue)), symbolSize: 12 }]
  }, table('layers-table', [{ label: 'model', value: r => r.model ?? '' }, ...columns], models.rows));
}

async function customers(main) {
  const { asOf, currency } = state;
  const velocityUrl = '/api/v1/metrics/velocity?' + q({ asOf, currency });
  const [velocity, burn, balances, marginData] = await Promise.all([api(velocityUrl), api('/api/v1/metrics/burn-down?' + q({ asOf, currency })),
    api('/api/v1/reports/contract-balances?' + q({ asOf })),
    api('/api/v1/metrics/margin?' + q({ from: monthsBack(asOf, 11), to: asOf.slice(0, 7), currency, groupBy: 'customer' }))]);
  const burnOf = Object.fromEntries(burn.customers.map(b => [b.customer, b]));
  const contractOf = {};
  balances.rows.forEach(b => { contractOf[b.customerId] = (contractOf[b.customerId] || 0) + num(b.netPosition) * (b.presentedAs === 'contract asset' ? -1 : 1); });
  const marginOf = Object.fromEntries(marginData.rows.map(m => [m.customer, m]));
  const rows = velocity.customers.map(v => Object.assign({}, v, { burn: burnOf[v.customer], contract: contractOf[v.customer], margin: marginOf[v.customer] }));
  main.innerHTML = `<h1>Customers</h1><section class="panel"><div class="tools"><a href="${esc(csvOf(velocityUrl))}" download>CSV</a></div>`
    + `<input type="search" id="customer-search" placeholder="Search customers"><div class="scroll">`
    + table('customers-table', [
      { label: 'customer', html: r => `<a href="#customer/${encodeURIComponent(r.customer)}">${esc(r.customer)}</a>` },
      { label: 'segment', value: r => r.segment }, { label: 'cohort', value: r => r.cohort },
      { label: '90-day value (annualised)', num: 1, value: r => money(r.value90Annualised) },
      { label: 'growth 30 days', num: 1, value: r => percent(r.growth30) },
      { label: 'weekly growth', num: 1, value: r => percent(r.compoundedWeeklyGrowth) },
      { label: 'prepaid balance', num: 1, value: r => money(r.burn && r.burn.prepaidBalance) },
      { label: 'months left', num: 1, value: r => r.burn && r.burn.monthsLeft != null ? r.burn.monthsLeft : '–' },
      { label: 'contract position', num: 1, value: r => r.contract === undefined ? '–' : money(r.contract.toFixed(2)) },
      { label: 'margin %', num: 1, value: r => r.margin && r.margin.marginPercent != null ? Number(r.margin.marginPercent).toFixed(1) + '%' : '–' },
      { label: 'flags', html: r => (num(r.growth30) < 0 && num(r.value90Annualised) >= 100000 ? '<span class="flag">large and shrinking</span> ' : '')
          + (r.burn && num(r.burn.expectedBreakage) > 0 ? `<span class="flag">breakage ${esc(money(r.burn.expectedBreakage))}</span>` : '') }],
    rows, { rowAttr: r => `data-customer="${esc(r.customer)}"` }) + '</div></section>';
  sortable($('#customers-table'));
  $('#customer-search').addEventListener('input', e => {
    const needle = e.target.value.toLowerCase();
    document.querySelectorAll('#customers-table tbody tr').forEach(tr => { tr.hidden = !tr.dataset.customer.toLowerCase().includes(needle); });
  });
}

async function customer(main, id) {
  const { asOf, currency } = state;
  const runRateUrl = '/api/v1/metrics/run-rate?' + q({ asOf, currency, customer: id, streams: 'USAGE_REVENUE', seriesDays: 365 });
  const glUrl = '/api/v1/reports/general-ledger?' + q({ customer: id, limit: 50 });
  const [series, wallet, gl] = await Promise.all([api(runRateUrl),
    fetch('/api/v1/customers/' + encodeURIComponent(id) + '/wallet', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(r => r.ok ? r.json() : null), api(glUrl)]);
  main.innerHTML = `<div id="customer-page"><h1>${esc(id)}</h1><div class="cards">`
    + card('Usage run rate', money(series.runRate), 'customer-run-rate')
    + card('Prepaid liability', wallet ? money(wallet.liability) : '–', 'wallet-liability', wallet ? money(wallet.availableCredits) + ' credits available' : 'no wallet')
    + '</div>' + panel('customer-usage', 'Usage revenue, trailing 30 days x 365/30', runRateUrl)
    + (wallet ? `<section class="panel"><h2>Credit pools</h2>${table('pools-table', [{ label: 'pool', value: r => r.poolId },
      { label: 'program', value: r => r.programId }, { label: 'expires', value: r => r.expiresOn ?? 'never' },
      { label: 'expired', value: r => r.expired ? 'yes' : '' }, { label: 'available credits', num: 1, value: r => money(r.availableCredits) },
      { label: 'liability', num: 1, value: r => money(r.liability) }], wallet.pools)}</section>` : '')
    + `<section class="panel"><div class="tools"><a href="${esc(csvOf(glUrl))}" download>CSV</a></div><h2>Journal lines (latest 50 of ${gl.total})</h2>`
    + glTable(gl.lines) + '</section></div>';
  chart('customer-usage', { xAxis: { type: 'category', data: series.series.map(p => p.day) }, yAxis: { type: 'value' },
    series: [{ type: 'line', symbol: 'none', data: series.series.map(p => num(p.runRate)) }] },
  table('customer-usage-table', [{ label: 'day', value: r => r.day }, { label: 'run rate', num: 1, value: r => money(r.runRate) }], series.series));
}

function glTable(lines) {
  return '<div class="scroll">' + table('gl-table', [
    { label: 'posted', value: r => r.postingDate },
    { label: 'entry', html: r => `<a class="entry" href="#audit/${encodeURIComponent(r.entryId)}">${esc(r.entryId)}</a>` },
    { label: 'account', value: r => r.accountCode }, { label: 'side', value: r => r.side },
    { label: 'amount', num: 1, value: r => money(r.amount) }, { label: 'currency', value: r => r.currency },
    { label: 'customer', value: r => r.customer ?? '' }, { label: 'memo', value: r => r.memo ?? '' }], lines) + '</div>';
}

async function finance(main) {
  const { asOf, currency } = state;
  const from = monthsBack(asOf, 11);
  const to = asOf.slice(0, 7);
  const tbUrl = '/api/v1/reports/trial-balance?' + q({ asOf });
  const rfUrl = '/api/v1/reports/deferred-revenue-rollforward?' + q({ from, to, currency });
  const tiesUrl = '/api/v1/reports/usage-ties?' + q({ from, to });
  const [tb, rf, ties] = await Promise.all([api(tbUrl), api(rfUrl), api(tiesUrl)]);
  const rows = tb.rows.filter(r => r.currency === currency);
  const totals = tb.totals.find(t => t.currency === currency) || { debits: '0', credits: '0' };
  const drill = (r, amount) => `<a class="drill" href="#gl/${encodeURIComponent(r.accountCode)}">${esc(money(amount))}</a>`;
  main.innerHTML = `<h1>Finance</h1><section class="panel"><div class="tools"><a href="${esc(csvOf(tbUrl))}" download>CSV</a></div>`
    + `<h2>Trial balance at ${esc(asOf)} ${tb.balanced ? '<span class="ok">balanced</span>' : ''}</h2>`
    + table('tb-table', [{ label: 'account', value: r => r.accountCode }, { label: 'name', value: r => r.accountName },
      { label: 'debits', num: 1, html: r => drill(r, r.debits) }, { label: 'credits', num: 1, html: r => drill(r, r.credits) },
      { label: 'debit balance', num: 1, value: r => money(r.debitBalance) }, { label: 'credit balance', num: 1, value: r => money(r.creditBalance) }],
    rows, { footer: `<td>total</td><td></td><td class="num" data-figure="tb-debits">${esc(money(totals.debits))}</td><td class="num" data-figure="tb-credits">${esc(money(totals.credits))}</td><td></td><td></td>` })
    + `</section><section class="panel"><div class="tools"><a href="${esc(csvOf(rfUrl))}" download>CSV</a></div><h2>Contract liability rollforward</h2><div class="scroll">`
    + table('rollforward-table', [{ label: 'period', value: p => p.period }, { label: 'opening', num: 1, value: p => money(p.total.opening) },
      { label: 'additions', num: 1, value: p => money(p.total.additions) }, { label: 'usage revenue', num: 1, value: p => money(p.total.usageRevenue) },
      { label: 'contract revenue', num: 1, value: p => money(p.total.contractRevenue) }, { label: 'breakage', num: 1, value: p => money(p.total.breakage) },
      { label: 'closing', num: 1, value: p => money(p.total.closing) }, { label: 'per GL', num: 1, value: p => money(p.closingPerGeneralLedger) },
      { label: 'ties', html: p => p.tiesToGeneralLedger ? '<span class="ok">yes</span>' : '<span class="bad">NO</span>' }], rf.periods)
    + `</div></section><section class="panel"><div class="tools"><a href="${esc(csvOf(tiesUrl))}" download>CSV</a></div><h2>Usage ledger against the GL</h2>`
    + table('ties-table', [{ label: 'period', value: r => r.period }, { label: 'usage revenue', num: 1, value: r => money(r.usageRevenue) },
      { label: 'GL revenue', num: 1, value: r => money(r.glRevenue) }, { label: 'usage cost', num: 1, value: r => money(r.usageCost) },
      { label: 'GL cost', num: 1, value: r => money(r.glCost) }, { label: 'ties', html: r => r.ties ? '<span class="ok">yes</span>' : '<span class="bad">NO</span>' }],
    ties.generalLedger) + (ties.tiesToGeneralLedger ? '<p class="ok">The usage ledger ties to the GL, and its records to its postings.</p>' : '<p class="bad">Does not tie.</p>') + '</section>';
}

async function generalLedger(main, account) {
  const url = '/api/v1/reports/general-ledger?' + q({ account, to: state.asOf, limit: 200 });
  const gl = await api(url);
  main.innerHTML = `<h1>Journal lines of account ${esc(account)}</h1><p><a href="#finance">Back to the trial balance</a></p>`
    + `<section class="panel"><div class="tools"><a href="${esc(csvOf(url))}" download>CSV</a></div><h2>${gl.total} line(s), latest 200</h2>${glTable(gl.lines)}</section>`;
}

async function auditTrail(main, entryId) {
  const trail = await api('/api/v1/audit-trail/' + encodeURIComponent(entryId));
  main.innerHTML = `<div id="audit-page"><h1>Audit trail of <span data-figure="audit-entry">${esc(trail.entryId)}</span></h1>`
    + '<section class="panel"><h2>Lines</h2>' + table('audit-lines', [{ label: 'account', value: r => r.accountCode }, { label: 'side', value: r => r.side },
      { label: 'amount', num: 1, value: r => money(r.amount) }, { label: 'currency', value: r => r.currency }], trail.lines || [])
    + '</section><section class="panel"><h2>How it came to be</h2>' + table('audit-steps', [
      { label: 'event', value: s => s.eventType }, { label: 'position', num: 1, value: s => s.globalIndex },
      { label: 'command', value: s => s.commandName ?? '' }, { label: 'by', value: s => s.principal ?? '' },
      { label: 'policy', value: s => s.policyVersion ?? '' }, { label: 'recorded', value: s => s.recordedAt ?? '' }], trail.steps || [])
    + '</section><section class="panel"><h2>As stored</h2><pre>' + esc(JSON.stringify(trail, null, 2)) + '</pre></section></div>';
}

// --- routing ------------------------------------------------------------------------------------------------------

async function render() {
  state.charts.forEach(c => c.dispose());
  state.charts = [];
  const [page, ...rest] = (location.hash.slice(1) || 'overview').split('/');
  const argument = decodeURIComponent(rest.join('/'));
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.page === page
    || (page === 'customer' && a.dataset.page === 'customers') || (['gl', 'audit'].includes(page) && a.dataset.page === 'finance')));
  const main = $('#page');
  main.innerHTML = '<p>Loading…</p>';
  main.dataset.ready = 'false';
  try {
    const pages = { overview, cohorts, margin, customers, finance,
      customer: m => customer(m, argument), gl: m => generalLedger(m, argument), audit: m => auditTrail(m, argument) };
    await (pages[page] || overview)(main);
    main.dataset.page = page;
    main.dataset.ready = 'true';
  } catch (e) {
    main.innerHTML = `<p class="bad">Could not load this page: ${esc(e.message)}</p>`;
    main.dataset.ready = 'error';
  }
}

async function start() {
  const latest = await api('/api/v1/metrics/latest?currency=USD').catch(() => ({}));
  state.asOf = (new URLSearchParams(location.search).get('asOf')) || latest.day || new Date().toISOString().slice(0, 10);
  $('#asOf').value = state.asOf;
  $('#asOf').addEventListener('change', e => { state.asOf = e.target.value; render(); });
  $('#currency').addEventListener('change', e => { state.currency = e.target.value.toUpperCase(); render(); });
  $('#logout').addEventListener('submit', e => {
    // the session's unsafe requests carry the CSRF token Spring Security put in the XSRF-TOKEN cookie
    const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
    if (token) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = '_csrf';
      input.value = decodeURIComponent(token.split('=')[1]);
      e.target.appendChild(input);
    }
  });
  window.addEventListener('hashchange', render);
  window.addEventListener('resize', () => state.charts.forEach(c => c.resize()));
  render();
}

start();
