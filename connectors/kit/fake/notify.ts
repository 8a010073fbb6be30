// How vendor fakes deliver a notification to a subscriber's callback URL: one POST of the exact bytes
// the vendor signs, answered within the vendor's timeout (an endpoint that does not answer in time
// counts as a failed delivery, as vendors count it).
export interface DeliveredNotification {
  status: number;
  body: string;
}

export async function deliverNotification(
  callbackUrl: string,
  request: { method?: string; headers: Record<string, string>; body?: string | Buffer; timeoutMs?: number },
): Promise<DeliveredNotification> {
  try {
    const answer = await fetch(callbackUrl, {
      method: request.method ?? 'POST',
      headers: request.headers,
      // A GET (an endpoint check such as Lucca's challenge) carries no body.
      body: request.body === undefined || typeof request.body === 'string' ? request.body : new Uint8Array(request.body),
      signal: AbortSignal.timeout(request.timeoutMs ?? 10_000),
    });
    return { status: answer.status, body: await answer.text() };
  } catch (err) {
    // Unreachable or too slow: the vendor records a failed delivery and goes on.
    return { status: 0, body: (err as Error).message };
  }
}
