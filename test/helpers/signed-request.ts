import { createHmac } from 'node:crypto';

export interface SlashCommandFields {
  text: string;
  userId?: string;
  teamId?: string;
  channelId?: string;
  responseUrl: string;
}

export interface SignedRequestOptions {
  signingSecret: string;
  /** Seconds since the epoch written into the signature; defaults to now. */
  timestamp?: number;
}

/** Form body of a `/docker` slash command as Slack sends it. */
export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: fields.teamId ?? 'T0001',
    team_domain: 'acme',
    channel_id: fields.channelId ?? 'C0001',
    channel_name: 'builds',
    user_id: fields.userId ?? 'U0001',
    user_name: 'dev',
    command: '/docker',
    text: fields.text,
    api_app_id: 'A0001',
    response_url: fields.responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

/** Headers Slack signs a request with: v0 HMAC-SHA256 over `v0:timestamp:body`. */
export function signatureHeaders(
  body: string,
  options: SignedRequestOptions,
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', options.signingSecret)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex');
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${signature}`,
  };
}

/** Posts a body to the app's events endpoint and returns the status and the response text. */
export async function postToApp(
  port: number,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    body,
    headers,
  });
  return { status: response.status, text: await response.text() };
}

export interface ButtonClickFields {
  actionId: string;
  value: string;
  userId: string;
  channelId?: string;
  messageTs?: string;
  responseUrl: string;
}

/** Form body of a Block Kit button click (`block_actions`) as Slack sends it. */
export function buttonClickBody(fields: ButtonClickFields): string {
  const payload = {
    type: 'block_actions',
    api_app_id: 'A0001',
    token: 'deprecated-verification-token',
    trigger_id: '4.5.6',
    team: { id: 'T0001', domain: 'acme' },
    user: { id: fields.userId, username: 'someone', team_id: 'T0001' },
    channel: { id: fields.channelId ?? 'C0001', name: 'builds' },
    container: {
      type: 'message',
      message_ts: fields.messageTs ?? '1700000000.000001',
      channel_id: fields.channelId ?? 'C0001',
      is_ephemeral: false,
    },
    response_url: fields.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: 'actions',
        value: fields.value,
        text: { type: 'plain_text', text: 'Cancel' },
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
