// The demo frontend: plain ES module, no build step. It plays the real flow against the local stack:
// dev sign-in (upload-api), vehicles (vehicle-service), a batch of photos — presign (upload-api) and
// PUT straight to S3, a few at a time, each with its progress bar and a retry —, then each photo's
// status, placeholder and advice live from vehicle-service's stream, in the seller's order. The server
// decides; the checks here only answer sooner.

const config = await (await fetch('config.json')).json();
const $ = (id) => document.getElementById(id);
const REASONS = { // fallbacks; vehicle-service sends its own sentence with each rejection
  UNSUPPORTED_TYPE: 'This file is not a photo we can use.',
  TYPE_MISMATCH: 'The file is not the type its name says.',
  TOO_LARGE: 'The file is too large.',
  TOO_MANY_PIXELS: 'The picture has too many pixels.',
  CORRUPT_IMAGE: 'The picture is damaged and cannot be read.',
  UNPROCESSABLE: 'The picture could not be processed. Save it again as an ordinary JPEG and retry.',
  MALWARE_DETECTED: 'The file contains malware and was deleted.',
  EMPTY: 'The file is empty.',
  VEHICLE_NOT_FOUND: 'The vehicle no longer exists.',
};
let token = sessionStorage.getItem('token');
let user = sessionStorage.getItem('user');
let selected = null;
let stream = null;
const pending = new Map(); // photoId -> { name, vehicleId }, until vehicle-service lists the photo
let lastUpload = null;
let renders = 0; // lists of photos begun drawing, so that one a newer list overtook is dropped

$('max-size').textContent = `${Math.round(config.maxSize / 1024 / 1024)} MB`;

async function api(base, path, options = {}) {
  const response = await fetch(base + path, {
    ...options,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...options.headers },
  });
  if (response.status === 204) return null;
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || body.title || `The server answered ${response.status}.`);
  return body;
}
const vehiclesApi = (path, options) => api(config.vehiclesUrl, path, options);

function say(text, isError = false) {
  $('message').textContent = text;
  $('message').classList.toggle('error', isError);
}

function showSignedIn() {
  $('signin-section').hidden = !!token;
  $('account').hidden = !token;
  $('vehicle').hidden = !token || !selected;
  $('who').textContent = user || '';
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!config.devTokens) { say('Sign-in is only available in the local profile.', true); return; }
  const name = $('user').value.trim();
  const result = await api('', '/api/v1/dev/tokens', { method: 'POST', body: JSON.stringify({ sub: name }) });
  token = result.access_token;
  user = name;
  sessionStorage.setItem('token', token);
  sessionStorage.setItem('user', user);
  showSignedIn();
  await loadVehicles();
});

$('signout').addEventListener('click', () => {
  sessionStorage.clear();
  token = user = selected = null;
  stream?.abort();
  showSignedIn();
});

async function loadVehicles() {
  const page = await vehiclesApi('/api/v1/vehicles?size=100');
  const list = $('vehicles');
  list.replaceChildren(...page.items.map((v) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = `${v.make} ${v.model}${v.year ? ` (${v.year})` : ''}`;
    button.setAttribute('aria-pressed', String(selected?.id === v.id));
    button.addEventListener('click', () => select(v));
    item.append(button);
    return item;
  }));
  if (page.items.length === 0) list.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'No vehicles yet.' }));
}

$('vehicle-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { make: $('make').value.trim(), model: $('model').value.trim() };
  if ($('year').value) body.year = Number($('year').value);
  try {
    const vehicle = await vehiclesApi('/api/v1/vehicles', { method: 'POST', body: JSON.stringify(body) });
    event.target.reset();
    await loadVehicles();
    await select(vehicle);
  } catch (e) {
    say(e.message, true);
  }
});

async function select(vehicle) {
  selected = vehicle;
  $('vehicle-heading').textContent = `Photos of the ${vehicle.make} ${vehicle.model}`;
  showSignedIn();
  await loadVehicles();
  say('');
  renderUploads();
  render(await vehiclesApi(`/api/v1/vehicles/${vehicle.id}/photos`));
  listen(vehicle.id);
}

/**
 * Server-sent events through fetch, because EventSource cannot send the bearer token. A stream that
 * ends or breaks (a restarted instance, a proxy's timeout, the network) is opened again, after 1, 2, 4…
 * seconds; its first event is the whole list, so nothing that changed meanwhile is missed.
 */
