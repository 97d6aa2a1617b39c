// Cockpit pages of the LGSP Hà Nội (R-17, R-20, Đ12.1, Đ12.5): the overview on Cockpit's dashboard,
// the transactions behind each figure, the status board of connected systems, one record
// exchange's timeline and the incident log. Figures come from /api/v1/monitoring, which decides
// on the server what the signed-in user may see; this page only shows what it is given. Data is
// always written with textContent, never parsed as HTML.

const API = '/api/v1/monitoring';
const ZONE = 'Asia/Ho_Chi_Minh';
const dateTime = new Intl.DateTimeFormat('vi-VN', {timeZone: ZONE, dateStyle: 'short', timeStyle: 'medium'});
const count = new Intl.NumberFormat('vi-VN');
const percent = new Intl.NumberFormat('vi-VN', {style: 'percent', maximumFractionDigits: 2});
const PERIODS = [['today', 'Hôm nay'], ['7d', '7 ngày qua'], ['30d', '30 ngày qua']];
const STATES = {UP: 'Hoạt động', SLOW: 'Chậm', DEGRADED: 'Suy giảm', DOWN: 'Mất kết nối', MAINTENANCE: 'Bảo trì',
  UNKNOWN: 'Chưa kiểm tra'};
const EXCHANGE_STATES = {
  ACCEPTED: 'Đã tiếp nhận', ROUTED: 'Đang chuyển', DELIVERED: 'Đã chuyển đến', COMPLETED: 'Hoàn thành',
  FAILED: 'Thất bại', EXPIRED: 'Quá hạn', CANCELLED: 'Đã hủy'
};

// Vietnamese for every kind of transaction and route the platform records; codes stay on hover
const KINDS = {
  'api-call': 'Gọi API nền tảng', 'gateway-call': 'Gọi dịch vụ qua cổng chia sẻ', 'status-check': 'Kiểm tra kết nối',
  'exchange-accepted': 'Hồ sơ: tiếp nhận', 'exchange-routed': 'Hồ sơ: định tuyến', 'exchange-identity-check': 'Hồ sơ: xác thực người nộp',
  'exchange-delivery-attempt': 'Hồ sơ: chuyển đến nơi nhận', 'exchange-receipt': 'Hồ sơ: xác nhận đã nhận',
  'exchange-result': 'Hồ sơ: kết quả xử lý', 'exchange-cancelled': 'Hồ sơ: hủy',
  'postal-requested': 'Bưu chính: yêu cầu gửi', 'postal-ordered': 'Bưu chính: đặt VNPost', 'postal-not-sent': 'Bưu chính: không gửi',
  'postal-accepted': 'Bưu chính: VNPost nhận', 'postal-picked-up': 'Bưu chính: đã lấy hàng', 'postal-in-transit': 'Bưu chính: đang chuyển',
  'postal-delivery-failed': 'Bưu chính: phát không thành công', 'postal-delivered': 'Bưu chính: đã phát',
  'postal-returned': 'Bưu chính: chuyển hoàn',
  'grant-issued': 'Cấp quyền khai thác', 'grant-revoked': 'Thu hồi quyền khai thác', 'service-registered': 'Đăng ký dịch vụ',
  'version-added': 'Thêm phiên bản dịch vụ', 'version-relocated': 'Đổi địa chỉ phiên bản',
  'version-offered-to-ndxp': 'Cung cấp phiên bản qua NDXP', 'version-withdrawn-from-ndxp': 'Ngừng cung cấp qua NDXP',
  'agency-registered': 'Đăng ký cơ quan', 'agency-closed': 'Giải thể, sáp nhập cơ quan'
};
const KIND_FAMILIES = [['exchange-', 'Hồ sơ: '], ['postal-', 'Bưu chính: '], ['version-', 'Phiên bản dịch vụ: '],
  ['grant-', 'Quyền khai thác: '], ['agency-', 'Cơ quan: '], ['service-', 'Dịch vụ: ']];
const ROUTES = {LOCAL: 'Nội bộ thành phố', NDXP: 'Qua NDXP', UNROUTABLE: 'Không định tuyến được',
  DIRECT: 'Trực tiếp đến hệ thống cung cấp'};
const STATE_COLOURS = {UP: 'green', SLOW: 'amber', DEGRADED: 'amber', MAINTENANCE: 'grey', DOWN: 'red', UNKNOWN: 'grey'};

function kindLabel(kind) {
  if (KINDS[kind]) {
    return KINDS[kind];
  }
  const family = KIND_FAMILIES.find(([prefix]) => String(kind).startsWith(prefix));
  return family ? family[1] + String(kind).substring(family[0].length).replace(/-/g, ' ') : 'Loại khác';
}

function routeLabel(route) {
  return ROUTES[route] || 'Tuyến khác';
}

// a name people read, its code on hover and for the tests
function named(text, code) {
  return el('span', {title: code, 'data-lgsp-code': code}, text);
}

