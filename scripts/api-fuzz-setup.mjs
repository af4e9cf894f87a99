// Prepares what the API fuzz run needs on a fresh server: the owner's session, a published wheel
// page (so member routes reach their logic) and a demo member's session on it. Prints shell
// assignments (sessions, and the ids the fuzzer's path parameters use). Usage: node api-fuzz-setup.mjs BASE_URL EMAIL PASSWORD
const [base, email, password] = process.argv.slice(2);

async function call(method, path, body, headers = {}) {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return { json, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] };
}

const login = await call('POST', '/api/auth/login', { email, password });
const owner = { cookie: login.cookie, 'x-csrf-token': login.json.csrf_token };
const created = await call('POST', '/api/documents', { title: '幸运转盘', slug: 'wheel', template: 'wheel-campaign' }, owner);
await call('POST', `/api/documents/${created.json.id}/publish`, { version: created.json.version }, owner);
const demo = await call('POST', '/api/member/demo', { slug: 'wheel' });
const campaign = created.json.document.campaigns?.[0]?.id ?? '';
console.log(`DOCUMENT_ID='${created.json.id}'`);
console.log(`CAMPAIGN_ID='${campaign}'`);
console.log(`OWNER_COOKIE='${login.cookie}'`);
console.log(`OWNER_CSRF='${login.json.csrf_token}'`);
console.log(`MEMBER_COOKIE='${demo.cookie}'`);
console.log(`MEMBER_CSRF='${demo.json.csrf}'`);
