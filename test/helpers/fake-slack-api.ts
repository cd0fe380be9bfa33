import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call or response_url post the fake received, with its decoded arguments. */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  response?: Record<string, unknown>;
}

type Handler = (args: Record<string, unknown>) => Record<string, unknown> | undefined;

/** A full response to a Web API call: HTTP status, headers, body, and a delay before sending it. */
export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
  delayMs?: number;
}

type AnswerHandler = (args: Record<string, unknown>, callNumber: number) => FakeAnswer | undefined;

/**
 * A stand-in for the Slack Web API on 127.0.0.1, which SLACK_API_URL points
 * at. It records every call, responds to the methods Slashdock uses the way
 * Slack does, and also serves response URLs and file upload URLs.
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  private readonly server: Server;
  private readonly overrides = new Map<string, Handler>();
  private readonly answerHandlers = new Map<string, AnswerHandler>();
  private readonly callCounts = new Map<string, number>();
  private readonly rateLimits = new Map<string, { intervalMs: number; perChannel: boolean }>();
  private readonly lastAllowedAt = new Map<string, number>();
  /** Number of 429 responses sent because a call came faster than `enforceRateLimit` allows. */
  rateLimitedAnswers = 0;
  private messageCounter = 0;

  constructor() {
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.listen(0, '127.0.0.1', resolve);
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }

  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The value for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A response_url for one slash command; posts to it are recorded as method `response_url`. */
  responseUrl(id: string): string {
    return `${this.baseUrl}/respond/${id}`;
  }

  /** Answers a method with a custom body instead of the default. */
  override(method: string, handler: Handler): void {
    this.overrides.set(method, handler);
  }

  /** Texts of the replies posted in threads, in order. */
  threadReplies(): string[] {
    return this.callsTo('chat.postMessage')
      .filter((call) => call.args.thread_ts !== undefined)
      .map((call) => String(call.args.text));
  }

  /** Texts of every status message version: the first post, then each update. */
  statusTexts(): string[] {
    return this.calls
      .filter(
        (call) =>
          call.method === 'chat.update' ||
          (call.method === 'chat.postMessage' && call.args.thread_ts === undefined),
      )
      .map((call) => String(call.args.text));
  }

  /**
   * Returns the value of the newest button with this action ID in a posted or
   * updated message, optionally only in messages whose text contains `textPart`.
   */
  latestButtonValue(actionId: string, textPart = ''): string | undefined {
    for (const call of [...this.calls].reverse()) {
      if (!String(call.args.text).includes(textPart)) {
        continue;
      }
      const blocks = call.args.blocks;
      const parsed: unknown = typeof blocks === 'string' ? JSON.parse(blocks) : blocks;
      if (!Array.isArray(parsed)) {
        continue;
      }
      for (const block of parsed as { elements?: { action_id?: string; value?: string }[] }[]) {
        const button = block.elements?.find((element) => element.action_id === actionId);
        if (button?.value !== undefined) {
          return button.value;
        }
      }
    }
    return undefined;
  }

  /** Content of every file uploaded through files.uploadV2. */
  uploadedFiles(): string[] {
    return this.callsTo('file_upload').map((call) => String(call.args.content));
  }

  /**
   * Answers calls to a method with full control (status, headers, delay);
   * the handler gets the call's number for this method, starting at 1, and
   * returns undefined to answer as usual.
   */
  answerWith(method: string, handler: AnswerHandler): void {
    this.answerHandlers.set(method, handler);
  }

  /**
   * Answers 429 with Retry-After: 1 to calls of a method that come sooner
   * than `intervalMs` after the last accepted one (per channel if asked),
   * as Slack does when an app goes over a method's limit.
   */
  enforceRateLimit(method: string, intervalMs: number, perChannel = false): void {
    this.rateLimits.set(method, { intervalMs, perChannel });
  }

  /** Forgets overrides, answer handlers and rate limits, keeping recorded calls. */
  resetAnswers(): void {
    this.overrides.clear();
    this.answerHandlers.clear();
    this.rateLimits.clear();
    this.callCounts.clear();
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', this.baseUrl);

    if (url.pathname.startsWith('/respond/')) {
      this.calls.push({
        method: 'response_url',
        args: JSON.parse(body.toString('utf8')) as Record<string, unknown>,
      });
      send(response, { ok: true });
      return;
    }
    if (url.pathname.startsWith('/upload/')) {
      this.calls.push({
        method: 'file_upload',
        args: { id: url.pathname.slice(8), content: body.toString('utf8') },
      });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      return;
    }

    const method = url.pathname.replace(/^\/api\//, '');
    const args = decodeArguments(request.headers['content-type'] ?? '', body);
    const call: RecordedCall = { method, args };
    this.calls.push(call);
    const callNumber = (this.callCounts.get(method) ?? 0) + 1;
    this.callCounts.set(method, callNumber);

    const answer =
      this.answerHandlers.get(method)?.(args, callNumber) ?? this.rateLimitAnswer(method, args);
    if (answer !== undefined) {
      if (answer.delayMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      }
      call.response = answer.body ?? { ok: false, error: 'fake_error' };
      response
        .writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers })
        .end(JSON.stringify(call.response));
      return;
    }

    call.response = this.overrides.get(method)?.(args) ?? this.defaultAnswer(method, args);
    send(response, call.response);
  }

  private rateLimitAnswer(method: string, args: Record<string, unknown>): FakeAnswer | undefined {
    const limit = this.rateLimits.get(method);
    if (limit === undefined) {
      return undefined;
    }
    const key = limit.perChannel ? `${method}:${String(args.channel)}` : method;
    const now = Date.now();
    const last = this.lastAllowedAt.get(key);
    if (last !== undefined && now - last < limit.intervalMs) {
      this.rateLimitedAnswers += 1;
      return {
        status: 429,
        headers: { 'retry-after': '1' },
        body: { ok: false, error: 'ratelimited' },
      };
    }
    this.lastAllowedAt.set(key, now);
    return undefined;
  }

  private defaultAnswer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'chat.postMessage': {
        this.messageCounter += 1;
        const ts = `1700000000.${String(this.messageCounter).padStart(6, '0')}`;
        return { ok: true, channel: args.channel, ts, message: { text: args.text, ts } };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(this.calls.length).padStart(8, '0')}`;
        return { ok: true, upload_url: `${this.baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: 'F1', title: 'file' }] };
      case 'auth.test':
        return { ok: true, team_id: 'T0001', user_id: 'UBOT', bot_id: 'BBOT' };
      default:
        return { ok: true };
    }
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
    });
    request.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

function decodeArguments(contentType: string, body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  if (contentType.includes('application/json')) {
    return JSON.parse(text) as Record<string, unknown>;
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = value;
  }
  return args;
}

function send(response: ServerResponse, body: Record<string, unknown>): void {
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