// the page's own look: states in colour, the 24-hour strip, bar charts
function styles() {
  if (document.getElementById('lgsp-styles')) {
    return;
  }
  document.head.appendChild(el('style', {id: 'lgsp-styles'}, `
    .lgsp-state-green { background: #dff0d8; color: #1e5a1e; font-weight: bold; }
    .lgsp-state-amber { background: #fcf3cf; color: #7a5200; font-weight: bold; }
    .lgsp-state-red { background: #f6d5d5; color: #8a1010; font-weight: bold; }
    .lgsp-state-grey { background: #eeeeee; color: #444444; }
    .lgsp-strip { display: flex; gap: 1px; }
    .lgsp-strip span { display: inline-block; width: 8px; height: 18px; }
    .lgsp-strip .lgsp-state-green { background: #3c9a3c; } .lgsp-strip .lgsp-state-amber { background: #e0a800; }
    .lgsp-strip .lgsp-state-red { background: #c62828; } .lgsp-strip .lgsp-state-grey { background: #c8c8c8; }
    .lgsp-charts { display: flex; flex-wrap: wrap; gap: 24px; margin: 12px 0; }
    .lgsp-chart { min-width: 420px; flex: 1 1 420px; }
    .lgsp-bars { list-style: none; padding: 0; margin: 0; }
    .lgsp-bars li { display: grid; grid-template-columns: 14em 1fr 5em; gap: 8px; align-items: center; margin: 2px 0; }
    .lgsp-bar { height: 14px; background: #2b6cb0; }
    .lgsp-bar-failed { background: #c62828; height: 14px; }
    .lgsp-csv { margin-left: 1em; font-size: 90%; }`));
}

// the charting library is served by the platform (webjar), loaded once, when a chart is first drawn
let chartsLibrary = null;
function uPlotLibrary() {
  if (!chartsLibrary) {
    chartsLibrary = new Promise((resolve, reject) => {
      document.head.appendChild(el('link', {rel: 'stylesheet', href: '/webjars/uplot/dist/uPlot.min.css'}));
      const script = el('script', {src: '/webjars/uplot/dist/uPlot.iife.min.js'});
      script.onload = () => resolve(window.uPlot);
      script.onerror = () => reject(new Error('không tải được thư viện biểu đồ'));
      document.head.appendChild(script);
    });
  }
  return chartsLibrary;
}

// CSV of a table's numbers as they came from the server (not as formatted on screen)
function csvLink(name, headers, rows) {
  const quote = value => {
    let text = value === null || value === undefined ? '' : String(value);
    // a name that starts like a formula is not run as one by the spreadsheet that opens the file
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
      text = "'" + text;
    }
    return /[",\n;]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  };
  const text = '\ufeff' + [headers, ...rows].map(row => row.map(quote).join(',')).join('\r\n') + '\r\n';
  return el('a', {class: 'lgsp-csv', download: name + '.csv', 'data-lgsp-csv': name,
    href: 'data:text/csv;charset=utf-8,' + encodeURIComponent(text)}, 'Tải CSV');
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value !== undefined && value !== null) {
      node.setAttribute(name, String(value));
    }
  });
  children.flat().forEach(child => {
    if (child === null || child === undefined) {
      return;
    }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  });
  return node;
}

function hashQuery() {
  const hash = window.location.hash || '';
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.substring(at + 1));
}

function link(path, params, text, figure) {
  const query = new URLSearchParams();
  Object.entries(params || {}).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '') {
      query.set(k, v);
    }
  });
  const suffix = query.toString();
  return el('a', {href: '#' + path + (suffix ? '?' + suffix : ''), 'data-lgsp-figure': figure}, text);
}

async function load(path, params) {
  const query = new URLSearchParams();
  Object.entries(params || {}).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '') {
      query.set(k, v);
    }
  });
  const suffix = query.toString();
  const response = await fetch(API + path + (suffix ? '?' + suffix : ''), {
    credentials: 'same-origin', headers: {Accept: 'application/json'}
  });
  let body = null;
  try {
    body = await response.json();
  } catch (ignored) {
    // answered below
  }
  if (!response.ok) {
    const reason = body && body.message ? body.message : 'HTTP ' + response.status;
    throw new Error(reason);
  }
  return body;
}

function problem(node, error) {
  node.replaceChildren(el('div', {class: 'alert alert-danger', role: 'alert', 'data-lgsp-error': ''},
    'Không tải được số liệu: ' + error.message));
}

function when(value) {
  return value ? dateTime.format(new Date(value)) : '—';
}

function share(value) {
  return value === null || value === undefined ? '—' : percent.format(value);
}

function millis(value) {
  return value === null || value === undefined ? '—' : count.format(Math.round(value)) + ' ms';
}

// the system's clock against the LGSP's (Đ7.4): + ahead, − behind
function skew(value) {
  return value === null || value === undefined ? '—' : (value > 0 ? '+' : '') + count.format(Math.round(value)) + ' ms';
}

function table(caption, headers, rows, csv) {
  return el('table', {class: 'table table-condensed table-striped lgsp-table'},
    el('caption', {}, caption, csv ? csvLink(csv.name, csv.headers || headers, csv.rows) : null),
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {scope: 'col'}, h)))),
    el('tbody', {}, rows.length ? rows : [el('tr', {}, el('td', {colspan: headers.length}, 'Không có dữ liệu'))]));
}

// a horizontal bar per row: succeeded in blue, failed in red; the numbers beside
function bars(title, id, items) {
  const largest = Math.max(1, ...items.map(i => i.total));
  return el('figure', {class: 'lgsp-chart', 'data-lgsp-chart': id, 'data-lgsp-series': JSON.stringify(items)},
    el('figcaption', {}, title),
    el('ul', {class: 'lgsp-bars'}, items.length ? items.map(i => el('li', {},
      named(i.label, i.key),
      el('span', {style: 'display:flex'},
        el('span', {class: 'lgsp-bar', style: 'width:' + (100 * (i.total - (i.failed || 0)) / largest) + '%'}),
        el('span', {class: 'lgsp-bar-failed', style: 'width:' + (100 * (i.failed || 0) / largest) + '%'})),
      el('span', {}, count.format(i.total) + (i.failed ? ' (' + count.format(i.failed) + ' lỗi)' : '')))) :
      [el('li', {}, 'Không có dữ liệu')]));
}

