#!/usr/bin/env node
// Third-party gRPC peer for Wirescope interop tests, built on the stock Node stack
// (@grpc/grpc-js + @grpc/proto-loader + @grpc/reflection) so that Wirescope meets the
// same wire and reflection behaviour real grpc-js servers show.
//
//   node server.js [--port N] [--host 127.0.0.1] [--tls CERT_PEM KEY_PEM] [--ignore-stdin]
//
// Prints exactly one line "LISTENING <port>" once bound. Exits on SIGTERM/SIGINT or when
// stdin closes (so a crashed parent test process does not leave the server behind).
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { ReflectionService } = require('@grpc/reflection');
const protobuf = require('protobufjs');

const SERVER_NAME = 'grpc-js';
const PEER_PROTO_DIR = path.resolve(__dirname, '../proto');
const RESOURCES_PROTO_DIR = path.resolve(__dirname, '../../../resources/proto');

function usage(message) {
  if (message) process.stderr.write(`server.js: ${message}\n`);
  process.stderr.write(
    'usage: node server.js [--port N] [--host HOST] [--tls CERT_PEM KEY_PEM] [--ignore-stdin]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { port: 0, host: '127.0.0.1', tls: null, watchStdin: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const need = (n) => {
      if (i + n >= argv.length) usage(`${arg} needs ${n} argument(s)`);
    };
    switch (arg) {
      case '--port':
        need(1);
        opts.port = Number(argv[++i]);
        if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
          usage(`bad port ${argv[i]}`);
        }
        break;
      case '--host':
        need(1);
        opts.host = argv[++i];
        break;
      case '--tls':
        need(2);
        opts.tls = { cert: argv[++i], key: argv[++i] };
        break;
      case '--ignore-stdin':
        // For manual runs in the background, where stdin is /dev/null and closes at once.
        opts.watchStdin = false;
        break;
      case '-h':
      case '--help':
        usage();
        break;
      default:
        usage(`unknown argument ${arg}`);
    }
  }
  return opts;
}

// keepCase: true (as in the grpc-node examples) also makes reflection serve the .proto's own
// field names; with false it would serve camelCase ones. longs: String keeps 64-bit values
// exact beyond 2^53; enums: String and defaults: false let Mirror hand back exactly what was
// decoded; oneofs: true only adds a virtual discriminator that fromObject ignores.
// Note protobufjs' bundled well-known types ignore keepCase: Any has type_url, Value has
// camelCase fields (numberValue, ...) whatever is chosen here.
const LOADER_OPTIONS = {
  keepCase: true,
  longs: String,
  enums: String,
  bytes: Buffer,
  defaults: false,
  oneofs: true,
  includeDirs: [PEER_PROTO_DIR, RESOURCES_PROTO_DIR],
};

const packageDefinition = protoLoader.loadSync('peer/v1/peer.proto', LOADER_OPTIONS);
const peerProto = grpc.loadPackageDefinition(packageDefinition).peer.v1;

// google.rpc.* is only needed to build grpc-status-details-bin; it is deliberately kept out
// of packageDefinition so reflection serves just what a typical grpc-js server serves.
const rpcRoot = new protobuf.Root().loadSync([
  path.join(RESOURCES_PROTO_DIR, 'google/rpc/status.proto'),
  path.join(RESOURCES_PROTO_DIR, 'google/rpc/error_details.proto'),
], { keepCase: true });
const RpcStatus = rpcRoot.lookupType('google.rpc.Status');
const ErrorInfo = rpcRoot.lookupType('google.rpc.ErrorInfo');
const BadRequest = rpcRoot.lookupType('google.rpc.BadRequest');

function packAny(type, fields) {
  return {
    type_url: `type.googleapis.com/${type.fullName.replace(/^\./, '')}`,
    value: type.encode(type.fromObject(fields)).finish(),
  };
}

function statusDetailsBin(code, message) {
  const status = RpcStatus.fromObject({
    code,
    message,
    details: [
      packAny(ErrorInfo, {
        reason: 'PEER_FAILURE',
        domain: 'peer.example',
        metadata: { server: SERVER_NAME },
      }),
      packAny(BadRequest, {
        field_violations: [{ field: 'code', description: 'always fails' }],
      }),
    ],
  });
  return Buffer.from(RpcStatus.encode(status).finish());
}

