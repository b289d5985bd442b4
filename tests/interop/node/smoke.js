#!/usr/bin/env node
// Smoke test for an interop peer: calls every peer.v1.PeerService method with a grpc-js
// client and dumps what server reflection answers. By default it starts server.js itself
// (and checks it exits when its stdin closes); --target tests a peer that already runs,
// e.g. another implementation of peer.proto.
//
//   node smoke.js [--tls CA_PEM CERT_PEM KEY_PEM]
//   node smoke.js --target HOST:PORT [--ca CA_PEM] [--server-name NAME]
'use strict';

const assert = require('assert');
const path = require('path');
const fs = require('fs');
const { spawn } = require('child_process');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');
const descriptor = require('protobufjs/ext/descriptor');

const PEER_PROTO_DIR = path.resolve(__dirname, '../proto');
const RESOURCES_PROTO_DIR = path.resolve(__dirname, '../../../resources/proto');
// @grpc/reflection ships both reflection protos; using them avoids a second copy here.
const REFLECTION_PROTO_DIR = path.join(
  path.dirname(require.resolve('@grpc/reflection/package.json')), 'build/proto');

const LOADER_OPTIONS = {
  keepCase: true,
  longs: String,
  enums: String,
  bytes: Buffer,
  defaults: false,
  oneofs: true,
  includeDirs: [PEER_PROTO_DIR, RESOURCES_PROTO_DIR],
};

function parseArgs(argv) {
  const opts = { tls: null, target: null, ca: null, serverName: 'grpc-js' };
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case '--tls': opts.tls = { ca: argv[++i], cert: argv[++i], key: argv[++i] }; break;
      case '--target': opts.target = argv[++i]; break;
      case '--ca': opts.ca = argv[++i]; break;
      case '--server-name': opts.serverName = argv[++i]; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return opts;
}

const packageDefinition = protoLoader.loadSync('peer/v1/peer.proto', LOADER_OPTIONS);
const peer = grpc.loadPackageDefinition(packageDefinition).peer.v1;
const MirrorMethod = packageDefinition['peer.v1.PeerService'].Mirror;

const rpcRoot = new protobuf.Root().loadSync([
  path.join(RESOURCES_PROTO_DIR, 'google/rpc/status.proto'),
  path.join(RESOURCES_PROTO_DIR, 'google/rpc/error_details.proto'),
], { keepCase: true });

function startServer(tls) {
  const args = [path.join(__dirname, 'server.js')];
  if (tls) args.push('--tls', tls.cert, tls.key);
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /^LISTENING (\d+)\n/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
}

const unary = (client, method, request, options = {}) => new Promise((resolve) => {
  const result = {};
  const call = client[method](request, options.metadata || new grpc.Metadata(),
    options.callOptions || {}, (err, response) => {
      Object.assign(result, { err, response });
    });
  call.on('metadata', (md) => { result.headers = md; });
  call.on('status', (status) => { result.status = status; resolve(result); });
});

function collect(stream) {
  return new Promise((resolve) => {
    const items = [];
    let err = null;
    stream.on('data', (d) => items.push(d));
    stream.on('error', (e) => { err = e; });
    stream.on('status', (status) => resolve({ items, err, status }));
  });
}