// a time series drawn by uPlot once the figure is on the page; its points stay on the figure
function timeChart(title, id, points, series, scales) {
  const figure = el('figure', {class: 'lgsp-chart', 'data-lgsp-chart': id, 'data-lgsp-series': JSON.stringify(points)},
    el('figcaption', {}, title), el('div', {class: 'lgsp-plot'}));
  uPlotLibrary().then(uPlot => {
    const plot = figure.querySelector('.lgsp-plot');
    const data = [points.map(p => new Date(p.start).getTime() / 1000), ...series.map(s => points.map(s.value))];
    new uPlot({
      width: Math.max(400, plot.clientWidth || 560), height: 220, tzDate: ts => uPlot.tzDate(new Date(ts * 1000), ZONE),
      scales: scales || {x: {time: true}},
      axes: [{}, ...series.filter(s => s.axis).map(s => s.axis)],
      series: [{label: 'Thời gian'}, ...series.map(s => ({label: s.label, stroke: s.colour, scale: s.scale || 'y',
        width: 2, paths: s.bars ? uPlot.paths.bars({size: [0.6, 40]}) : undefined, fill: s.bars ? s.colour : undefined}))]
    }, data, plot);
    figure.setAttribute('data-lgsp-drawn', 'true');
  }).catch(error => figure.appendChild(el('p', {class: 'text-danger'}, error.message)));
  return figure;
}

function outcomeRows(rows, figure, params, label) {
  return rows.map(row => el('tr', {'data-lgsp-row': figure + ':' + row.key},
    el('td', {title: row.key}, link('/lgsp/giao-dich', params(row), label ? label(row.key) : row.key, figure + ':' + row.key)),
    el('td', {'data-lgsp-value': 'total'}, count.format(row.total)),
    el('td', {'data-lgsp-value': 'succeeded'}, count.format(row.succeeded)),
    el('td', {'data-lgsp-value': 'failed'}, count.format(row.failed))));
}

function controls(state, refresh) {
  const period = el('select', {id: 'lgsp-period', class: 'form-control', 'aria-label': 'Khoảng thời gian'},
    PERIODS.map(([value, text]) => {
      const option = el('option', {value}, text);
      option.selected = value === state.period;
      return option;
    }));
  const agency = el('input', {id: 'lgsp-agency', class: 'form-control', type: 'text', maxlength: 35,
    placeholder: 'Mã định danh cơ quan (để trống: tất cả)', 'aria-label': 'Mã định danh cơ quan'});
  agency.value = state.agency || '';
  const apply = el('button', {type: 'submit', class: 'btn btn-primary', id: 'lgsp-apply'}, 'Xem');
  const form = el('form', {class: 'form-inline lgsp-controls', role: 'search'},
    el('label', {for: 'lgsp-period'}, 'Khoảng thời gian '), period, ' ',
    el('label', {for: 'lgsp-agency'}, 'Cơ quan '), agency, ' ', apply);
  form.addEventListener('submit', event => {
    event.preventDefault();
    state.period = period.value;
    state.agency = agency.value.trim();
    refresh();
  });
  return form;
}

// ---- Toàn cảnh LGSP --------------------------------------------------------------------------

function renderOverview(node) {
  const query = hashQuery();
  const state = {period: query.get('period') || 'today', agency: query.get('agency') || ''};
  const figures = el('div', {class: 'lgsp-figures', 'aria-live': 'polite'}, 'Đang tải…');
  // a slow answer to an earlier choice must not overwrite the answer to the latest one
  let latest = 0;
  const refresh = async () => {
    const asked = ++latest;
    figures.replaceChildren('Đang tải…');
    try {
      const answer = await load('/overview', {period: state.period, agency: state.agency});
      if (asked === latest) {
        figures.replaceChildren(overview(answer, state));
      }
    } catch (error) {
      if (asked === latest) {
        problem(figures, error);
      }
    }
  };
  node.replaceChildren(el('section', {class: 'lgsp-overview', 'data-lgsp-panel': 'overview'},
    el('h3', {}, 'Toàn cảnh LGSP'), controls(state, refresh), figures));
  refresh();
}