const HIDDEN_KEYS = new Set(['user-agent', 'content-type', 'te']);

function visibleMetadataKeys(metadata) {
  return Object.keys(metadata.getMap())
    .map((k) => k.toLowerCase())
    .filter((k) => !k.startsWith('grpc-') && !k.startsWith(':') && !HIDDEN_KEYS.has(k))
    .sort();
}

const handlers = {
  Echo(call, callback) {
    const headers = new grpc.Metadata();
    headers.set('x-peer', SERVER_NAME);
    const echo = call.metadata.get('x-echo');
    if (echo.length > 0) headers.set('x-echo', String(echo[0]));
    call.sendMetadata(headers);

    const trailers = new grpc.Metadata();
    trailers.set('x-trailer', 'done');
    callback(null, {
      text: `echo: ${call.request.text || ''}`,
      metadata_keys: visibleMetadataKeys(call.metadata),
    }, trailers);
  },

  Mirror(call, callback) {
    callback(null, call.request);
  },

  Fail(call, callback) {
    const code = call.request.code || grpc.status.INVALID_ARGUMENT;
    const message = call.request.message || '';
    const trailers = new grpc.Metadata();
    trailers.set('x-trailer', 'failed');
    trailers.set('grpc-status-details-bin', statusDetailsBin(code, message));
    callback({ code, details: message, metadata: trailers });
  },

  Slow(call, callback) {
    const timer = setTimeout(() => callback(null, {}), Math.max(0, call.request.delay_ms || 0));
    call.on('cancelled', () => clearTimeout(timer));
  },

  Ticks(call) {
    const count = call.request.count || 0;
    const interval = Math.max(0, call.request.interval_ms || 0);
    let seq = 0;
    let timer = null;
    const tick = () => {
      if (seq >= count) {
        call.end();
        return;
      }
      seq += 1;
      call.write({ seq: String(seq) });
      if (seq >= count) call.end();
      else timer = setTimeout(tick, interval);
    };
    call.on('cancelled', () => clearTimeout(timer));
    tick();
  },

  Collect(call, callback) {
    const names = [];
    let total = 0n; // quantities are int64 strings; BigInt keeps the sum exact
    call.on('data', (item) => {
      names.push(item.name || '');
      total += BigInt(item.quantity || 0);
    });
    call.on('end', () => {
      callback(null, { items: names.length, total_quantity: BigInt.asIntN(64, total).toString(), names });
    });
  },

  Chat(call) {
    call.on('data', (line) => call.write({ text: `re: ${line.text || ''}` }));
    call.on('end', () => call.end());
  },

  Big(call, callback) {
    const size = call.request.size || 0;
    if (size < 0) {
      callback({ code: grpc.status.INVALID_ARGUMENT, details: `negative size ${size}` });
      return;
    }
    const data = Buffer.allocUnsafe(size);
    for (let i = 0; i < size; i++) data[i] = i % 251;
    callback(null, { data });
  },
};

function main() {
  const opts = parseArgs(process.argv.slice(2));

  const server = new grpc.Server({
    // Big may be asked for several MB; receive stays at the grpc-js default (4 MiB).
    'grpc.max_send_message_length': 64 * 1024 * 1024,
  });
  server.addService(peerProto.PeerService.service, handlers);
  new ReflectionService(packageDefinition).addToServer(server);

  let credentials = grpc.ServerCredentials.createInsecure();
  if (opts.tls) {
    try {
      credentials = grpc.ServerCredentials.createSsl(null, [{
        cert_chain: fs.readFileSync(opts.tls.cert),
        private_key: fs.readFileSync(opts.tls.key),
      }], false);
    } catch (e) {
      process.stderr.write(`server.js: cannot use TLS files: ${e.message}\n`);
      process.exit(1);
    }
  }

  const host = opts.host.includes(':') && !opts.host.startsWith('[') ? `[${opts.host}]` : opts.host;
  server.bindAsync(`${host}:${opts.port}`, credentials, (err, port) => {
    if (err) {
      process.stderr.write(`server.js: bind failed: ${err.message}\n`);
      process.exit(1);
    }
    process.stdout.write(`LISTENING ${port}\n`);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.forceShutdown();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (opts.watchStdin) {
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.stdin.on('error', stop);
    process.stdin.resume(); // drain whatever the parent writes; we only care about EOF
  }
}

main();