async function listen(vehicleId) {
  stream?.abort();
  stream = new AbortController();
  const signal = stream.signal;
  for (let failures = 0; ; failures++) {
    try {
      const response = await fetch(`${config.vehiclesUrl}/api/v1/vehicles/${vehicleId}/photos/stream`,
        { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }, signal });
      if (response.status === 401) { say('Your session has ended; sign in again.', true); return; }
      if (response.status === 404) return; // the vehicle is gone
      if (!response.ok) throw new Error(`The server answered ${response.status}.`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, end).split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5)).join('\n');
          buffer = buffer.slice(end + 2);
          if (data && selected?.id === vehicleId) { failures = 0; render(JSON.parse(data)); }
        }
      }
    } catch (e) {
      // a broken stream is opened again below, like one that ended
    }
    if (signal.aborted) return;
    if (failures >= 5) { say('Live updates stopped; reload the page to see new states.', true); return; }
    await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** failures));
    if (signal.aborted) return;
  }
}

/**
 * Draws a list of the photos, the newest one received. The vehicle's lookup below may answer out of order:
 * a list that a newer one overtook while it waited is dropped, or the page would go back to an older state
 * and stay there until the next change.
 */
async function render(photos) {
  const turn = ++renders;
  photos.forEach((p) => pending.delete(p.id));
  const vehicle = await vehiclesApi(`/api/v1/vehicles/${selected.id}`);
  if (turn !== renders) return;
  const shown = [...photos, ...[...pending].filter(([, p]) => p.vehicleId === selected.id)
    .map(([id, p]) => ({ id, status: 'PROCESSING', name: p.name }))];
  $('photos').replaceChildren(...shown.map((p, index) => photoCard(p, index, vehicle.coverPhotoId, shown)));
  const last = photos.find((p) => p.status === 'REJECTED' && p.id === lastUpload);
  if (last) say(`Your photo was rejected: ${reason(last.rejection)}`, true);
  else if (photos.some((p) => p.status === 'READY' && p.id === lastUpload)) say('Your photo is ready.');
}

/**
 * ThumbHash → RGBA pixels ({ w, h, rgba }), at most 32 px on the long side: the format's decoder
 * (https://evanw.github.io/thumbhash/), for the placeholder painted until the thumbnail has loaded.
 */
function thumbHashPixels(hash) {
  const header24 = hash[0] | (hash[1] << 8) | (hash[2] << 16);
  const header16 = hash[3] | (hash[4] << 8);
  const lDc = (header24 & 63) / 63;
  const pDc = ((header24 >> 6) & 63) / 31.5 - 1;
  const qDc = ((header24 >> 12) & 63) / 31.5 - 1;
  const lScale = ((header24 >> 18) & 31) / 31;
  const hasAlpha = header24 >> 23;
  const pScale = ((header16 >> 3) & 63) / 63;
  const qScale = ((header16 >> 9) & 63) / 63;
  const landscape = header16 >> 15;
  const lx = Math.max(3, landscape ? (hasAlpha ? 5 : 7) : header16 & 7);
  const ly = Math.max(3, landscape ? header16 & 7 : (hasAlpha ? 5 : 7));
  const aDc = hasAlpha ? (hash[5] & 15) / 15 : 1;
  const aScale = (hash[5] >> 4) / 15;
  let index = 0;
  const start = hasAlpha ? 6 : 5;
  const channel = (nx, ny, scale) => {
    const ac = [];
    for (let cy = 0; cy < ny; cy++) {
      for (let cx = cy ? 0 : 1; cx * ny < nx * (ny - cy); cx++, index++) {
        ac.push((((hash[start + (index >> 1)] >> ((index & 1) << 2)) & 15) / 7.5 - 1) * scale);
      }
    }
    return ac;
  };
  const lAc = channel(lx, ly, lScale);
  const pAc = channel(3, 3, pScale * 1.25);
  const qAc = channel(3, 3, qScale * 1.25);
  const aAc = hasAlpha ? channel(5, 5, aScale) : null;
  const ratio = thumbHashRatio(hash);
  const w = Math.round(ratio > 1 ? 32 : 32 * ratio);
  const h = Math.round(ratio > 1 ? 32 / ratio : 32);
  const rgba = new Uint8ClampedArray(w * h * 4);
  const cxStop = Math.max(lx, hasAlpha ? 5 : 3);
  const cyStop = Math.max(ly, hasAlpha ? 5 : 3);
  const fx = new Float64Array(cxStop);
  const fy = new Float64Array(cyStop);
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i += 4) {
      let l = lDc, p = pDc, q = qDc, a = aDc;
      for (let cx = 0; cx < cxStop; cx++) fx[cx] = Math.cos(Math.PI / w * (x + 0.5) * cx);
      for (let cy = 0; cy < cyStop; cy++) fy[cy] = Math.cos(Math.PI / h * (y + 0.5) * cy);
      for (let cy = 0, j = 0; cy < ly; cy++) {
        for (let cx = cy ? 0 : 1, fy2 = fy[cy] * 2; cx * ly < lx * (ly - cy); cx++, j++) l += lAc[j] * fx[cx] * fy2;
      }
      for (let cy = 0, j = 0; cy < 3; cy++) {
        for (let cx = cy ? 0 : 1, fy2 = fy[cy] * 2; cx < 3 - cy; cx++, j++) {
          const f = fx[cx] * fy2;
          p += pAc[j] * f;
          q += qAc[j] * f;
        }
      }
      if (aAc) {
        for (let cy = 0, j = 0; cy < 5; cy++) {
          for (let cx = cy ? 0 : 1, fy2 = fy[cy] * 2; cx < 5 - cy; cx++, j++) a += aAc[j] * fx[cx] * fy2;
        }
      }
      const b = l - 2 / 3 * p;
      const r = (3 * l - b + q) / 2;
      const g = r - q;
      rgba[i] = 255 * r;
      rgba[i + 1] = 255 * g;
      rgba[i + 2] = 255 * b;
      rgba[i + 3] = 255 * a;
    }
  }
  return { w, h, rgba };
}

