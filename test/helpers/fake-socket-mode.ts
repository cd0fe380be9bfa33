import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** An acknowledgement the app sent back for one envelope. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/**
 * Slack's Socket Mode endpoint on 127.0.0.1: the fake Web API hands its URL
 * out from apps.connections.open, the app connects, gets `hello`, and then
 * receives envelopes and acknowledges them over the socket.
 */
export class FakeSocketMode {
  private readonly server: WebSocketServer;
  private socket: WebSocket | undefined;
  private readonly acks = new Map<string, (ack: SocketAck) => void>();
  private connectedWaiters: (() => void)[] = [];

  constructor() {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data: Buffer) => {
        const ack = JSON.parse(data.toString('utf8')) as SocketAck;
        this.acks.get(ack.envelope_id)?.(ack);
      });
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'fake-socket-mode', approximate_connection_time: 3600 },
          connection_info: { app_id: 'A0001' },
        }),
      );
      for (const resolve of this.connectedWaiters) {
        resolve();
      }
      this.connectedWaiters = [];
    });
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/`;
  }

  /** Resolves once the app has connected. */
  connected(): Promise<void> {
    if (this.socket !== undefined) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.connectedWaiters.push(resolve);
    });
  }

  /** Sends a slash command envelope and resolves with the app's acknowledgement. */
  sendSlashCommand(payload: Record<string, unknown>): Promise<SocketAck> {
    const envelopeId = randomUUID();
    const acknowledged = new Promise<SocketAck>((resolve) => {
      this.acks.set(envelopeId, resolve);
    });
    this.socket?.send(
      JSON.stringify({
        envelope_id: envelopeId,
        payload,
        type: 'slash_commands',
        accepts_response_payload: true,
      }),
    );
    return acknowledged;
  }

  async stop(): Promise<void> {
    for (const client of this.server.clients) {
      client.terminate();
    }
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }
}