function overview(answer, state) {
  styles();
  const t = answer.transactions;
  const names = answer.names || {agencies: {}, services: {}};
  const agencyName = code => names.agencies[code] || code;
  const serviceName = code => names.services[code] || code;
  const base = {period: state.period, agency: answer.agency};
  const tiles = el('dl', {class: 'lgsp-tiles'},
    el('dt', {}, 'Giao dịch'), el('dd', {'data-lgsp-value': 'total'}, link('/lgsp/giao-dich', base, count.format(t.total), 'total')),
    el('dt', {}, 'Thành công (00)'), el('dd', {'data-lgsp-value': 'succeeded'},
      link('/lgsp/giao-dich', {...base, code: '00'}, count.format(t.succeeded), 'succeeded')),
    el('dt', {}, 'Lỗi (01)'), el('dd', {'data-lgsp-value': 'failed'},
      link('/lgsp/giao-dich', {...base, code: '01'}, count.format(t.failed), 'failed')),
    el('dt', {}, 'Tỷ lệ thành công'), el('dd', {'data-lgsp-value': 'successRate'}, share(t.successRate)),
    el('dt', {}, 'Độ trễ p50'), el('dd', {'data-lgsp-value': 'p50'}, millis(t.p50Ms)),
    el('dt', {}, 'Độ trễ p95'), el('dd', {'data-lgsp-value': 'p95'}, millis(t.p95Ms)));
  const headers = ['', 'Tổng', 'Thành công', 'Lỗi'];
  const outcomeCsv = (name, first, rows, label) => ({name, headers: ['Mã', first, 'Tổng', 'Thành công', 'Lỗi'],
    rows: rows.map(r => [r.key, label(r.key), r.total, r.succeeded, r.failed])});
  const exchanges = answer.exchanges;
  const statusRows = Object.entries(exchanges.byStatus).map(([status, n]) => el('tr', {'data-lgsp-row': 'exchange:' + status},
    el('td', {title: status}, link('/lgsp/ho-so', {...base, status}, EXCHANGE_STATES[status] || status, 'exchange:' + status)),
    el('td', {'data-lgsp-value': 'count'}, count.format(n))));
  statusRows.push(el('tr', {'data-lgsp-row': 'exchange:overdue'},
    el('td', {}, link('/lgsp/ho-so', {agency: answer.agency, overdue: 'true'}, 'Quá hạn, chưa xong', 'exchange:overdue')),
    el('td', {'data-lgsp-value': 'count'}, count.format(exchanges.overdue))));
  const per = t.interval === 'hour' ? 'theo giờ' : 'theo ngày';
  const points = t.timeline || [];
  const charts = el('div', {class: 'lgsp-charts'},
    timeChart('Giao dịch và lỗi ' + per, 'transactions', points.map(p => ({start: p.start, total: p.total, failed: p.failed})),
      [{label: 'Giao dịch', colour: '#2b6cb0', value: p => p.total}, {label: 'Lỗi', colour: '#c62828', value: p => p.failed}]),
    timeChart('Tỷ lệ thành công và độ trễ p95 ' + per, 'quality',
      points.map(p => ({start: p.start, successRate: p.successRate, p95Ms: p.p95Ms})),
      [{label: 'Tỷ lệ thành công (%)', colour: '#2e7d32', scale: '%',
        value: p => p.successRate === null || p.successRate === undefined ? null : Math.round(p.successRate * 10000) / 100,
        axis: {scale: '%', label: '%'}},
       {label: 'Độ trễ p95 (ms)', colour: '#6a1b9a', scale: 'ms', value: p => p.p95Ms === undefined ? null : p.p95Ms,
        axis: {scale: 'ms', side: 1, label: 'ms'}}],
      {x: {time: true}, '%': {range: [0, 100]}, ms: {}}),
    bars('Gọi dịch vụ qua cổng theo dịch vụ', 'gateway-services',
      t.gatewayByService.map(r => ({key: r.key, label: serviceName(r.key), total: r.total, failed: r.failed}))),
    bars('Gọi dịch vụ qua cổng theo bên sử dụng', 'gateway-consumers',
      t.gatewayByConsumer.map(r => ({key: r.key, label: agencyName(r.key), total: r.total, failed: r.failed}))),
    bars('Hồ sơ điện tử theo trạng thái', 'exchange-states',
      Object.entries(exchanges.byStatus).map(([status, n]) => ({key: status, label: EXCHANGE_STATES[status] || status,
        total: n, failed: 0}))));
  return el('div', {},
    el('p', {class: 'lgsp-span'}, 'Từ ' + when(answer.period.from) + ' đến ' + when(answer.period.to)
      + (answer.agency ? ' — ' + agencyName(answer.agency) + ' (' + answer.agency + ')' : ' — tất cả cơ quan')),
    tiles, charts,
    table('Giao dịch ' + per, ['Từ', 'Tổng', 'Thành công', 'Lỗi', 'Tỷ lệ thành công', 'Độ trễ p95'],
      points.filter(p => p.total > 0).map(p => el('tr', {'data-lgsp-row': 'time:' + p.start},
        el('td', {}, when(p.start)), el('td', {'data-lgsp-value': 'total'}, count.format(p.total)),
        el('td', {'data-lgsp-value': 'succeeded'}, count.format(p.succeeded)),
        el('td', {'data-lgsp-value': 'failed'}, count.format(p.failed)), el('td', {}, share(p.successRate)),
        el('td', {}, millis(p.p95Ms)))),
      {name: 'giao-dich-' + (t.interval === 'hour' ? 'theo-gio' : 'theo-ngay'),
        headers: ['Từ', 'Tổng', 'Thành công', 'Lỗi', 'Tỷ lệ thành công', 'Độ trễ p95 (ms)'],
        rows: points.map(p => [p.start, p.total, p.succeeded, p.failed, p.successRate, p.p95Ms])}),
    table('Giao dịch theo cơ quan gửi', ['Cơ quan', ...headers.slice(1)],
      outcomeRows(t.byAgency, 'agency', row => ({...base, source: row.key}), agencyName),
      outcomeCsv('giao-dich-theo-co-quan', 'Cơ quan', t.byAgency, agencyName)),
    table('Giao dịch theo tuyến', ['Tuyến', ...headers.slice(1)],
      outcomeRows(t.byRoute, 'route', row => ({...base, route: row.key}), routeLabel),
      outcomeCsv('giao-dich-theo-tuyen', 'Tuyến', t.byRoute, routeLabel)),
    table('Giao dịch theo loại', ['Loại', ...headers.slice(1)],
      outcomeRows(t.byKind, 'kind', row => ({...base, kind: row.key}), kindLabel),
      outcomeCsv('giao-dich-theo-loai', 'Loại', t.byKind, kindLabel)),
    table('Gọi dịch vụ qua cổng theo dịch vụ', ['Dịch vụ', ...headers.slice(1)],
      outcomeRows(t.gatewayByService, 'service', row => ({...base, kind: 'gateway-call', service: row.key}), serviceName),
      outcomeCsv('goi-dich-vu-theo-dich-vu', 'Dịch vụ', t.gatewayByService, serviceName)),
    table('Gọi dịch vụ qua cổng theo bên sử dụng', ['Bên sử dụng', ...headers.slice(1)],
      outcomeRows(t.gatewayByConsumer, 'consumer', row => ({...base, kind: 'gateway-call', source: row.key}), agencyName),
      outcomeCsv('goi-dich-vu-theo-ben-su-dung', 'Bên sử dụng', t.gatewayByConsumer, agencyName)),
    table('Lỗi thường gặp nhất', ['Lỗi', 'Số lần'], t.topErrors.map(e => el('tr', {'data-lgsp-row': 'error:' + e.error},
      el('td', {}, link('/lgsp/giao-dich', {...base, code: '01', error: e.error}, e.error, 'error:' + e.error)),
      el('td', {'data-lgsp-value': 'count'}, count.format(e.count)))),
      {name: 'loi-thuong-gap', headers: ['Lỗi', 'Số lần'], rows: t.topErrors.map(e => [e.error, e.count])}),
    table('Hồ sơ điện tử theo trạng thái', ['Trạng thái', 'Số hồ sơ'], statusRows,
      {name: 'ho-so-theo-trang-thai', headers: ['Mã', 'Trạng thái', 'Số hồ sơ'],
        rows: [...Object.entries(exchanges.byStatus).map(([status, n]) => [status, EXCHANGE_STATES[status] || status, n]),
          ['OVERDUE', 'Quá hạn, chưa xong', exchanges.overdue]]}),
    el('p', {}, link('/lgsp/trang-thai', {agency: answer.agency}, 'Trạng thái kết nối của các hệ thống →', 'systems')));
}

