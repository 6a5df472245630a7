#!/usr/bin/env bash
# Regenerates the Swift code in Sources/TuskProto/Generated from Protos/.
#
# Run from the repository root:   scripts/generate-protos.sh
# The generated files are committed, so ordinary builds never need this.
#
# Environment:
#   PROTOC_PLUGIN_DIR  directory holding prebuilt protoc-gen-swift and
#                      protoc-gen-grpc-swift-2; when unset the plugins are
#                      built from this package's dependencies.
#   PROTOC_INCLUDE     where google/protobuf/*.proto live (default /usr/include).
set -euo pipefail

repository_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repository_root"

proto_root="Protos"
output_directory="Sources/TuskProto/Generated"
well_known_include="${PROTOC_INCLUDE:-/usr/include}"

if ! command -v protoc >/dev/null 2>&1; then
  echo "protoc not found; installing protobuf-compiler" >&2
  apt-get install -y protobuf-compiler >&2
fi

if [[ -n "${PROTOC_PLUGIN_DIR:-}" ]]; then
  plugin_directory="$PROTOC_PLUGIN_DIR"
else
  plugin_directory="$(swift build --show-bin-path)"
  for product in protoc-gen-swift protoc-gen-grpc-swift-2; do
    if [[ ! -x "$plugin_directory/$product" ]]; then
      echo "building $product" >&2
      swift build --product "$product" >&2
    fi
  done
fi

swift_plugin="$plugin_directory/protoc-gen-swift"
grpc_plugin="$plugin_directory/protoc-gen-grpc-swift-2"
for plugin in "$swift_plugin" "$grpc_plugin"; do
  if [[ ! -x "$plugin" ]]; then
    echo "error: plugin $plugin is missing or not executable" >&2
    exit 1
  fi
done

if [[ ! -f "$well_known_include/google/protobuf/empty.proto" ]]; then
  echo "error: well-known types not found under $well_known_include" >&2
  exit 1
fi

mapfile -t proto_files < <(cd "$proto_root" && find . -name '*.proto' | sed 's|^\./||' | sort)
if [[ ${#proto_files[@]} -eq 0 ]]; then
  echo "error: no .proto files under $proto_root" >&2
  exit 1
fi

mkdir -p "$output_directory"
find "$output_directory" -name '*.swift' -delete

protoc \
  --plugin=protoc-gen-swift="$swift_plugin" \
  --plugin=protoc-gen-grpc-swift="$grpc_plugin" \
  --proto_path="$proto_root" \
  --proto_path="$well_known_include" \
  --swift_out="$output_directory" \
  --swift_opt=Visibility=Public \
  --swift_opt=FileNaming=DropPath \
  --grpc-swift_out="$output_directory" \
  --grpc-swift_opt=Visibility=Public \
  --grpc-swift_opt=FileNaming=DropPath \
  "${proto_files[@]/#/$proto_root/}"

echo "generated $(find "$output_directory" -name '*.swift' | wc -l) files in $output_directory" >&2