/** The width ÷ height a ThumbHash keeps, from its header. */
function thumbHashRatio(hash) {
  const header = hash[3];
  const hasAlpha = hash[2] & 0x80;
  const landscape = hash[4] & 0x80;
  const lx = landscape ? (hasAlpha ? 5 : 7) : header & 7;
  const ly = landscape ? header & 7 : (hasAlpha ? 5 : 7);
  return lx / ly;
}

/** Advice for the seller, never a rejection: one sentence for the first flag the processor raised. */
const ADVICE = {
  BLURRY: 'This photo looks blurry — retake it with a steady hand?',
  TOO_DARK: 'This photo looks dark — retake it in better light?',
  OVEREXPOSED: 'This photo looks washed out — retake it out of the glare?',
  LOW_RESOLUTION: 'This photo is small — a larger one shows the vehicle better.',
};
function advice(quality) {
  const known = (quality || []).find((q) => ADVICE[q.flag]);
  return known ? ADVICE[known.flag] : null;
}

/** The photo's placeholder as an image address: its ThumbHash drawn on a canvas the size of the hash. */
function placeholderUrl(base64) {
  const { w, h, rgba } = thumbHashPixels(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  const canvas = Object.assign(document.createElement('canvas'), { width: w, height: h });
  canvas.getContext('2d').putImageData(new ImageData(rgba, w, h), 0, 0);
  return canvas.toDataURL();
}

/** "taken 3 days ago with an Apple iPhone 15 Pro": the capture details, which only the owner is shown. */
function captured(capture) {
  if (!capture) return null;
  const parts = [];
  if (capture.takenAt) {
    const days = Math.floor((Date.now() - Date.parse(capture.takenAt)) / 86_400_000);
    parts.push(Number.isNaN(days) ? `taken ${capture.takenAt.slice(0, 10)}`
      : days < 1 ? 'taken today' : days === 1 ? 'taken yesterday' : days < 60 ? `taken ${days} days ago`
        : `taken ${capture.takenAt.slice(0, 10)}`);
  }
  // "Canon" and "Canon EOS R5" make "Canon EOS R5", not "Canon Canon EOS R5"
  const camera = capture.make && capture.model?.toLowerCase().startsWith(capture.make.toLowerCase())
    ? capture.model : [capture.make, capture.model].filter(Boolean).join(' ');
  if (camera) parts.push(`with ${/^[aeiou]/i.test(camera) ? 'an' : 'a'} ${camera}`);
  if (parts.length === 0) return null;
  const sentence = parts.join(' ');
  return `${sentence[0].toUpperCase()}${sentence.slice(1)} (only you see this).`;
}

function photoCard(photo, index, coverId, shown) {
  const item = document.createElement('li');
  item.className = 'photo';
  item.dataset.photoId = photo.id;
  item.dataset.status = photo.status;
  const label = `${selected.make} ${selected.model}, photo ${index + 1}`;
  const known = !photo.name; // not a local placeholder for an upload vehicle-service has not listed yet
  if (known) {
    item.dataset.ordered = 'true';
    item.draggable = true;
  }
  if (photo.status === 'READY') {
    const thumb = photo.variants.find((v) => v.variant === '320') || photo.original;
    const large = photo.variants.find((v) => v.variant === '1600') || photo.original;
    const link = Object.assign(document.createElement('a'), { href: large.url, target: '_blank', rel: 'noopener' });
    const img = Object.assign(document.createElement('img'), { alt: label, width: thumb.width, height: thumb.height });
    if (photo.placeholder) {
      // the blurred likeness (over the dominant colour) until the thumbnail itself has arrived
      img.style.background = `${photo.dominantColor || '#ccc'} center / cover no-repeat url(${placeholderUrl(photo.placeholder)})`;
      img.dataset.placeholder = 'painted';
      img.addEventListener('load', () => { img.style.background = ''; img.dataset.placeholder = 'replaced'; }, { once: true });
    }
    img.src = thumb.url;
    link.append(img);
    item.append(link);
  }
  const status = document.createElement('p');
  status.append(Object.assign(document.createElement('span'), { className: `status status-${photo.status}`, textContent: photo.status }));
  if (photo.id === coverId) status.append(Object.assign(document.createElement('span'), { className: 'cover', textContent: 'Cover' }));
  item.append(status);
  const tip = photo.status === 'READY' ? advice(photo.quality) : null;
  if (tip) item.append(Object.assign(document.createElement('p'), { className: 'advice', textContent: tip }));
  const twin = photo.duplicateOf ? shown.findIndex((p) => p.id === photo.duplicateOf) : -1;
  if (twin >= 0) {
    item.append(Object.assign(document.createElement('p'), {
      className: 'duplicate', textContent: `This looks like photo ${twin + 1} again — delete one of them?` }));
  }
  const taken = photo.status === 'READY' ? captured(photo.capture) : null;
  if (taken) item.append(Object.assign(document.createElement('p'), { className: 'captured', textContent: taken }));
  if (photo.status === 'PROCESSING') item.append(Object.assign(document.createElement('p'), { textContent: 'Checking the photo…' }));
  if (photo.status === 'REJECTED') {
    item.append(Object.assign(document.createElement('p'), {
      className: 'reason', textContent: reason(photo.rejection) }));
  }
  if (photo.status === 'READY' && photo.id !== coverId) {
    item.append(button('Make cover', `Make ${label} the cover`, async () => {
      await vehiclesApi(`/api/v1/vehicles/${selected.id}/photos/${photo.id}/primary`, { method: 'PUT' });
      render(await vehiclesApi(`/api/v1/vehicles/${selected.id}/photos`));
    }));
  }
  const placed = shown.filter((p) => !p.name).length; // the photos vehicle-service orders
  if (known && index > 0) item.append(button('Earlier', `Move ${label} earlier`, () => move(photo.id, -1)));
  if (known && index < placed - 1) item.append(button('Later', `Move ${label} later`, () => move(photo.id, 1)));
  if (photo.status !== 'PROCESSING') {
    item.append(button('Delete', `Delete ${label}`, async () => {
      await vehiclesApi(`/api/v1/vehicles/${selected.id}/photos/${photo.id}`, { method: 'DELETE' });
      say('The photo was deleted.');
      render(await vehiclesApi(`/api/v1/vehicles/${selected.id}/photos`));
    }));
  }
  return item;
}

/** The server's sentence for people; the local wording only if it sent none. */
function reason(rejection) {
  return rejection.message || REASONS[rejection.reason] || 'The photo was rejected.';
}

function button(text, label, action) {
  const b = Object.assign(document.createElement('button'), { type: 'button', textContent: text });
  b.setAttribute('aria-label', label);
  b.addEventListener('click', () => action().catch((e) => say(e.message, true)));
  return b;
}

/**
 * The declared type: the browser's, or — where the browser names none, as Chrome and Firefox do for
 * HEIC outside Apple's systems — the one its extension implies. The processor checks the bytes anyway.
 */
const BY_EXTENSION = { heic: 'image/heic', heif: 'image/heif', avif: 'image/avif', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
function typeOf(file) {
  return file.type || BY_EXTENSION[(file.name.split('.').pop() || '').toLowerCase()] || '';
}

/**
 * A seller's batch: every chosen or dropped file is checked here first (type, size), then uploaded a
 * few at a time (the "Uploads at a time" setting) — presign, then PUT straight to S3 with its own
 * progress bar. A PUT that fails is tried once more by itself, then waits for the seller's Retry;
 * a refused or rejected file never stops the others. Each upload leaves this list when S3 has it: its
 * photo appears below, PROCESSING, then READY or REJECTED as vehicle-service announces it.
 */
const uploads = [];
let uploadKeys = 0;
let uploading = 0;

function quickCheck(file, type) {
  if (!config.contentTypes.includes(type)) return `"${file.name}" is not a JPEG, PNG, WebP, HEIC or AVIF photo.`;
  if (file.size === 0) return `"${file.name}" is empty.`;
  if (file.size > config.maxSize) return `"${file.name}" is larger than ${$('max-size').textContent}.`;
  return null;
}

function addFiles(files) {
  if (!selected) return;
  for (const file of files) {
    const type = typeOf(file);
    const refusal = quickCheck(file, type);
    uploads.push({ key: ++uploadKeys, file, type, vehicleId: selected.id,
      state: refusal ? 'refused' : 'waiting', error: refusal, percent: 0, attempts: 0 });
    if (refusal) say(refusal, true);
  }
  renderUploads();
  pump();
}

function concurrency() {
  const wanted = Number($('concurrency').value);
  return Number.isInteger(wanted) && wanted >= 1 ? Math.min(wanted, 6) : 3;
}

function pump() {
  while (uploading < concurrency()) {
    const next = uploads.find((u) => u.state === 'waiting');
    if (!next) break;
    uploading++;
    send(next).finally(() => { uploading--; pump(); });
  }
  overallProgress();
}

async function send(entry) {
  entry.state = 'uploading';
  entry.attempts++;
  entry.error = null;
  renderUploads();
  try {
    const presign = await api('', '/api/v1/uploads', { method: 'POST', body: JSON.stringify({
      vehicleId: entry.vehicleId, filename: entry.file.name, contentType: entry.type, contentLength: entry.file.size }) });
    await put(presign.upload, entry.file, (percent) => { entry.percent = percent; showProgress(entry); });
    entry.state = 'uploaded';
    entry.percent = 100;
    lastUpload = presign.photoId;
    pending.set(presign.photoId, { name: entry.file.name, vehicleId: entry.vehicleId });
    say(`"${entry.file.name}" is uploaded; checking it…`);
    if (selected?.id === entry.vehicleId) render(await vehiclesApi(`/api/v1/vehicles/${selected.id}/photos`));
  } catch (e) {
    entry.percent = 0;
    if (entry.attempts < 2) {
      // once more by itself, after a moment: most network failures are brief
      entry.state = 'retrying';
      entry.error = `${e.message} Trying again…`;
      setTimeout(() => { entry.state = 'waiting'; pump(); }, 1000);
    } else {
      entry.state = 'failed';
      entry.error = e.message;
    }
  }
  renderUploads();
}

function retry(entry) {
  entry.state = 'waiting';
  entry.attempts = 0;
  pump();
}

function overallProgress() {
  const counted = uploads.filter((u) => u.state !== 'refused' && u.vehicleId === selected?.id);
  const total = counted.reduce((sum, u) => sum + u.file.size, 0);
  const sent = counted.reduce((sum, u) => sum + u.file.size * u.percent / 100, 0);
  $('progress').value = total === 0 ? 0 : Math.round(100 * sent / total);
}

function showProgress(entry) {
  const bar = document.getElementById(`upload-progress-${entry.key}`);
  if (bar) bar.value = entry.percent;
  overallProgress();
}

function renderUploads() {
  const shown = uploads.filter((u) => u.state !== 'uploaded' && u.vehicleId === selected?.id);
  $('uploads').replaceChildren(...shown.map((u) => {
    const item = Object.assign(document.createElement('li'), { className: 'upload' });
    item.dataset.state = u.state;
    item.dataset.file = u.file.name;
    const id = `upload-progress-${u.key}`;
    item.append(Object.assign(document.createElement('label'), { htmlFor: id, textContent: `${u.file.name} — ${UPLOAD_STATES[u.state]}` }));
    item.append(Object.assign(document.createElement('progress'), { id, max: 100, value: u.percent }));
    if (u.state === 'failed') item.append(button('Retry', `Retry ${u.file.name}`, async () => retry(u)));
    else item.append(document.createElement('span'));
    if (u.error) item.append(Object.assign(document.createElement('p'), { className: 'upload-error', textContent: u.error }));
    return item;
  }));
  overallProgress();
}
const UPLOAD_STATES = { waiting: 'waiting', uploading: 'uploading', retrying: 'failed, trying again', failed: 'failed', refused: 'not sent' };

$('upload-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const files = [...$('photo').files];
  if (files.length === 0) { say('Choose a photo first.', true); return; }
  $('photo').value = '';
  addFiles(files);
});
$('upload-form').addEventListener('dragover', (event) => { event.preventDefault(); event.currentTarget.classList.add('dropping'); });
$('upload-form').addEventListener('dragleave', (event) => event.currentTarget.classList.remove('dropping'));
$('upload-form').addEventListener('drop', (event) => {
  event.preventDefault();
  event.currentTarget.classList.remove('dropping');
  if (event.dataTransfer.files.length > 0) addFiles([...event.dataTransfer.files]);
});

/** XMLHttpRequest, not fetch, because only it reports upload progress. */
function put(upload, file, progress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(upload.method, upload.url);
    Object.entries(upload.headers).forEach(([name, value]) => request.setRequestHeader(name, value));
    request.upload.addEventListener('progress', (e) => { if (e.lengthComputable) progress(Math.round(100 * e.loaded / e.total)); });
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) { progress(100); resolve(); }
      else reject(new Error(`Storage refused the upload (${request.status}).`));
    });
    request.addEventListener('error', () => reject(new Error('The upload failed: network error.')));
    request.send(file);
  });
}