// ---- Giao dịch: the list behind a figure ---------------------------------------------------------

const LIST_FILTERS = ['period', 'agency', 'source', 'destination', 'route', 'kind', 'code', 'service', 'error'];

async function renderTransactions(node) {
  const query = hashQuery();
  const params = {};
  LIST_FILTERS.forEach(name => { if (query.get(name)) params[name] = query.get(name); });
  params.limit = 100;
  const body = el('div', {'aria-live': 'polite'}, 'Đang tải…');
  const described = LIST_FILTERS.filter(n => params[n]).map(n => n + ' = ' + params[n]).join(', ');
  node.replaceChildren(el('section', {class: 'lgsp-page', 'data-lgsp-panel': 'transactions'},
    el('h2', {}, 'Giao dịch'), el('p', {}, described || 'Hôm nay, tất cả'), body,
    el('p', {}, el('a', {href: '#/'}, '← Về bảng tổng quan'))));
  try {
    const answer = await load('/transactions', params);
    body.replaceChildren(table(answer.transactions.length + ' giao dịch mới nhất',
      ['Thời điểm', 'Loại', 'Bên gửi', 'Bên nhận', 'Dịch vụ', 'Tuyến', 'Kết quả', 'Lỗi', 'Thời lượng', 'Hồ sơ'],
      answer.transactions.map(t => el('tr', {'data-lgsp-row': 'transaction'},
        el('td', {}, when(t.timestamp)), el('td', {}, t.kind), el('td', {}, t.sourceAgency || '—'),
        el('td', {}, t.destinationAgency || '—'),
        el('td', {}, t.service ? t.service + (t.serviceVersion ? ' ' + t.serviceVersion : '') : '—'),
        el('td', {}, t.route || '—'), el('td', {}, t.code), el('td', {}, t.error || ''),
        el('td', {}, millis(t.durationMs)),
        el('td', {}, t.exchangeId ? link('/lgsp/ho-so', {id: t.exchangeId}, 'Xem', 'exchange') : '')))));
  } catch (error) {
    problem(body, error);
  }
}

// ---- Trạng thái kết nối ------------------------------------------------------------------------