// Values no double can hold, every well-known type, a oneof and a map. Struct/Value use
// camelCase and Any type_url: protobufjs' bundled well-known types ignore keepCase.
function everything() {
  return {
    text: 'héllo \u0000 wörld',
    big_signed: '-9223372036854775808',
    big_unsigned: '18446744073709551615',
    zigzag: '-9007199254740993',
    fixed: '9007199254740993',
    blob: Buffer.from([0, 1, 2, 250, 255]),
    kind: 'KIND_LARGE',
    inners: [{ label: 'a', weight: '9223372036854775807' }, { label: 'b' }],
    counters: { x: '-1', y: '12345678901234567' },
    name: 'chosen',
    when: { seconds: '1700000000', nanos: 123456789 },
    took: { seconds: '-3', nanos: -500 },
    attributes: {
      fields: {
        n: { numberValue: 1.5 },
        s: { stringValue: 'str' },
        b: { boolValue: true },
        z: { nullValue: 'NULL_VALUE' },
        l: { listValue: { values: [{ numberValue: 1 }, { stringValue: 'two' }] } },
        o: { structValue: { fields: { inner: { boolValue: false } } } },
      },
    },
    value: { stringValue: 'a value' },
    list: { values: [{ nullValue: 'NULL_VALUE' }, { numberValue: -0.25 }] },
    extra: {
      type_url: 'type.googleapis.com/peer.v1.Inner',
      value: Buffer.from([0x0a, 0x01, 0x71, 0x10, 0x2a]), // Inner{label:"q", weight:42}
    },
    mask: { paths: ['text', 'inners.label'] },
    nothing: {},
    maybe_text: { value: '' },
    maybe_big: { value: '-9223372036854775807' },
    maybe_unsigned: { value: '18446744073709551615' },
    maybe_int: { value: -2147483648 },
    maybe_uint: { value: 4294967295 },
    maybe_bool: { value: false },
    maybe_double: { value: 1e308 },
    maybe_float: { value: 1.5 },
    maybe_bytes: { value: Buffer.from('bytes') },
  };
}

async function checkEcho(client, serverName) {
  const md = new grpc.Metadata();
  md.set('x-echo', 'ping');
  md.set('x-Custom', 'c');
  md.set('x-data-bin', Buffer.from([1, 2, 3]));
  const r = await unary(client, 'Echo', { text: 'hi' }, { metadata: md });
  assert.ifError(r.err);
  assert.strictEqual(r.response.text, 'echo: hi');
  assert.deepStrictEqual(r.headers.get('x-peer'), [serverName]);
  assert.deepStrictEqual(r.headers.get('x-echo'), ['ping']);
  assert.deepStrictEqual(r.status.metadata.get('x-trailer'), ['done']);
  for (const k of ['x-custom', 'x-data-bin', 'x-echo']) assert.ok(r.response.metadata_keys.includes(k), k);
  console.log('Echo ok; metadata_keys =', JSON.stringify(r.response.metadata_keys));

  const plain = await unary(client, 'Echo', {});
  assert.strictEqual(plain.response.text, 'echo: ');
  assert.deepStrictEqual(plain.headers.get('x-echo'), []);
}

async function checkMirror(client, rawClient) {
  const request = everything();
  const r = await unary(client, 'Mirror', request);
  assert.ifError(r.err);
  const got = r.response;
  for (const k of ['big_signed', 'big_unsigned', 'zigzag', 'fixed', 'kind', 'name', 'choice']) {
    console.log(`  Mirror ${k} = ${JSON.stringify(got[k])}`);
  }
  assert.strictEqual(got.big_signed, request.big_signed);
  assert.strictEqual(got.big_unsigned, request.big_unsigned);
  assert.strictEqual(got.zigzag, request.zigzag);
  assert.strictEqual(got.fixed, request.fixed);
  assert.strictEqual(got.maybe_unsigned.value, request.maybe_unsigned.value);
  assert.strictEqual(got.choice, 'name');
  assert.ok(got.blob.equals(request.blob));
  assert.ok(got.extra.value.equals(request.extra.value));
  assert.strictEqual(got.extra.type_url, request.extra.type_url);
  assert.deepStrictEqual(got.counters, request.counters);
  assert.strictEqual(got.attributes.fields.l.listValue.values[1].stringValue, 'two');

  // Byte-for-byte: what goes out must come back unchanged.
  const bytes = MirrorMethod.requestSerialize(request);
  const raw = await new Promise((resolve, reject) => rawClient.makeUnaryRequest(
    '/peer.v1.PeerService/Mirror', (b) => b, (b) => b, bytes,
    (err, res) => (err ? reject(err) : resolve(res))));
  assert.ok(raw.equals(bytes), 'Mirror changed the bytes');
  console.log(`Mirror ok (${bytes.length} bytes identical)`);

  // An enum number the schema lacks (proto3 open enum): informational only.
  const odd = Buffer.from([0x38, 0x07]); // field 7 (kind) = 7
  const oddBack = await new Promise((resolve, reject) => rawClient.makeUnaryRequest(
    '/peer.v1.PeerService/Mirror', (b) => b, (b) => b, odd,
    (err, res) => (err ? reject(err) : resolve(res))));
  console.log(`  Mirror unknown enum 7: sent ${odd.toString('hex')} got ${oddBack.toString('hex')}`);
  // An unknown field number: informational only.
  const unk = Buffer.from([0xf8, 0x06, 0x01]); // field 111 varint 1
  const unkBack = await new Promise((resolve, reject) => rawClient.makeUnaryRequest(
    '/peer.v1.PeerService/Mirror', (b) => b, (b) => b, unk,
    (err, res) => (err ? reject(err) : resolve(res))));
  console.log(`  Mirror unknown field 111: sent ${unk.toString('hex')} got ${unkBack.toString('hex') || '(empty)'}`);
}

