#!/usr/bin/env node
// A third-party gRPC client (grpc-js) for Wirescope's mock server tests: any method of a
// schema loaded from .proto files, any call kind, and server reflection. Prints one JSON
// object per line, so a test reads exactly what the client saw:
//   {"headers": {...}}                  the server's initial metadata
//   {"message": {...}, "atMs": N}       each response message, N ms after the call began
//   {"code": N, "details": "...", "trailers": {...}, "statusDetailsBytes": N, "elapsedMs": N}
//
//   node client.js TARGET METHOD --proto FILE -I DIR [-d JSON]... [-H key=value]... [--stream]
//   node client.js TARGET --reflect v1|v1alpha [--symbol NAME]
// METHOD is "pkg.Service/Method"; each -d is one request message (several for a client or
// bidi stream).
'use strict';

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const REFLECTION_PROTO_DIR = path.join(
  path.dirname(require.resolve('@grpc/reflection/package.json')), 'build/proto');

function parseArgs(argv) {
  const opts = { target: argv[0], method: null, protos: [], includes: [], data: [], headers: [], reflect: null, symbol: null };
  let i = 1;
  if (argv[1] && !argv[1].startsWith('--')) { opts.method = argv[1]; i = 2; }
  for (; i < argv.length; i++) {
    switch (argv[i]) {
      case '--proto': opts.protos.push(argv[++i]); break;
      case '-I': opts.includes.push(argv[++i]); break;
      case '-d': opts.data.push(JSON.parse(argv[++i])); break;
      case '-H': opts.headers.push(argv[++i]); break;
      case '--reflect': opts.reflect = argv[++i]; break;
      case '--symbol': opts.symbol = argv[++i]; break;
      default: throw new Error('unknown argument ' + argv[i]);
    }
  }
  return opts;
}

function print(object) {
  process.stdout.write(JSON.stringify(object) + '\n');
}

function metadataObject(metadata) {
  const out = {};
  for (const [key, values] of Object.entries(metadata.getMap())) {
    out[key] = Buffer.isBuffer(values) ? values.toString('base64') : String(values);
  }
  return out;
}

function finish(status, started) {
  const details = status.metadata ? status.metadata.get('grpc-status-details-bin') : [];
  print({
    code: status.code,
    details: status.details,
    trailers: status.metadata ? metadataObject(status.metadata) : {},
    statusDetailsBytes: details.length ? details[0].length : 0,
    statusDetailsText: details.length ? details[0].toString('latin1') : '',
    elapsedMs: Date.now() - started,
  });
}

function call(opts) {
  const definition = protoLoader.loadSync(opts.protos, {
    keepCase: false, longs: String, enums: String, bytes: String, defaults: false, oneofs: false,
    includeDirs: opts.includes,
  });
  const [service, name] = opts.method.split('/');
  const methods = definition[service];
  if (!methods || !methods[name]) throw new Error('no method ' + opts.method);
  const method = methods[name];
  const client = new grpc.Client(opts.target, grpc.credentials.createInsecure());
  const metadata = new grpc.Metadata();
  for (const header of opts.headers) {
    const eq = header.indexOf('=');
    metadata.add(header.slice(0, eq), header.slice(eq + 1));
  }
  const started = Date.now();
  const path_ = method.path;
  const onMessage = (message) => print({ message, atMs: Date.now() - started });
  let stream;
  if (!method.requestStream && !method.responseStream) {
    stream = client.makeUnaryRequest(path_, method.requestSerialize, method.responseDeserialize,
      opts.data[0] || {}, metadata, (error, message) => { if (!error) onMessage(message); });
  } else if (!method.requestStream) {
    stream = client.makeServerStreamRequest(path_, method.requestSerialize, method.responseDeserialize,
      opts.data[0] || {}, metadata);
    stream.on('data', onMessage);
  } else if (!method.responseStream) {
    stream = client.makeClientStreamRequest(path_, method.requestSerialize, method.responseDeserialize,
      metadata, (error, message) => { if (!error) onMessage(message); });
    for (const message of opts.data) stream.write(message);
    stream.end();
  } else {
    stream = client.makeBidiStreamRequest(path_, method.requestSerialize, method.responseDeserialize, metadata);
    stream.on('data', onMessage);
    for (const message of opts.data) stream.write(message);
    stream.end();
  }
  stream.on('metadata', (headers) => print({ headers: metadataObject(headers) }));
  stream.on('status', (status) => { finish(status, started); client.close(); });
  stream.on('error', () => {}); // the status says it
}

function reflect(opts) {
  const definition = protoLoader.loadSync(`grpc/reflection/${opts.reflect}/reflection.proto`, {
    keepCase: true, longs: String, enums: String, bytes: Buffer, defaults: false, oneofs: true,
    includeDirs: [REFLECTION_PROTO_DIR],
  });
  const Service = grpc.loadPackageDefinition(definition).grpc.reflection[opts.reflect].ServerReflection;
  const client = new Service(opts.target, grpc.credentials.createInsecure());
  const stream = client.ServerReflectionInfo();
  stream.on('data', (response) => {
    if (response.list_services_response)
      print({ services: response.list_services_response.service.map((s) => s.name) });
    if (response.file_descriptor_response)
      print({ files: response.file_descriptor_response.file_descriptor_proto.length });
    if (response.error_response)
      print({ error: response.error_response.error_code, message: response.error_response.error_message });
  });
  stream.on('status', (status) => { print({ code: status.code }); client.close(); });
  stream.on('error', () => {});
  stream.write({ list_services: '' });
  if (opts.symbol) stream.write({ file_containing_symbol: opts.symbol });
  stream.end();
}

const opts = parseArgs(process.argv.slice(2));
if (opts.reflect) reflect(opts); else call(opts);