function renderSystems(node) {
  const agency = hashQuery().get('agency') || '';
  const body = el('div', {'aria-live': 'polite'}, 'Đang tải…');
  const stamp = el('p', {class: 'lgsp-span'});
  node.replaceChildren(el('section', {class: 'lgsp-page', 'data-lgsp-panel': 'systems'},
    el('h2', {}, 'Trạng thái kết nối'), stamp, body));
  let timer = null;
  const refresh = async () => {
    if (!node.isConnected) {
      clearInterval(timer);
      return;
    }
    try {
      const answer = await load('/systems', {agency});
      styles();
      stamp.textContent = 'Cập nhật lúc ' + when(answer.at) + ' (tự làm mới mỗi 10 giây)';
      const colour = state => 'lgsp-state-' + (STATE_COLOURS[state] || 'grey');
      const hourOf = (at, i) => when(new Date(new Date(at).getTime() - (24 - i) * 3600000));
      body.replaceChildren(table('Các hệ thống kết nối với LGSP',
        ['Cơ quan', 'Trạng thái', '24 giờ qua (mỗi ô một giờ)', 'Lần kiểm tra gần nhất', 'Độ trễ', 'Lệch đồng hồ',
          'Lỗi gần nhất', '24 giờ', '7 ngày', '30 ngày', 'Sự cố đang mở', 'Bảo trì đã báo'],
        answer.systems.map(s => el('tr', {'data-lgsp-system': s.agencyCode, 'data-lgsp-state': s.state},
          el('td', {}, el('strong', {}, s.agencyName), el('br'), s.agencyCode),
          el('td', {class: 'lgsp-state ' + colour(s.state), 'data-lgsp-colour': STATE_COLOURS[s.state] || 'grey'},
            STATES[s.state] || s.state),
          el('td', {}, el('div', {class: 'lgsp-strip', 'data-lgsp-strip': (s.lastDay || []).join(',')},
            (s.lastDay || []).map((state, i) => el('span', {class: colour(state),
              title: 'Từ ' + hourOf(answer.at, i) + ': ' + (STATES[state] || state)})))),
          el('td', {}, when(s.lastCheckAt)), el('td', {}, millis(s.lastLatencyMs)),
          el('td', {'data-lgsp-value': 'clockSkewMs'}, skew(s.clockSkewMs)), el('td', {}, s.lastError || ''),
          el('td', {}, share(s.uptime.last24Hours)), el('td', {}, share(s.uptime.last7Days)),
          el('td', {}, share(s.uptime.last30Days)),
          el('td', {}, s.openIncidents.length ? s.openIncidents.map(i => el('div', {}, i.kind + ': ' + i.detail)) : '—'),
          el('td', {}, s.maintenance.length
            ? s.maintenance.map(w => el('div', {}, when(w.startsAt) + ' – ' + when(w.endsAt) + ': ' + w.reason)) : '—'))),
        {name: 'trang-thai-ket-noi', headers: ['Mã cơ quan', 'Cơ quan', 'Trạng thái', 'Lần kiểm tra gần nhất', 'Độ trễ (ms)',
          'Lệch đồng hồ (ms)', 'Lỗi gần nhất', 'Hoạt động 24 giờ', 'Hoạt động 7 ngày', 'Hoạt động 30 ngày', 'Sự cố đang mở'],
          rows: answer.systems.map(s => [s.agencyCode, s.agencyName, s.state, s.lastCheckAt, s.lastLatencyMs, s.clockSkewMs,
            s.lastError, s.uptime.last24Hours, s.uptime.last7Days, s.uptime.last30Days, s.openIncidents.length])}));
    } catch (error) {
      problem(body, error);
    }
  };
  refresh();
  timer = setInterval(refresh, 10000);
  return () => clearInterval(timer);
}

// ---- Hồ sơ ---------------------------------------------------------------------------------------

async function renderExchanges(node) {
  const query = hashQuery();
  const body = el('div', {'aria-live': 'polite'}, 'Đang tải…');
  node.replaceChildren(el('section', {class: 'lgsp-page', 'data-lgsp-panel': 'exchanges'}, el('h2', {}, 'Hồ sơ điện tử'), body,
    el('p', {}, el('a', {href: '#/'}, '← Về bảng tổng quan'))));
  try {
    if (query.get('id')) {
      const answer = await load('/exchanges/' + encodeURIComponent(query.get('id')));
      body.replaceChildren(exchangeDetail(answer));
      return;
    }
    const answer = await load('/exchanges', {period: query.get('period'), agency: query.get('agency'),
      status: query.get('status'), overdue: query.get('overdue'), limit: 100});
    body.replaceChildren(table(answer.message, ['Hồ sơ', 'Trạng thái', 'Bên gửi', 'Bên nhận', 'Thủ tục', 'Tiếp nhận', 'Hạn'],
      answer.exchanges.map(x => el('tr', {'data-lgsp-row': 'exchange'},
        el('td', {}, link('/lgsp/ho-so', {id: x.exchangeId}, x.exchangeId, 'exchange')),
        el('td', {}, EXCHANGE_STATES[x.status] || x.status), el('td', {}, x.source), el('td', {}, x.destination),
        el('td', {}, x.procedureCode || ''), el('td', {}, when(x.createdAt)), el('td', {}, when(x.deadline))))));
  } catch (error) {
    problem(body, error);
  }
}

function exchangeDetail(answer) {
  const x = answer.exchange;
  return el('div', {'data-lgsp-exchange': x.exchangeId},
    el('dl', {class: 'dl-horizontal'},
      el('dt', {}, 'Mã hồ sơ'), el('dd', {}, x.exchangeId),
      el('dt', {}, 'Trạng thái'), el('dd', {'data-lgsp-value': 'status'}, EXCHANGE_STATES[x.status] || x.status),
      el('dt', {}, 'Bên gửi'), el('dd', {}, x.source), el('dt', {}, 'Bên nhận'), el('dd', {}, x.destination),
      el('dt', {}, 'Thủ tục'), el('dd', {}, x.procedureCode || '—'), el('dt', {}, 'Tuyến'), el('dd', {}, x.route || '—'),
      el('dt', {}, 'Tiếp nhận'), el('dd', {}, when(x.createdAt)), el('dt', {}, 'Hạn'), el('dd', {}, when(x.deadline)),
      el('dt', {}, 'Quy trình'), el('dd', {}, x.processInstanceId
        ? el('a', {href: '#/process-instance/' + encodeURIComponent(x.processInstanceId) + '/runtime',
          'data-lgsp-figure': 'process-instance'}, 'Mở phiên quy trình trong Cockpit')
        : '—')),
    table('Diễn biến', ['Thời điểm', 'Trạng thái', 'Nội dung'], answer.timeline.map(s => el('tr', {'data-lgsp-row': 'step'},
      el('td', {}, when(s.at)), el('td', {}, EXCHANGE_STATES[s.status] || s.status), el('td', {}, s.detail || '')))),
    table('Bản ghi giám sát (không có nội dung hồ sơ)', ['Thời điểm', 'Loại', 'Tuyến', 'Kết quả', 'Lỗi', 'Thời lượng'],
      answer.documents.map(d => el('tr', {'data-lgsp-row': 'document'},
        el('td', {}, when(d.timestamp)), el('td', {}, d.kind), el('td', {}, d.route || '—'), el('td', {}, d.code),
        el('td', {}, d.error || ''), el('td', {}, millis(d.durationMs))))));
}

