'use strict';
// The quality dashboard: every figure is read from $data-quality, the operation quality teams call themselves.
(function () {
  const MAX_TREND_DAYS = 31;
  const MAX_SOURCES = 10;
  const TOP_ISSUES = 15;
  const CATEGORY_EXTENSION = 'http://fhir-aitrust.org/StructureDefinition/dq-kahn-category';
  const THRESHOLD_EXTENSION = 'http://fhir-aitrust.org/StructureDefinition/dq-threshold';
  const STATUS_EXTENSION = 'http://fhir-aitrust.org/StructureDefinition/dq-status';
  const CLASS_EXTENSION = 'http://fhir-aitrust.org/StructureDefinition/dq-check-class';
  const LEVEL_EXTENSION = 'http://fhir-aitrust.org/StructureDefinition/dq-check-level';
  const TREND_EXTENSION = 'http://fhir-aitrust.org/StructureDefinition/dq-trend';
  const TREND_BY_SOURCE = 'trend-by-source';
  const STATUS_ORDER = { failed: 0, passed: 1, characterization: 2, 'not-checkable-here': 3, 'not-applicable': 4 };

  const state = { base: '/fhir', signIn: null, sortKey: null, sortDirection: 1, checks: [], trendChart: null };
  const byId = (id) => document.getElementById(id);

  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function loadSettings() {
    const response = await fetch('settings.json', { cache: 'no-store' });
    if (response.ok) {
      const settings = await response.json();
      state.base = settings.fhirBase || state.base;
      state.signIn = settings.signIn || null;
    }
    byId('fhir-base').textContent = state.base;
  }

  /** GET [base]/<operation> as JSON; a non-2xx answer becomes an ApiError with the OperationOutcome's diagnostics. */
  async function fhirOperation(operation, parameters) {
    const query = new URLSearchParams({ _format: 'json' });
    Object.entries(parameters).forEach(([name, value]) => { if (value) query.set(name, value); });
    const headers = { Accept: 'application/fhir+json' };
    if (state.signIn) {
      headers.Authorization = 'Bearer ' + await window.AiTrustSignIn.accessToken(state.base, state.signIn.clientId, state.signIn.scope);
    }
    const response = await fetch(state.base + '/' + operation + '?' + query, { headers });
    const body = await response.json().catch(() => null);
    if (response.status === 401 && state.signIn) {
      window.AiTrustSignIn.forget(); // expired or revoked: reloading signs in again
    }
    if (!response.ok) {
      const diagnostics = body && body.issue ? body.issue.map((issue) => issue.diagnostics).join('; ') : response.statusText;
      throw new ApiError(response.status, diagnostics);
    }
    return body;
  }

  function dataQuality(parameters) {
    return fhirOperation('$data-quality', parameters);
  }

  function group(report, code) {
    return (report.group || []).find((g) => g.code && g.code.coding && g.code.coding[0].code === code);
  }

  function population(g, code) {
    const found = g && (g.population || []).find((p) => p.code.coding[0].code === code);
    return found ? found.count || 0 : 0;
  }

  function extension(g, url) {
    const found = (g.extension || []).find((e) => e.url === url);
    if (!found) return undefined;
    return found.valueString ?? found.valueCode ?? found.valueDecimal ?? found.valueInteger;
  }

  /** A check's trend (dq-trend, a complex extension) as {status, recent, baseline}; undefined when it has none. */
  function trend(element) {
    const found = (element.extension || []).find((e) => e.url === TREND_EXTENSION);
    if (!found) return undefined;
    const part = (name) => {
      const sub = (found.extension || []).find((e) => e.url === name);
      return sub ? sub.valueCode ?? sub.valueUnsignedInt ?? sub.valueDecimal : undefined;
    };
    return {
      status: part('status'),
      detail: `recent ${part('recentNumerator')} of ${part('recentDenominator')},`
        + ` baseline ${part('baselineNumerator')} of ${part('baselineDenominator')}, p = ${part('pValue') ?? '–'}`,
    };
  }

  /** The checks each source got worse on, from the trend-by-source stratifiers of a report's check groups. */
  function worseBySource(report) {
    const worse = {};
    (report.group || []).forEach((g) => strata(stratifier(g, TREND_BY_SOURCE)).forEach((s) => {
      const t = trend(s);
      if (t && t.status === 'worse') (worse[s.value.text] = worse[s.value.text] || []).push(g.code.coding[0].code);
    }));
    return worse;
  }

  function stratifier(g, code) {
    return g && (g.stratifier || []).find((s) => s.code && s.code[0].coding && s.code[0].coding[0].code === code);
  }

  // FHIR JSON leaves out empty arrays: a stratifier without strata has no "stratum"
  function strata(s) {
    return (s && s.stratum) || [];
  }

  function share(g) {
    return { numerator: population(g, 'numerator'), denominator: population(g, 'denominator') };
  }

  function formatPercent(numerator, denominator) {
    return denominator === 0 ? '–' : (100 * numerator / denominator).toFixed(1) + '%';
  }

  function formatCount(count) {
    return count.toLocaleString('en-US');
  }

  function filters() {
    return {
      start: byId('filter-start').value,
      end: byId('filter-end').value,
      source: byId('filter-source').value,
      resourceType: byId('filter-type').value,
    };
  }

  function isoDay(date) {
    return date.toISOString().slice(0, 10);
  }

  function daysBetween(start, end) {
    const days = [];
    for (let day = new Date(start + 'T00:00:00Z'); isoDay(day) <= end; day.setUTCDate(day.getUTCDate() + 1)) {
      days.push(isoDay(day));
    }
    return days.slice(-MAX_TREND_DAYS);
  }

  function showMessage(text, isError) {
    const message = byId('message');
    message.textContent = text;
    message.hidden = !text;
    message.classList.toggle('error', Boolean(isError));
  }

  function setFigure(id, numerator, denominator, text) {
    const element = byId(id);
    element.textContent = text;
    element.dataset.numerator = numerator;
    element.dataset.denominator = denominator;
  }

  function renderHeadline(report) {
    const received = population(group(report, 'received'), 'denominator');
    setFigure('figure-received', received, received, formatCount(received));
    const validation = share(group(report, 'conformance-validation-errors'));
    setFigure('figure-validation-failing', validation.numerator, validation.denominator,
      formatPercent(validation.numerator, validation.denominator));
    byId('figure-validation-note').textContent = validation.denominator === 0
      ? '(nothing validated: validation is off or covers none of these)'
      : `(${formatCount(validation.numerator)} of ${formatCount(validation.denominator)} validated)`;
    const ai = share(group(report, 'ai-labelled'));
    setFigure('figure-ai-share', ai.numerator, ai.denominator, formatPercent(ai.numerator, ai.denominator));
    const unreviewed = share(group(report, 'ai-unreviewed'));
    setFigure('figure-ai-unreviewed', unreviewed.numerator, unreviewed.denominator,
      formatPercent(unreviewed.numerator, unreviewed.denominator));
    return received;
  }

  function fillSelect(select, stratum, allLabel) {
    const chosen = select.value;
    select.replaceChildren(new Option(allLabel, ''));
    strata(stratum).forEach((s) => select.add(new Option(`${s.value.text} (${formatCount(s.population[0].count)})`, s.value.text)));
    if (chosen && ![...select.options].some((o) => o.value === chosen)) {
      select.add(new Option(chosen, chosen));
    }
    select.value = chosen;
  }

  async function renderTrend(current) {
    const days = daysBetween(current.start, current.end);
    const reports = await Promise.all(days.map((day) => dataQuality({ ...current, start: day, end: day })));
    const rate = (report, code) => {
      const s = share(group(report, code));
      return s.denominator === 0 ? null : Number((100 * s.numerator / s.denominator).toFixed(1));
    };
    const chart = state.trendChart || (state.trendChart = echarts.init(byId('trend-chart')));
    chart.setOption({
      animation: false,
      color: ['#9db9d9', '#b3261e', '#1f5fa8', '#c47f00'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 56, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: days },
      yAxis: [
        { type: 'value', name: 'received', minInterval: 1 },
        { type: 'value', name: '%', min: 0, max: 100 },
      ],
      series: [
        { name: 'received', type: 'bar', data: reports.map((r) => population(group(r, 'received'), 'denominator')) },
        { name: '% failing validation', type: 'line', yAxisIndex: 1, connectNulls: true, data: reports.map((r) => rate(r, 'conformance-validation-errors')) },
        { name: '% AI-written', type: 'line', yAxisIndex: 1, connectNulls: true, data: reports.map((r) => rate(r, 'ai-labelled')) },
        { name: '% AI not yet reviewed', type: 'line', yAxisIndex: 1, connectNulls: true, data: reports.map((r) => rate(r, 'ai-unreviewed')) },
      ],
    }, true);
  }

  function checkRows(report) {
    return (report.group || []).filter((g) => extension(g, CATEGORY_EXTENSION) !== undefined).map((g) => {
      const s = share(g);
      return {
        category: extension(g, CATEGORY_EXTENSION),
        id: g.code.coding[0].code,
        description: g.code.coding[0].display || '',
        numerator: s.numerator,
        denominator: s.denominator,
        rate: s.denominator === 0 ? -1 : 100 * s.numerator / s.denominator,
        threshold: Number(extension(g, THRESHOLD_EXTENSION)),
        status: extension(g, STATUS_EXTENSION),
        checkClass: extension(g, CLASS_EXTENSION) || 'convention',
        level: extension(g, LEVEL_EXTENSION) || '',
        trend: (trend(g) || { status: '–', detail: '' }).status,
        trendDetail: (trend(g) || { detail: '' }).detail,
      };
    });
  }

  function compareChecks(a, b) {
    if (state.sortKey) {
      const x = a[state.sortKey];
      const y = b[state.sortKey];
      const order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
      if (order !== 0) return order * state.sortDirection;
    }
    return (STATUS_ORDER[a.status] - STATUS_ORDER[b.status]) || (b.rate - a.rate) || a.id.localeCompare(b.id);
  }

  function renderChecks() {
    const body = byId('checks').tBodies[0];
    body.replaceChildren();
    const categories = [...new Set(state.checks.map((c) => c.category.split('/')[0]))];
    categories.forEach((category) => {
      const heading = body.insertRow();
      heading.className = 'category';
      const cell = heading.insertCell();
      cell.colSpan = 9;
      cell.textContent = category;
      state.checks.filter((c) => c.category.split('/')[0] === category).sort(compareChecks).forEach((check) => {
        const row = body.insertRow();
        row.dataset.check = check.id;
        row.dataset.checkClass = check.checkClass;
        row.title = check.description;
        [check.category, check.id, check.checkClass, formatCount(check.numerator), formatCount(check.denominator),
          check.denominator === 0 ? '–' : check.rate.toFixed(1) + '%', thresholdText(check), check.trend, check.status]
          .forEach((text, i) => {
            const td = row.insertCell();
            td.textContent = text;
            if (i >= 3 && i <= 6) td.className = 'num';
            if (i === 7) {
              td.className = 'trend trend-' + check.trend;
              td.title = check.trendDetail;
            }
            if (i === 8) td.className = 'status-' + check.status;
          });
      });
    });
  }

  /** A threshold, or "not judged" for a figure the server only shows: server capability, or a characterization left at 100%. */
  function thresholdText(check) {
    const judged = check.checkClass !== 'server-capability' && !(check.checkClass === 'characterization' && check.threshold === 100);
    return judged ? check.threshold + '%' : 'not judged';
  }

  function isJudged(check) {
    return check.checkClass === 'fatal' || check.checkClass === 'convention' || check.status === 'failed' || check.status === 'passed';
  }

  function listChecks(list, checks, describe) {
    list.replaceChildren(...checks.map((check) => {
      const item = document.createElement('li');
      item.dataset.check = check.id;
      item.textContent = describe(check);
      return item;
    }));
  }

  /**
   * The headline's verdict on the checks, in three parts that never mix: judged checks that failed (the only red
   * figure), characterization figures (shown, not judged) and what this server cannot check (its gap, not the data's).
   */
  function renderCheckSummary(checks) {
    const rateOf = (c) => `${c.rate.toFixed(1)}% of ${formatCount(c.denominator)}`;
    const failing = checks.filter((c) => c.status === 'failed').sort((a, b) => b.rate - a.rate);
    const judged = checks.filter((c) => isJudged(c) && c.denominator > 0);
    const failingFigure = byId('figure-checks-failing');
    failingFigure.textContent = `${failing.length} of ${judged.length}`;
    failingFigure.dataset.failing = failing.length;
    failingFigure.classList.toggle('alarm', failing.length > 0);
    listChecks(byId('checks-failing'), failing, (c) => `${c.id} (${c.checkClass}): ${rateOf(c)}`);
    const characterization = checks.filter((c) => c.status === 'characterization');
    byId('figure-characterization').textContent = formatCount(characterization.length);
    const notCheckable = checks.filter((c) => c.status === 'not-checkable-here').sort((a, b) => b.rate - a.rate);
    byId('figure-not-checkable').textContent = notCheckable.length === 0 ? '–' : `${notCheckable[0].rate.toFixed(1)}%`;
    listChecks(byId('checks-not-checkable'), notCheckable, (c) => `${c.id}: ${rateOf(c)}`);
  }

  function renderIssues(report) {
    const body = byId('issues').tBodies[0];
    body.replaceChildren();
    const issues = stratifier(group(report, 'conformance-validation-errors'), 'validation-issue');
    const top = strata(issues).slice(0, TOP_ISSUES);
    if (top.length === 0) {
      const cell = body.insertRow().insertCell();
      cell.colSpan = 5;
      cell.textContent = 'No validation issues in this selection.';
      return;
    }
    top.forEach((s) => {
      const [severity, code, ...messageId] = s.value.text.split('|');
      const template = s.value.coding && s.value.coding[0] ? s.value.coding[0].display : '';
      const row = body.insertRow();
      [severity, code, messageId.join('|'), formatCount(s.population[0].count), template].forEach((text, i) => {
        const td = row.insertCell();
        td.textContent = text;
        if (i === 3) td.className = 'num';
      });
    });
  }

  async function renderSources(report, current) {
    const body = byId('sources').tBodies[0];
    body.replaceChildren();
    const sources = stratifier(group(report, 'received'), 'source');
    const busiest = strata(sources).slice(0, MAX_SOURCES);
    const reports = await Promise.all(busiest.map((s) => dataQuality({ ...current, source: s.value.text })));
    const worse = worseBySource(report);
    busiest.forEach((s, i) => {
      const perSource = reports[i];
      const received = population(group(perSource, 'received'), 'denominator');
      const rejected = share(group(perSource, 'rejected'));
      const ai = share(group(perSource, 'ai-labelled'));
      const worst = checkRows(perSource).filter((c) => c.status === 'failed').sort((a, b) => b.rate - a.rate).slice(0, 3)
        .map((c) => `${c.id} (${c.rate.toFixed(1)}%)`);
      const row = body.insertRow();
      row.dataset.source = s.value.text;
      [s.value.text, formatCount(received), formatPercent(rejected.numerator, rejected.denominator),
        formatPercent(ai.numerator, ai.denominator), worst.length ? worst.join(', ') : 'no failing checks',
        (worse[s.value.text] || []).join(', ') || 'none']
        .forEach((text, j) => {
          const td = row.insertCell();
          td.textContent = text;
          if (j >= 1 && j <= 3) td.className = 'num';
          if (j === 5) td.className = worse[s.value.text] ? 'trend trend-worse' : 'trend';
        });
    });
  }

  const OVERSIGHT_STATUS = 'http://fhir-aitrust.org/StructureDefinition/oversight-status';
  const OVERSIGHT_WINDOW = 'http://fhir-aitrust.org/StructureDefinition/oversight-window';
  const OVERSIGHT_Z = 'http://fhir-aitrust.org/StructureDefinition/oversight-z';
  const OVERSIGHT_P = 'http://fhir-aitrust.org/StructureDefinition/oversight-p-value';
  const BASELINE_NUMERATOR = 'http://fhir-aitrust.org/StructureDefinition/oversight-baseline-numerator';
  const BASELINE_DENOMINATOR = 'http://fhir-aitrust.org/StructureDefinition/oversight-baseline-denominator';
  const LAG_MEDIAN = 'http://fhir-aitrust.org/StructureDefinition/dq-lag-median-seconds';
  const LAG_P95 = 'http://fhir-aitrust.org/StructureDefinition/dq-lag-p95-seconds';
  const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

  async function aiOversight(parameters) {
    const bundle = await fhirOperation('$ai-oversight', parameters);
    return (bundle.entry || []).map((entry) => entry.resource);
  }

  // A masked count has no value, only FHIR's data-absent-reason extension
  function shownCount(populationElement) {
    if (!populationElement) return '–';
    const masked = populationElement._count && (populationElement._count.extension || []).some((e) => e.url === DATA_ABSENT_REASON);
    return masked ? 'masked' : formatCount(populationElement.count || 0);
  }

  function populationElement(item, code) {
    return (item.population || []).find((p) => p.code.coding[0].code === code);
  }

  function cellRow(body, cells, classes) {
    const row = body.insertRow();
    cells.forEach((text, i) => {
      const td = row.insertCell();
      td.textContent = text;
      if (classes && classes[i]) td.className = classes[i];
    });
    return row;
  }

  function table(container, headings) {
    const element = document.createElement('table');
    const head = element.createTHead().insertRow();
    headings.forEach((heading) => { const th = document.createElement('th'); th.textContent = heading; head.appendChild(th); });
    container.appendChild(element);
    return element.createTBody();
  }

  async function renderOversight(current) {
    const container = byId('oversight');
    container.replaceChildren();
    byId('oversight-message').hidden = true;
    let reports;
    try {
      reports = await aiOversight({ start: current.start, end: current.end });
    } catch (error) {
      const off = error instanceof ApiError && (error.status === 404 || /know how to handle/i.test(error.message));
      const message = byId('oversight-message');
      message.textContent = off ? 'AI oversight is off on this server: start it with aitrust.oversight.enabled=true.'
        : 'Could not read $ai-oversight: ' + error.message;
      message.hidden = false;
      return;
    }
    if (reports.length === 0) {
      const message = byId('oversight-message');
      message.textContent = 'No AI writes recorded yet: AI-labelled writes, or writes from a registered AI agent, appear here.';
      message.hidden = false;
      return;
    }
    const days = daysBetween(current.start, current.end);
    for (const report of reports) {
      const model = report.identifier[0].value;
      const block = document.createElement('div');
      block.className = 'model';
      block.dataset.model = model;
      const title = document.createElement('h3');
      const drifted = (report.group || []).filter((g) => extension(g, OVERSIGHT_STATUS) === 'drifted').map((g) => g.code.coding[0].code);
      title.textContent = `${model} — ${drifted.length ? 'drift in ' + drifted.join(', ') : 'no drift flagged'}`;
      block.appendChild(title);
      const lag = group(report, 'review-lag');
      const coverage = document.createElement('p');
      const reviewed = share(group(report, 'reviewed'));
      coverage.textContent = `Reviewed ${formatPercent(reviewed.numerator, reviewed.denominator)} of ${formatCount(reviewed.denominator)} writes;`
        + ` time to review median ${extension(lag, LAG_MEDIAN)} s, p95 ${extension(lag, LAG_P95)} s.`;
      block.appendChild(coverage);
      const chart = document.createElement('div');
      chart.className = 'chart';
      block.appendChild(chart);
      const columns = document.createElement('div');
      columns.className = 'columns';
      block.appendChild(columns);
      const rates = table(columns, ['Rate', 'Recent', 'Baseline', 'z', 'p', 'Status']);
      (report.group || []).filter((g) => extension(g, OVERSIGHT_STATUS) !== undefined
        && !CONFIDENCE_GROUPS.includes(g.code.coding[0].code)).forEach((g) => {
        const s = share(g);
        const baseN = Number(extension(g, BASELINE_NUMERATOR));
        const baseD = Number(extension(g, BASELINE_DENOMINATOR));
        const status = extension(g, OVERSIGHT_STATUS);
        cellRow(rates, [g.code.coding[0].code,
          `${formatPercent(s.numerator, s.denominator)} (${formatCount(s.numerator)}/${formatCount(s.denominator)})`,
          `${formatPercent(baseN, baseD)} (${formatCount(baseN)}/${formatCount(baseD)})`,
          Number(extension(g, OVERSIGHT_Z)).toFixed(2), Number(extension(g, OVERSIGHT_P)).toPrecision(2), status],
        ['', 'num', 'num', 'num', 'num', 'status-' + status]).dataset.rate = g.code.coding[0].code;
      });
      const equity = table(columns, ['Outcome', 'Stratifier', 'Stratum', 'Reviews', 'With outcome', 'Status']);
      ['review-rejected', 'review-corrected'].forEach((code) => {
        // one stratifier per dimension and calendar week; a week with too few patients lists no strata at all
        (group(report, code).stratifier || []).forEach((stratifier) => {
          const dimension = stratifier.code[0].coding[0].code;
          const window = (stratifier.extension || []).find((e) => e.url === OVERSIGHT_WINDOW);
          const label = window ? `${dimension}, week of ${window.valuePeriod.start.substring(0, 10)}` : dimension;
          if (strata(stratifier).length === 0 && extension(stratifier, OVERSIGHT_STATUS) === 'suppressed') {
            cellRow(equity, [code.replace('review-', ''), label, 'all', 'masked', 'masked', 'suppressed'],
              ['', '', '', 'num', 'num', 'status-suppressed']).dataset.stratum = dimension + ':all';
          }
          strata(stratifier).forEach((stratum) => {
            const status = extension(stratum, OVERSIGHT_STATUS);
            cellRow(equity, [code.replace('review-', ''), label, stratum.value.text,
              shownCount(populationElement(stratum, 'denominator')), shownCount(populationElement(stratum, 'numerator')), status],
            ['', '', '', 'num', 'num', 'status-' + status]).dataset.stratum = dimension + ':' + stratum.value.text;
          });
        });
      });
      container.appendChild(block);
      renderReliability(block, report);
      await renderModelTrend(chart, model, days);
    }
  }

  /** Each day's correction and rejection rates, against the baseline rate before that day. */
  async function renderModelTrend(element, model, days) {
    const daily = await Promise.all(days.map((day) => aiOversight({ model, start: day, end: day })));
    const rate = (reports, code, baseline) => {
      const g = group(reports[0], code);
      const numerator = baseline ? Number(extension(g, BASELINE_NUMERATOR)) : population(g, 'numerator');
      const denominator = baseline ? Number(extension(g, BASELINE_DENOMINATOR)) : population(g, 'denominator');
      return denominator === 0 ? null : Number((100 * numerator / denominator).toFixed(1));
    };
    echarts.init(element).setOption({
      animation: false,
      color: ['#c47f00', '#b3261e', '#c47f00', '#b3261e'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', name: '%', min: 0 },
      series: [
        { name: '% corrected', type: 'line', connectNulls: true, data: daily.map((r) => rate(r, 'review-corrected', false)) },
        { name: '% rejected', type: 'line', connectNulls: true, data: daily.map((r) => rate(r, 'review-rejected', false)) },
        { name: 'baseline corrected', type: 'line', lineStyle: { type: 'dashed' }, symbol: 'none', connectNulls: true, data: daily.map((r) => rate(r, 'review-corrected', true)) },
        { name: 'baseline rejected', type: 'line', lineStyle: { type: 'dashed' }, symbol: 'none', connectNulls: true, data: daily.map((r) => rate(r, 'review-rejected', true)) },
      ],
    });
  }

  // ---- Confidence calibration: the reliability diagram of each model (groups "confidence" and "calibration") ----

  const CONFIDENCE_GROUPS = ['confidence', 'calibration'];
  const MEAN_CONFIDENCE = 'http://fhir-aitrust.org/StructureDefinition/oversight-mean-confidence';
  const ECE = 'http://fhir-aitrust.org/StructureDefinition/oversight-expected-calibration-error';
  const BASELINE_ECE = 'http://fhir-aitrust.org/StructureDefinition/oversight-baseline-expected-calibration-error';

  /** Each confidence bin: writes stating it, first reviews, verified ones, mean stated confidence, drift status. */
  function reliabilityBins(report) {
    const calibration = group(report, 'calibration');
    const distribution = group(report, 'confidence');
    if (!calibration || !distribution) return [];
    const written = strata((distribution.stratifier || [])[0]);
    return strata((calibration.stratifier || [])[0]).map((stratum, i) => ({
      bin: stratum.value.text,
      written: population(written[i], 'initial-population'),
      reviewed: population(stratum, 'denominator'),
      verified: population(stratum, 'numerator'),
      meanConfidence: extension(stratum, MEAN_CONFIDENCE),
      status: extension(stratum, OVERSIGHT_STATUS),
    }));
  }

  /** The model's reliability diagram (accuracy and mean stated confidence per bin, the diagonal), ECE and bin table. */
  function renderReliability(block, report) {
    const bins = reliabilityBins(report);
    const calibration = group(report, 'calibration');
    const section = document.createElement('div');
    section.className = 'reliability';
    block.appendChild(section);
    const heading = document.createElement('h4');
    heading.textContent = 'Stated confidence against clinicians\' reviews (verified = correct)';
    section.appendChild(heading);
    const reviewed = bins.reduce((sum, b) => sum + b.reviewed, 0);
    const summary = document.createElement('p');
    summary.className = 'ece';
    if (reviewed === 0) {
      summary.textContent = 'No reviewed write stated a confidence (AIconfidence as a probability) in this period.';
      section.appendChild(summary);
      return;
    }
    const ece = Number(extension(calibration, ECE));
    const baselineEce = extension(calibration, BASELINE_ECE);
    summary.dataset.ece = String(ece);
    summary.textContent = `Expected calibration error ${ece.toFixed(4)} over ${formatCount(reviewed)} reviewed writes`
      + (baselineEce === undefined ? '; no baseline.' : ` (baseline ${Number(baselineEce).toFixed(4)});`
        + ` calibration ${extension(calibration, OVERSIGHT_STATUS)}.`);
    section.appendChild(summary);
    const chart = document.createElement('div');
    chart.className = 'chart reliability-chart';
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', 'Reliability diagram: share verified against mean stated confidence, per bin');
    section.appendChild(chart);
    const rows = table(section, ['Confidence', 'Written', 'Reviewed', 'Verified', 'Mean confidence', 'Accuracy', 'Status']);
    bins.forEach((b) => {
      cellRow(rows, [b.bin, formatCount(b.written), formatCount(b.reviewed), formatCount(b.verified),
        b.meanConfidence === undefined ? '–' : Number(b.meanConfidence).toFixed(3),
        formatPercent(b.verified, b.reviewed), b.status],
      ['', 'num', 'num', 'num', 'num', 'num', 'status-' + b.status]).dataset.bin = b.bin;
    });
    const accuracy = bins.map((b) => (b.reviewed === 0 ? null : Number((100 * b.verified / b.reviewed).toFixed(1))));
    const confidence = bins.map((b) => (b.meanConfidence === undefined || b.reviewed === 0 ? null
      : Number((100 * b.meanConfidence).toFixed(1))));
    echarts.init(chart).setOption({
      animation: false,
      color: ['#1f5fa8', '#c47f00', '#5b6775'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 36, bottom: 28 },
      xAxis: { type: 'category', name: 'stated confidence', nameLocation: 'middle', nameGap: 22, data: bins.map((b) => b.bin) },
      yAxis: { type: 'value', name: '%', min: 0, max: 100 },
      series: [
        { name: '% verified', type: 'bar', data: accuracy },
        { name: 'mean stated confidence', type: 'line', data: confidence },
        { name: 'perfect calibration', type: 'line', symbol: 'none', lineStyle: { type: 'dashed' },
          data: bins.map((b, i) => 10 * i + 5) },
      ],
    });
  }

  async function refresh() {
    document.body.dataset.state = 'loading';
    const current = filters();
    try {
      const overall = await dataQuality({ start: current.start, end: current.end });
      const received = group(overall, 'received');
      fillSelect(byId('filter-source'), stratifier(received, 'source'), 'all sources');
      fillSelect(byId('filter-type'), stratifier(received, 'resource-type'), 'all types');
      const report = current.source || current.resourceType ? await dataQuality(current) : overall;
      const count = renderHeadline(report);
      showMessage(count === 0
        ? `No data yet for this selection: send resources to ${state.base} (for example POST ${state.base}/Observation), then reload this page.`
        : '');
      state.checks = checkRows(report);
      renderCheckSummary(state.checks);
      renderChecks();
      renderIssues(report);
      await Promise.all([renderTrend(current), renderSources(report, current), renderOversight(current)]);
      document.body.dataset.state = 'ready';
    } catch (error) {
      // HAPI answers an operation it does not offer with 400 "does not know how to handle"
      const off = error instanceof ApiError
        && (error.status === 404 || (error.status === 400 && /know how to handle/i.test(error.message)));
      showMessage(off
        ? `Data-quality metrics are not available on ${state.base}: start the server with aitrust.quality.enabled=true. (${error.message})`
        : `Could not read ${state.base}/$data-quality: ${error.message}`, true);
      document.body.dataset.state = 'error';
    }
  }

  function start() {
    const today = new Date();
    const twoWeeksAgo = new Date(today);
    twoWeeksAgo.setUTCDate(today.getUTCDate() - 13);
    byId('filter-start').value = isoDay(twoWeeksAgo);
    byId('filter-end').value = isoDay(today);
    byId('filters').addEventListener('submit', (event) => { event.preventDefault(); refresh(); });
    byId('filter-source').addEventListener('change', refresh);
    byId('filter-type').addEventListener('change', refresh);
    document.querySelectorAll('#checks th[data-sort]').forEach((th) => th.addEventListener('click', () => {
      state.sortDirection = state.sortKey === th.dataset.sort ? -state.sortDirection : 1;
      state.sortKey = th.dataset.sort;
      renderChecks();
    }));
    window.addEventListener('resize', () => state.trendChart && state.trendChart.resize());
    loadSettings().catch(() => {}).then(refresh);
  }

  start();
}());
