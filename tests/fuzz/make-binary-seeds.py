#!/usr/bin/env python3
# Writes the binary seeds of the protoset and reflection_answer fuzz targets from the
# project's own .proto files, with protoc. Run it again when those files change:
#
#     tests/fuzz/make-binary-seeds.py [PROTOC]
#
# reflection_answer seeds are FileDescriptorProtos each framed by a varint length (what
# ReflectionAnswerFuzz.cpp reads), some reshaped the way grpc-js servers send them. The
# protobuf Python package is not needed: the few edits are made on the wire format here.
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PROTOC = sys.argv[1] if len(sys.argv) > 1 else 'protoc'
# Where protoc's own google/protobuf/*.proto are, for the well-known imports.
WKT_INCLUDE = next((d for d in ('/usr/include', '/usr/local/include')
                    if os.path.exists(os.path.join(d, 'google/protobuf/any.proto'))), None)

SOURCES = {
    'demo': ('resources/proto', 'wirescope/demo/v1/demo.proto'),
    'shop': ('tests/data/protos', 'shop/v1/shop.proto'),
    'peer': ('tests/interop/proto', 'peer/v1/peer.proto'),
    'reflection': ('resources/proto', 'grpc/reflection/v1/reflection.proto'),
    'error-details': ('resources/proto', 'google/rpc/error_details.proto'),
}


def protoset(name, imports=True, source_info=False):
    root, proto = SOURCES[name]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'out.protoset')
        command = [PROTOC, '-I', os.path.join(ROOT, root), '--descriptor_set_out=' + out, proto]
        if WKT_INCLUDE:
            command[1:1] = ['-I', WKT_INCLUDE]
        if imports:
            command.insert(1, '--include_imports')
        if source_info:
            command.insert(1, '--include_source_info')
        subprocess.run(command, check=True)
        with open(out, 'rb') as f:
            return f.read()


# The wire format, as much as the edits need: a message is a list of [number, type, value];
# varints are ints, everything else stays bytes.
def read_varint(data, at):
    value, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7f) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7f
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def parse(data):
    fields, at = [], 0
    while at < len(data):
        key, at = read_varint(data, at)
        number, kind = key >> 3, key & 7
        if kind == 0:
            value, at = read_varint(data, at)
        elif kind == 2:
            length, at = read_varint(data, at)
            value, at = data[at:at + length], at + length
        else:
            size = 8 if kind == 1 else 4
            value, at = data[at:at + size], at + size
        fields.append([number, kind, value])
    return fields


def serialize(fields):
    out = bytearray()
    for number, kind, value in fields:
        out += varint(number << 3 | kind)
        if kind == 0:
            out += varint(value)
        elif kind == 2:
            out += varint(len(value)) + value
        else:
            out += value
    return bytes(out)


def get(fields, number):
    return [value for n, _, value in fields if n == number]


def set_string(fields, number, text):
    kept = [f for f in fields if f[0] != number]
    return [[number, 2, text.encode()]] + kept


def files_of(set_bytes):
    return get(parse(set_bytes), 1)  # FileDescriptorSet.file


def framed(files):
    return b''.join(varint(len(f)) + f for f in files)


def name_of(file_bytes):
    return get(parse(file_bytes), 1)[0].decode()


# FileDescriptorProto: 1 name, 2 package, 3 dependency, 4 message_type, 5 enum_type, 12 syntax.
# DescriptorProto: 1 name, 2 field, 3 nested_type, 7 options (MessageOptions 7: map_entry).
# FieldDescriptorProto: 1 name, 4 label, 6 type_name.
def bundle_well_known(files):
    """The well-known types in one file of their own name, as protobufjs bundles them."""
    bundle = [[1, 2, b'google_protobuf.proto'], [2, 2, b'google.protobuf']]
    for f in files:
        fields = parse(f)
        if get(fields, 2) == [b'google.protobuf']:
            bundle += [x for x in fields if x[0] in (4, 5)]
    return serialize(bundle + [[12, 2, b'proto3']])