// ---- Hồ sơ liên thông ----------------------------------------------------------------------------

const CASE_STATES = {RUNNING: 'Đang giải quyết', COMPLETED: 'Hoàn thành', ENDED: 'Đã dừng'};
const STEP_OUTCOMES = {
  PROCESSED: 'Đã xử lý', REFUSED: 'Từ chối', EXPIRED: 'Quá hạn', UNDELIVERABLE: 'Không chuyển được',
  COMPLETED: 'Đã làm', CANCELLED: 'Đã hủy', REQUESTED: 'Đã đặt gửi', SENT: 'Đã gửi', TEST: 'Thử nghiệm'
};

function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return 'đang làm';
  }
  if (seconds < 60) {
    return seconds + ' giây';
  }
  if (seconds < 3600) {
    return Math.round(seconds / 60) + ' phút';
  }
  return (Math.round(seconds / 360) / 10) + ' giờ';
}

function holder(c) {
  return c.heldBy ? c.heldByName + ' (' + c.heldBy + ')' : '—';
}

async function renderProcedureCases(node) {
  const query = hashQuery();
  const body = el('div', {'aria-live': 'polite'}, 'Đang tải…');
  node.replaceChildren(el('section', {class: 'lgsp-page', 'data-lgsp-panel': 'procedure-cases'},
    el('h2', {}, 'Hồ sơ liên thông'), body, el('p', {}, el('a', {href: '#/'}, '← Về bảng tổng quan'))));
  try {
    if (query.get('id')) {
      const answer = await load('/procedure-cases/' + encodeURIComponent(query.get('id')));
      body.replaceChildren(procedureCaseDetail(answer.cases[0]));
      return;
    }
    const answer = await load('/procedure-cases', {agency: query.get('agency')});
    body.replaceChildren(table(answer.message, ['Số hồ sơ', 'Thủ tục', 'Môi trường', 'Trạng thái', 'Đang ở', 'Từ lúc', 'Tiếp nhận'],
      answer.cases.map(c => el('tr', {'data-lgsp-row': 'procedure-case'},
        el('td', {}, link('/lgsp/lien-thong', {id: c.caseId}, c.caseNumber, 'procedure-case')),
        el('td', {}, c.procedure), el('td', {}, c.environment === 'TEST' ? 'Thử nghiệm' : 'Vận hành'),
        el('td', {}, CASE_STATES[c.status] || c.status), el('td', {'data-lgsp-value': 'held-by'}, holder(c)),
        el('td', {}, c.heldSince ? when(c.heldSince) : '—'), el('td', {}, when(c.startedAt))))));
  } catch (error) {
    problem(body, error);
  }
}

function procedureCaseDetail(c) {
  return el('div', {'data-lgsp-case': c.caseId},
    el('dl', {class: 'dl-horizontal'},
      el('dt', {}, 'Số hồ sơ'), el('dd', {}, c.caseNumber), el('dt', {}, 'Thủ tục'), el('dd', {}, c.procedure),
      el('dt', {}, 'Trạng thái'), el('dd', {'data-lgsp-value': 'status'}, CASE_STATES[c.status] || c.status),
      el('dt', {}, 'Đang ở'), el('dd', {}, holder(c)), el('dt', {}, 'Tiếp nhận'), el('dd', {}, when(c.startedAt)),
      el('dt', {}, 'Kết thúc'), el('dd', {}, c.endedAt ? when(c.endedAt) : '—')),
    table('Các bước của từng cơ quan (không có nội dung hồ sơ)', ['Cơ quan', 'Bước', 'Bắt đầu', 'Thời gian', 'Kết quả'],
      c.steps.map(s => el('tr', {'data-lgsp-row': 'case-step'},
        el('td', {}, s.agencyName + ' (' + s.agency + ')'), el('td', {}, s.step), el('td', {}, when(s.startedAt)),
        el('td', {}, duration(s.seconds)), el('td', {}, STEP_OUTCOMES[s.outcome] || s.outcome || '')))));
}

// ---- Sự cố: the incident log (Đ12.5) -------------------------------------------------------------

const SEVERITIES = {LOW: 'Thấp', MEDIUM: 'Trung bình', HIGH: 'Cao', CRITICAL: 'Nghiêm trọng'};
const INCIDENT_KINDS = {
  DOWN: 'Mất kết nối', SLOW: 'Chậm', DEGRADED: 'Suy giảm', EXCHANGE_FAILURE: 'Lỗi trao đổi hồ sơ',
  STAFF: 'Cán bộ báo', CLOCK_SKEW: 'Lệch đồng hồ'
};

function yesNo(at) {
  return at ? 'Có (' + when(at) + ')' : 'Chưa ghi nhận';
}