/** The seller's order, kept by vehicle-service; photos still uploading keep their place at the end. */
async function reorder(ids) {
  await vehiclesApi(`/api/v1/vehicles/${selected.id}/photos/order`, { method: 'PUT', body: JSON.stringify({ photoIds: ids }) });
  render(await vehiclesApi(`/api/v1/vehicles/${selected.id}/photos`));
}

function orderedIds() {
  return [...$('photos').querySelectorAll('li.photo[data-ordered]')].map((li) => li.dataset.photoId);
}

function move(id, offset) {
  const ids = orderedIds();
  const from = ids.indexOf(id);
  const to = from + offset;
  if (from < 0 || to < 0 || to >= ids.length) return Promise.resolve();
  ids.splice(to, 0, ...ids.splice(from, 1));
  return reorder(ids);
}

let dragged = null;
$('photos').addEventListener('dragstart', (event) => {
  const card = event.target.closest('li.photo[data-ordered]');
  if (!card) return;
  dragged = card.dataset.photoId;
  event.dataTransfer.effectAllowed = 'move';
  event.dataTransfer.setData('text/plain', dragged);
});
$('photos').addEventListener('dragover', (event) => {
  const card = event.target.closest('li.photo[data-ordered]');
  if (!card || !dragged) return;
  event.preventDefault();
  document.querySelectorAll('.drop-target').forEach((c) => c.classList.remove('drop-target'));
  card.classList.add('drop-target');
});
$('photos').addEventListener('drop', (event) => {
  const card = event.target.closest('li.photo[data-ordered]');
  document.querySelectorAll('.drop-target').forEach((c) => c.classList.remove('drop-target'));
  if (!card || !dragged) return;
  event.preventDefault();
  const ids = orderedIds().filter((id) => id !== dragged);
  ids.splice(ids.indexOf(card.dataset.photoId), 0, dragged); // before the card it was dropped on
  dragged = null;
  reorder(ids).catch((e) => say(e.message, true));
});
$('photos').addEventListener('dragend', () => { dragged = null; });

showSignedIn();
if (token) loadVehicles().catch(() => { sessionStorage.clear(); token = null; showSignedIn(); });
