// Cockpit pages of the LGSP Hà Nội (R-17, R-20, Đ12.1): the overview on Cockpit's dashboard,
// the transactions behind each figure, the status board of connected systems and one record
// exchange's timeline. Figures come from /api/v1/monitoring, which decides on the server what the
// signed-in user may see; this page only shows what it is given. Data is always written with
// textContent, never parsed as HTML.

const API = '/api/v1/monitoring';
const ZONE = 'Asia/Ho_Chi_Minh';
const dateTime = new Intl.DateTimeFormat('vi-VN', {timeZone: ZONE, dateStyle: 'short', timeStyle: 'medium'});
const count = new Intl.NumberFormat('vi-VN');
const percent = new Intl.NumberFormat('vi-VN', {style: 'percent', maximumFractionDigits: 2});
const PERIODS = [['today', 'Hôm nay'], ['7d', '7 ngày qua'], ['30d', '30 ngày qua']];
const STATES = {UP: 'Hoạt động', SLOW: 'Chậm', DOWN: 'Mất kết nối', MAINTENANCE: 'Bảo trì', UNKNOWN: 'Chưa kiểm tra'};
const EXCHANGE_STATES = {
  ACCEPTED: 'Đã tiếp nhận', ROUTED: 'Đang chuyển', DELIVERED: 'Đã chuyển đến', COMPLETED: 'Hoàn thành',
  FAILED: 'Thất bại', EXPIRED: 'Quá hạn', CANCELLED: 'Đã hủy'
};

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

function table(caption, headers, rows) {
  return el('table', {class: 'table table-condensed table-striped lgsp-table'},
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {scope: 'col'}, h)))),
    el('tbody', {}, rows.length ? rows : [el('tr', {}, el('td', {colspan: headers.length}, 'Không có dữ liệu'))]));
}