async function checkFail(client, serverName) {
  for (const [code, want] of [[5, 5], [0, 3], [13, 13]]) {
    const r = await unary(client, 'Fail', { code, message: `failure ${code}` });
    assert.ok(r.err);
    assert.strictEqual(r.status.code, want);
    assert.strictEqual(r.status.details, `failure ${code}`);
    assert.deepStrictEqual(r.status.metadata.get('x-trailer'), ['failed']);
    const bin = r.status.metadata.get('grpc-status-details-bin');
    assert.strictEqual(bin.length, 1, 'grpc-status-details-bin missing');
    const Status = rpcRoot.lookupType('google.rpc.Status');
    const status = Status.decode(bin[0]);
    assert.strictEqual(status.code, want);
    assert.strictEqual(status.message, `failure ${code}`);
    const urls = status.details.map((d) => d.type_url);
    assert.deepStrictEqual(urls, ['type.googleapis.com/google.rpc.ErrorInfo',
      'type.googleapis.com/google.rpc.BadRequest']);
    const info = rpcRoot.lookupType('google.rpc.ErrorInfo').decode(status.details[0].value);
    assert.strictEqual(info.reason, 'PEER_FAILURE');
    assert.strictEqual(info.domain, 'peer.example');
    assert.deepStrictEqual({ ...info.metadata }, { server: serverName });
    const bad = rpcRoot.lookupType('google.rpc.BadRequest').decode(status.details[1].value);
    assert.strictEqual(bad.field_violations[0].field, 'code');
    assert.strictEqual(bad.field_violations[0].description, 'always fails');
    if (code === 5) {
      console.log(`  Fail trailers: ${JSON.stringify(Object.keys(r.status.metadata.getMap()))}`);
    }
  }
  console.log('Fail ok');
}

async function checkSlow(client) {
  const fast = await unary(client, 'Slow', { delay_ms: 50 },
    { callOptions: { deadline: Date.now() + 5000 } });
  assert.ifError(fast.err);
  const t0 = Date.now();
  const late = await unary(client, 'Slow', { delay_ms: 3000 },
    { callOptions: { deadline: Date.now() + 200 } });
  assert.strictEqual(late.status.code, grpc.status.DEADLINE_EXCEEDED);
  console.log(`Slow ok (deadline hit after ${Date.now() - t0} ms)`);
}

async function checkTicks(client) {
  const t0 = Date.now();
  const r = await collect(client.Ticks({ count: 5, interval_ms: 40 }));
  assert.ifError(r.err);
  assert.deepStrictEqual(r.items.map((t) => t.seq), ['1', '2', '3', '4', '5']);
  const elapsed = Date.now() - t0;
  assert.ok(elapsed >= 150, `ticks too fast: ${elapsed} ms`);

  const none = await collect(client.Ticks({ count: 0 }));
  assert.strictEqual(none.items.length, 0);
  assert.strictEqual(none.status.code, grpc.status.OK);

  const call = client.Ticks({ count: 1000, interval_ms: 10 });
  const cancelled = new Promise((resolve) => {
    let n = 0;
    call.on('data', () => { if (++n === 3) call.cancel(); });
    call.on('error', (e) => resolve(e.code));
  });
  assert.strictEqual(await cancelled, grpc.status.CANCELLED);
  console.log(`Ticks ok (${elapsed} ms for 5 ticks; cancel ok)`);
}