def misname_map_entries(message, package):
    """Map entries named after their field with the key marked repeated, and type names
    relative to the package: protobufjs's shapes."""
    fields = parse(message)
    renames = {}
    for entry in fields:
        if entry[0] != 3:
            continue
        nested = parse(entry[2])
        options = get(nested, 7)
        if not options or get(parse(options[0]), 7) != [1]:
            continue
        old = get(nested, 1)[0].decode()
        renames[old] = old[:-len('Entry')]
        nested = set_string(nested, 1, renames[old])
        key = next(x for x in nested if x[0] == 2)
        key[2] = serialize([[n, k, 3 if n == 4 else v] for n, k, v in parse(key[2])])
        entry[2] = serialize(nested)
    prefix = '.' + package + '.'
    for entry in fields:
        if entry[0] != 2:
            continue
        field = parse(entry[2])
        for x in field:
            if x[0] == 6:
                scope, _, last = x[2].decode().rpartition('.')
                type_name = scope + '.' + renames.get(last, last)
                if type_name.startswith(prefix):
                    type_name = type_name[len(prefix):]
                x[2] = type_name.encode()
        entry[2] = serialize(field)
    return serialize(fields)


def grpc_js_shaped(files, package):
    """What a grpc-js server with proto-loader sends: see ServedFilesRepairTest."""
    out = [bundle_well_known(files)]
    for f in files:
        fields = parse(f)
        if get(fields, 2) == [b'google.protobuf']:
            continue
        name = name_of(f).replace('/', '_')
        reshaped = [x for x in fields if x[0] != 3]
        reshaped = set_string(reshaped, 1, name)
        reshaped.insert(2, [3, 2, b'google_protobuf.proto'])
        reshaped = [[n, k, misname_map_entries(v, package) if n == 4 else v]
                    for n, k, v in reshaped]
        out.append(serialize(reshaped))
    return out


def write(folder, name, data):
    path = os.path.join(HERE, 'corpus', folder)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, name), 'wb') as f:
        f.write(data)


def main():
    sets = {name: protoset(name) for name in SOURCES}
    for name, data in sets.items():
        write('protoset', name + '.protoset', data)
    write('protoset', 'demo-source-info.protoset', protoset('demo', source_info=True))
    write('protoset', 'demo-without-imports.protoset', protoset('demo', imports=False))
    write('protoset', 'demo-truncated.protoset', sets['demo'][:len(sets['demo']) // 2])
    write('protoset', 'empty.protoset', b'')
    write('protoset', 'file-without-name.protoset', serialize([[1, 2, serialize([[2, 2, b'no.name']])]]))
    write('protoset', 'demo-twice.protoset', sets['demo'] + sets['demo'])

    demo = files_of(sets['demo'])
    peer = files_of(sets['peer'])
    write('reflection_answer', 'demo.bin', framed(demo))
    write('reflection_answer', 'demo-without-well-known.bin',
          framed([f for f in demo if not name_of(f).startswith('google/')]))
    write('reflection_answer', 'peer.bin', framed(peer))
    write('reflection_answer', 'shop.bin', framed(files_of(sets['shop'])))
    write('reflection_answer', 'error-details.bin', framed(files_of(sets['error-details'])))
    write('reflection_answer', 'peer-grpc-js.bin', framed(grpc_js_shaped(peer, 'peer.v1')))
    write('reflection_answer', 'demo-grpc-js.bin', framed(grpc_js_shaped(demo, 'wirescope.demo.v1')))
    # The same file twice (the first wins) and a chunk that is no descriptor.
    write('reflection_answer', 'duplicates-and-garbage.bin',
          framed([peer[-1], peer[-1], b'\xff\xff\xff', b'']) + b'\x05ab')


if __name__ == '__main__':
    main()