async function renderIncidents(node) {
  const query = hashQuery();
  const body = el('div', {'aria-live': 'polite'}, 'Đang tải…');
  node.replaceChildren(el('section', {class: 'lgsp-page', 'data-lgsp-panel': 'incidents'},
    el('h2', {}, 'Nhật ký sự cố'), body, el('p', {}, el('a', {href: '#/'}, '← Về bảng tổng quan'))));
  try {
    if (query.get('id')) {
      body.replaceChildren(incidentDetail(await load('/incidents/' + encodeURIComponent(query.get('id')))));
      return;
    }
    const answer = await load('/incidents', {agencyCode: query.get('agency'), status: query.get('status')});
    body.replaceChildren(table(answer.message, ['Phát hiện', 'Cơ quan', 'Loại', 'Mức độ', 'Trạng thái', 'Đã cô lập',
      'Đã sao lưu', 'Khắc phục', 'Báo cáo'],
      answer.incidents.map(i => el('tr', {'data-lgsp-row': 'incident', 'data-lgsp-incident': i.id},
        el('td', {}, link('/lgsp/su-co', {id: i.id}, when(i.openedAt), 'incident')), el('td', {}, i.agencyCode),
        el('td', {}, INCIDENT_KINDS[i.kind] || i.kind), el('td', {}, SEVERITIES[i.severity] || i.severity || '—'),
        el('td', {}, i.status === 'OPEN' ? 'Đang mở' : 'Đã khắc phục'), el('td', {}, yesNo(i.isolatedAt)),
        el('td', {}, yesNo(i.backedUpAt)), el('td', {}, i.resolvedAt ? when(i.resolvedAt) : '—'),
        el('td', {}, i.reportedAt ? when(i.reportedAt) : '—')))));
  } catch (error) {
    problem(body, error);
  }
}

function incidentDetail(answer) {
  const i = answer.incident;
  const report = answer.report;
  return el('div', {'data-lgsp-incident': i.id},
    el('dl', {class: 'dl-horizontal'},
      el('dt', {}, 'Cơ quan'), el('dd', {}, i.agencyCode), el('dt', {}, 'Loại'), el('dd', {}, INCIDENT_KINDS[i.kind] || i.kind),
      el('dt', {}, 'Mức độ'), el('dd', {'data-lgsp-value': 'severity'}, SEVERITIES[i.severity] || i.severity || '—'),
      el('dt', {}, 'Mô tả'), el('dd', {}, i.detail || ''), el('dt', {}, 'Phát hiện'), el('dd', {}, when(i.openedAt)),
      el('dt', {}, 'Khắc phục'), el('dd', {}, i.resolvedAt ? when(i.resolvedAt) : 'Chưa'),
      el('dt', {}, 'Đã cô lập'), el('dd', {'data-lgsp-value': 'isolated'}, yesNo(i.isolatedAt)),
      el('dt', {}, 'Sao lưu trước khi xử lý'), el('dd', {'data-lgsp-value': 'backed-up'}, yesNo(i.backedUpAt)),
      el('dt', {}, 'Nguyên nhân'), el('dd', {}, i.cause || '—')),
    table('Diễn biến', ['Thời điểm', 'Người thực hiện', 'Nội dung'],
      answer.log.map(e => el('tr', {'data-lgsp-row': 'incident-log'}, el('td', {}, when(e.at)), el('td', {}, e.actor),
        el('td', {}, e.action)))),
    report ? el('div', {'data-lgsp-value': 'report'}, el('h3', {}, 'Báo cáo sự cố'),
      el('p', {}, 'Gửi lúc ' + when(report.at) + ' bởi ' + report.by + ' đến ' + report.sentTo.join(', ')),
      el('pre', {}, report.text)) : el('p', {}, 'Chưa có báo cáo.'));
}

function navigation(path, text) {
  return node => node.replaceChildren(el('a', {href: '#' + path}, text));
}

export default [
  {id: 'lgsp-overview', pluginPoint: 'cockpit.dashboard', priority: 100, render: renderOverview,
    properties: {label: 'Toàn cảnh LGSP'}},
  {id: 'lgsp-transactions', pluginPoint: 'cockpit.route', render: renderTransactions,
    properties: {path: '/lgsp/giao-dich', label: 'Giao dịch'}},
  {id: 'lgsp-systems', pluginPoint: 'cockpit.route', render: renderSystems,
    properties: {path: '/lgsp/trang-thai', label: 'Trạng thái kết nối'}},
  {id: 'lgsp-exchanges', pluginPoint: 'cockpit.route', render: renderExchanges,
    properties: {path: '/lgsp/ho-so', label: 'Hồ sơ'}},
  {id: 'lgsp-procedure-cases', pluginPoint: 'cockpit.route', render: renderProcedureCases,
    properties: {path: '/lgsp/lien-thong', label: 'Hồ sơ liên thông'}},
  {id: 'lgsp-incidents', pluginPoint: 'cockpit.route', render: renderIncidents,
    properties: {path: '/lgsp/su-co', label: 'Sự cố'}},
  {id: 'lgsp-nav-incidents', pluginPoint: 'cockpit.navigation', priority: 45, render: navigation('/lgsp/su-co', 'Sự cố'),
    properties: {label: 'Sự cố', path: '/lgsp/su-co'}},
  {id: 'lgsp-nav-procedure-cases', pluginPoint: 'cockpit.navigation', priority: 50,
    render: navigation('/lgsp/lien-thong', 'Hồ sơ liên thông'), properties: {label: 'Hồ sơ liên thông', path: '/lgsp/lien-thong'}},
  {id: 'lgsp-nav-systems', pluginPoint: 'cockpit.navigation', priority: 60, render: navigation('/lgsp/trang-thai', 'Trạng thái kết nối'),
    properties: {label: 'Trạng thái kết nối', path: '/lgsp/trang-thai'}},
  {id: 'lgsp-nav-exchanges', pluginPoint: 'cockpit.navigation', priority: 55, render: navigation('/lgsp/ho-so', 'Hồ sơ'),
    properties: {label: 'Hồ sơ', path: '/lgsp/ho-so'}}
];