async function checkCollect(client) {
  const result = await new Promise((resolve, reject) => {
    const call = client.Collect((err, res) => (err ? reject(err) : resolve(res)));
    call.write({ name: 'apple', quantity: '9007199254740993' });
    call.write({ name: 'pear', quantity: 1 });
    call.write({ name: '' });
    call.write({ name: 'plum', quantity: '-4' });
    call.end();
  });
  assert.deepStrictEqual(result, {
    items: 4, total_quantity: '9007199254740990', names: ['apple', 'pear', '', 'plum'],
  });
  const empty = await new Promise((resolve, reject) => {
    const call = client.Collect((err, res) => (err ? reject(err) : resolve(res)));
    call.end();
  });
  // protobufjs writes explicitly set zeros onto the wire, so they come back as present.
  assert.strictEqual(Number(empty.items || 0), 0);
  assert.strictEqual(String(empty.total_quantity || 0), '0');
  console.log(`  Collect of nothing -> ${JSON.stringify(empty)}`);
  console.log('Collect ok');
}

async function checkChat(client) {
  const call = client.Chat();
  const replies = [];
  const next = () => new Promise((resolve) => call.once('data', resolve));
  // Lock-step: each reply must arrive before the next line is sent.
  for (const text of ['one', 'two', 'three']) {
    const reply = next();
    call.write({ text });
    replies.push((await reply).text);
  }
  const done = collect(call);
  call.end();
  const rest = await done;
  assert.strictEqual(rest.status.code, grpc.status.OK);
  assert.deepStrictEqual(replies, ['re: one', 're: two', 're: three']);
  console.log('Chat ok');
}

async function checkBig(client) {
  const size = 5 * 1000 * 1000;
  const r = await unary(client, 'Big', { size });
  assert.ifError(r.err);
  const data = r.response.data;
  assert.strictEqual(data.length, size);
  for (let i = 0; i < size; i += 9973) assert.strictEqual(data[i], i % 251);
  assert.strictEqual(data[size - 1], (size - 1) % 251);
  const empty = await unary(client, 'Big', { size: 0 });
  assert.ifError(empty.err);
  console.log(`Big ok (${data.length} bytes)`);
}

function reflectionClient(version, target, creds) {
  const def = protoLoader.loadSync(`grpc/reflection/${version}/reflection.proto`, {
    keepCase: true, longs: String, enums: String, bytes: Buffer, defaults: false, oneofs: true,
    includeDirs: [REFLECTION_PROTO_DIR],
  });
  const Service = grpc.loadPackageDefinition(def).grpc.reflection[version].ServerReflection;
  return new Service(target, creds);
}

async function reflect(client, requests) {
  const call = client.ServerReflectionInfo();
  const done = collect(call);
  for (const r of requests) call.write(r);
  call.end();
  const { items, err } = await done;
  if (err) throw err;
  return items;
}

const DETAILED = new Set(['Everything', 'Value', 'Any']);
const printedDetails = new Set();

// Field-level dump of a few messages, to see what names/oneofs reflection clients get.
function printMessageDetails(file) {
  for (const m of file.messageType) {
    const key = `${file.package}.${m.name}`;
    if (!DETAILED.has(m.name) || printedDetails.has(key)) continue;
    printedDetails.add(key);
    const fields = m.field.map((x) => {
      const has = (k) => Object.prototype.hasOwnProperty.call(x, k);
      return `${x.name}=${x.number}${has('jsonName') ? ` json:${x.jsonName}` : ''}` +
        `${has('oneofIndex') ? ` oneof#${x.oneofIndex}` : ''}${has('typeName') ? ` ${x.typeName}` : ''}`;
    });
    console.log(`     ${key}: oneofs=${JSON.stringify(m.oneofDecl.map((o) => o.name))} ` +
      `nested=${JSON.stringify(m.nestedType.map((n) => n.name))}\n       ${fields.join('\n       ')}`);
  }
}