function outcomeRows(rows, figure, params) {
  return rows.map(row => el('tr', {'data-lgsp-row': figure + ':' + row.key},
    el('td', {}, link('/lgsp/giao-dich', params(row), row.key, figure + ':' + row.key)),
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
  const refresh = async () => {
    figures.replaceChildren('Đang tải…');
    try {
      const answer = await load('/overview', {period: state.period, agency: state.agency});
      figures.replaceChildren(overview(answer, state));
    } catch (error) {
      problem(figures, error);
    }
  };
  node.replaceChildren(el('section', {class: 'lgsp-overview', 'data-lgsp-panel': 'overview'},
    el('h3', {}, 'Toàn cảnh LGSP'), controls(state, refresh), figures));
  refresh();
}

function overview(answer, state) {
  const t = answer.transactions;
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
  const exchanges = answer.exchanges;
  const statusRows = Object.entries(exchanges.byStatus).map(([status, n]) => el('tr', {'data-lgsp-row': 'exchange:' + status},
    el('td', {}, link('/lgsp/ho-so', {...base, status}, EXCHANGE_STATES[status] || status, 'exchange:' + status)),
    el('td', {'data-lgsp-value': 'count'}, count.format(n))));
  statusRows.push(el('tr', {'data-lgsp-row': 'exchange:overdue'},
    el('td', {}, link('/lgsp/ho-so', {agency: answer.agency, overdue: 'true'}, 'Quá hạn, chưa xong', 'exchange:overdue')),
    el('td', {'data-lgsp-value': 'count'}, count.format(exchanges.overdue))));
  return el('div', {},
    el('p', {class: 'lgsp-span'}, 'Từ ' + when(answer.period.from) + ' đến ' + when(answer.period.to)
      + (answer.agency ? ' — cơ quan ' + answer.agency : ' — tất cả cơ quan')),
    tiles,
    table('Giao dịch theo cơ quan gửi', ['Cơ quan', ...headers.slice(1)],
      outcomeRows(t.byAgency, 'agency', row => ({...base, source: row.key}))),
    table('Giao dịch theo tuyến', ['Tuyến', ...headers.slice(1)],
      outcomeRows(t.byRoute, 'route', row => ({...base, route: row.key}))),
    table('Giao dịch theo loại', ['Loại', ...headers.slice(1)],
      outcomeRows(t.byKind, 'kind', row => ({...base, kind: row.key}))),
    table('Gọi dịch vụ qua cổng theo dịch vụ', ['Dịch vụ', ...headers.slice(1)],
      outcomeRows(t.gatewayByService, 'service', row => ({...base, kind: 'gateway-call', service: row.key}))),
    table('Gọi dịch vụ qua cổng theo bên sử dụng', ['Bên sử dụng', ...headers.slice(1)],
      outcomeRows(t.gatewayByConsumer, 'consumer', row => ({...base, kind: 'gateway-call', source: row.key}))),
    table('Lỗi thường gặp nhất', ['Lỗi', 'Số lần'], t.topErrors.map(e => el('tr', {'data-lgsp-row': 'error:' + e.error},
      el('td', {}, link('/lgsp/giao-dich', {...base, code: '01', error: e.error}, e.error, 'error:' + e.error)),
      el('td', {'data-lgsp-value': 'count'}, count.format(e.count))))),
    table('Hồ sơ điện tử theo trạng thái', ['Trạng thái', 'Số hồ sơ'], statusRows),
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
      stamp.textContent = 'Cập nhật lúc ' + when(answer.at) + ' (tự làm mới mỗi 10 giây)';
      body.replaceChildren(table('Các hệ thống kết nối với LGSP',
        ['Cơ quan', 'Trạng thái', 'Lần kiểm tra gần nhất', 'Độ trễ', 'Lệch đồng hồ', 'Lỗi gần nhất', '24 giờ', '7 ngày',
          '30 ngày', 'Sự cố đang mở', 'Bảo trì đã báo'],
        answer.systems.map(s => el('tr', {'data-lgsp-system': s.agencyCode, 'data-lgsp-state': s.state},
          el('td', {}, el('strong', {}, s.agencyName), el('br'), s.agencyCode),
          el('td', {class: 'lgsp-state lgsp-state-' + String(s.state).toLowerCase()}, STATES[s.state] || s.state),
          el('td', {}, when(s.lastCheckAt)), el('td', {}, millis(s.lastLatencyMs)),
          el('td', {'data-lgsp-value': 'clockSkewMs'}, skew(s.clockSkewMs)), el('td', {}, s.lastError || ''),
          el('td', {}, share(s.uptime.last24Hours)), el('td', {}, share(s.uptime.last7Days)),
          el('td', {}, share(s.uptime.last30Days)),
          el('td', {}, s.openIncidents.length ? s.openIncidents.map(i => el('div', {}, i.kind + ': ' + i.detail)) : '—'),
          el('td', {}, s.maintenance.length
            ? s.maintenance.map(w => el('div', {}, when(w.startsAt) + ' – ' + when(w.endsAt) + ': ' + w.reason)) : '—')))));
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
  {id: 'lgsp-nav-procedure-cases', pluginPoint: 'cockpit.navigation', priority: 50,
    render: navigation('/lgsp/lien-thong', 'Hồ sơ liên thông'), properties: {label: 'Hồ sơ liên thông', path: '/lgsp/lien-thong'}},
  {id: 'lgsp-nav-systems', pluginPoint: 'cockpit.navigation', priority: 60, render: navigation('/lgsp/trang-thai', 'Trạng thái kết nối'),
    properties: {label: 'Trạng thái kết nối', path: '/lgsp/trang-thai'}},
  {id: 'lgsp-nav-exchanges', pluginPoint: 'cockpit.navigation', priority: 55, render: navigation('/lgsp/ho-so', 'Hồ sơ'),
    properties: {label: 'Hồ sơ', path: '/lgsp/ho-so'}}
];
