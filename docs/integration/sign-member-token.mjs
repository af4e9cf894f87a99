// Signs a Cradle member token, as a brand's system does before opening a member page.
//
//   node sign-member-token.mjs --workspace WORKSPACE_ID --secret SECRET --member M-1 \
//     [--due-date 2027-05-01] [--hours 1]
//
// Prints the token; open https://cradle.example/c/{slug}?t={token}. The owner finds the workspace
// id and the secret on Cradle's "Integration" page (or GET /api/integration/member-secret).
// Node's standard library only.
import { createHmac } from 'node:crypto';
import { parseArgs } from 'node:util';

/** hex(claims JSON) "." hex(HMAC-SHA256(secret, "member:" + hex(claims JSON))) */
export function sign(secret, claims) {
  const payload = Buffer.from(JSON.stringify(claims)).toString('hex');
  const mac = createHmac('sha256', secret).update(`member:${payload}`).digest('hex');
  return `${payload}.${mac}`;
}

const { values } = parseArgs({
  options: {
    workspace: { type: 'string' },
    secret: { type: 'string' },
    member: { type: 'string' },
    'due-date': { type: 'string' },
    hours: { type: 'string', default: '1' },
  },
});
for (const name of ['workspace', 'secret', 'member']) {
  if (!values[name]) {
    console.error(`--${name} is required`);
    process.exit(2);
  }
}
const claims = {
  workspace_id: values.workspace,
  member: values.member,
  expires_at: Date.now() + Number(values.hours) * 3600 * 1000,
};
if (values['due-date']) claims.due_date = values['due-date'];
console.log(sign(values.secret, claims));