function describeFile(bytes) {
  const f = descriptor.FileDescriptorProto.decode(bytes);
  printMessageDetails(f);
  return {
    name: f.name,
    package: f.package,
    syntax: f.syntax,
    dependency: f.dependency,
    messages: f.messageType.map((m) => m.name),
    enums: f.enumType.map((e) => e.name),
    services: f.service.map((s) => s.name),
  };
}

async function checkReflection(target, creds) {
  for (const version of ['v1alpha', 'v1']) {
    const client = reflectionClient(version, target, creds);
    let replies;
    try {
      replies = await reflect(client, [
        { host: '', list_services: '*' },
        { host: '', file_containing_symbol: 'peer.v1.PeerService' },
        { host: '', file_containing_symbol: 'peer.v1.Everything' },
        { host: '', file_containing_symbol: 'google.protobuf.Any' },
        { host: '', file_containing_symbol: 'peer.v1.PeerService.Echo' },
        { host: '', file_by_filename: 'peer/v1/peer.proto' },
        { host: '', file_by_filename: 'peer_v1.proto' },
        { host: '', file_containing_symbol: 'no.such.Symbol' },
      ]);
    } catch (e) {
      console.log(`reflection ${version}: call failed: ${e.code} ${e.details}`);
      client.close();
      continue;
    }
    client.close();
    console.log(`reflection ${version}: ${replies.length} replies`);
    for (const reply of replies) {
      const req = reply.original_request || {};
      const asked = req.message_request ? `${req.message_request}=${JSON.stringify(req[req.message_request])}` : '?';
      if (reply.list_services_response) {
        console.log(`  ${asked} -> services`,
          JSON.stringify(reply.list_services_response.service.map((s) => s.name)));
      } else if (reply.file_descriptor_response) {
        const files = reply.file_descriptor_response.file_descriptor_proto.map(describeFile);
        console.log(`  ${asked} -> files ${JSON.stringify(files.map((f) => f.name))}`);
        for (const f of files) console.log(`     ${JSON.stringify(f)}`);
      } else if (reply.error_response) {
        console.log(`  ${asked} -> error ${reply.error_response.error_code} ${reply.error_response.error_message}`);
      } else {
        console.log(`  ${asked} -> ${JSON.stringify(reply)}`);
      }
    }
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let server = null;
  let target = opts.target;
  let caPath = opts.ca;
  if (!target) {
    server = await startServer(opts.tls);
    target = `${opts.tls ? 'localhost' : '127.0.0.1'}:${server.port}`;
    if (opts.tls) caPath = opts.tls.ca;
  }
  const creds = caPath
    ? grpc.credentials.createSsl(fs.readFileSync(caPath))
    : grpc.credentials.createInsecure();
  console.log(`target ${target} (${caPath ? 'TLS' : 'plaintext'})`);

  const channelOptions = { 'grpc.max_receive_message_length': 16 * 1024 * 1024 };
  const client = new peer.PeerService(target, creds, channelOptions);
  const rawClient = new grpc.Client(target, creds, channelOptions);

  await checkEcho(client, opts.serverName);
  await checkMirror(client, rawClient);
  await checkFail(client, opts.serverName);
  await checkSlow(client);
  await checkTicks(client);
  await checkCollect(client);
  await checkChat(client);
  await checkBig(client);
  await checkReflection(target, creds);
  client.close();
  rawClient.close();

  if (server) {
    // The server must go away once its parent's end of stdin closes.
    const exited = new Promise((resolve) => server.child.once('exit', (code, sig) => resolve({ code, sig })));
    server.child.stdin.end();
    const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 3000));
    const result = await Promise.race([exited, timeout]);
    assert.ok(result, 'server did not exit after stdin closed');
    console.log(`server exited after stdin closed: ${JSON.stringify(result)}`);
  }
  console.log('ALL OK');
}

main().catch((e) => {
  console.error('SMOKE FAILED:', e);
  process.exit(1);
});
