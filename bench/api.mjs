// Set-up calls to a running app (load goes through autocannon): a JSON request, and the clear
// intake every benchmark client files.

export const CLEAR_INTAKE = {
  painAreas: ['upper-back', 'between-shoulder-blades', 'neck'],
  sensations: ['tight', 'stiff', 'aching'],
  onset: 'chronic',
  causes: ['posture', 'stress'],
  knots: true,
  stressLevel: 7,
  redFlags: { chestPain: false, radiatingPain: false, fever: false },
  pregnancy: { pregnant: false },
  preferences: { pressure: 'firm', likesScents: false },
};

export async function api(port, method, path, { body, token } = {}) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body: json ?? text };
}

/** Logs `email` in and files a clear intake; resolves { token, intake }. */
export async function clientWithIntake(port, email, password) {
  const login = await api(port, 'POST', '/api/v1/auth/login', { body: { email, password } });
  if (login.status !== 200) {
    throw new Error(`login ${email}: ${login.status} ${JSON.stringify(login.body)}`);
  }
  const token = login.body.accessToken;
  const answer = await api(port, 'POST', '/api/v1/intakes', { body: CLEAR_INTAKE, token });
  if (answer.status !== 201 || answer.body.status !== 'clear') {
    throw new Error(`intake: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
  return { token, intake: answer.body };
}
