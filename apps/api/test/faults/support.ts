/** What the fault tests share: GraphQL over HTTP against a launched server, and waiting for a condition. */
export interface Answer {
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

export async function signIn(url: string, email = 'mediator@demo.test', password = 'mediate-demo'): Promise<string> {
  const answer = await gql(url, `mutation ($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { token } }`, { e: email, p: password });
  if (!answer.data?.signIn) throw new Error(`sign-in failed: ${JSON.stringify(answer.errors)}`);
  return answer.data.signIn.token as string;
}

/** Polls `check` every 100 ms until it holds; fails after `ms` naming what was awaited. */
export async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    let held = false;
    try {
      held = await check();
    } catch {
      held = false;
    }
    if (held) return;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
