#!/usr/bin/env bash
# Build-time cost of the generator: generates a project with N [Traced] methods, each called from
# S sites, and times `dotnet build --no-incremental` with and without the generator (same code,
# same runtime reference), several times each, alternating. Usage: benchmarks/BuildTime/run.sh [N] [S] [RUNS]
set -euo pipefail
methods=${1:-2000}
sites=${2:-5}
runs=${3:-3}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$repo/benchmarks/BuildTime/make_project.py" "$work/src" "$methods" "$sites"

make_csproj() { # $1 = dir, $2 = generator (true: ours, discovery: the discovery floor, false: none), $3 = extra source file (optional; for discovery, its output)
  local analyzer="" extra=""
  if [ -n "${3:-}" ]; then extra="<Compile Include=\"$3\" />"; fi
  if [ "$2" = true ]; then
    analyzer="<ProjectReference Include=\"$repo/generator/Instrumentation.Generator.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />"
  elif [ "$2" = discovery ]; then
    # The floor's source reaches the compilation only as the discovery floor generator's output.
    extra="<AdditionalFiles Include=\"${3:-$work/floor.cs}\" />"
    analyzer="<ProjectReference Include=\"$repo/benchmarks/BuildTime/DiscoveryFloor/DiscoveryFloor.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />"
  fi
  mkdir -p "$1"
  cat > "$1/BuildTime.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
    <Nullable>enable</Nullable>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <InterceptorsNamespaces>\$(InterceptorsNamespaces);Instrumentation.Generated</InterceptorsNamespaces>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="$work/src/*.cs" />
    $extra
    <ProjectReference Include="$repo/runtime/Instrumentation.csproj" />
    $analyzer
  </ItemGroup>
</Project>
XML
}

make_csproj "$work/with" true
make_csproj "$work/without" false
# Warm up: restore and build the runtime and generator once, so only the project's compile is timed.
dotnet build "$work/with" -c Release -v q -nologo -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath="$work/generated" >/dev/null
dotnet build "$work/without" -c Release -v q -nologo >/dev/null
# The floor of any interceptor generator: its attributes and one method per target, compiled as
# plain source with no generator and no span code (see interceptor_floor.py).
python3 "$repo/benchmarks/BuildTime/interceptor_floor.py" "$(find "$work/generated" -name '*.g.cs' | head -1)" "$work/floor.cs"
make_csproj "$work/floor" false "$work/floor.cs"
dotnet build "$work/floor" -c Release -v q -nologo >/dev/null
# The same floor plus the semantic work any call-site interceptor generator must do (DiscoveryFloor/).
make_csproj "$work/discovery" discovery
dotnet build "$work/discovery" -c Release -v q -nologo >/dev/null
# Discovery plus the cheapest span code per method (start, forward, end; span_floor.py): the floor
# of any design that writes a span per traced method.
mkdir -p "$work/span-floor"
python3 "$repo/benchmarks/BuildTime/span_floor.py" "$(find "$work/generated" -name '*.g.cs' | head -1)" "$work/span-floor/floor.cs"
make_csproj "$work/spanfloor" discovery "$work/span-floor/floor.cs"
dotnet build "$work/spanfloor" -c Release -v q -nologo >/dev/null

time_build() {
  local start end
  start=$(date +%s.%N)
  dotnet build "$1" -c Release --no-incremental --no-dependencies --no-restore -v q -nologo >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

with=(); without=(); floor=(); discovery=(); spanfloor=()
for i in $(seq "$runs"); do
  without+=("$(time_build "$work/without")")
  with+=("$(time_build "$work/with")")
  floor+=("$(time_build "$work/floor")")
  discovery+=("$(time_build "$work/discovery")")
  spanfloor+=("$(time_build "$work/spanfloor")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
w=$(median "${with[@]}"); wo=$(median "${without[@]}")
echo "methods=$methods sites=$sites runs=$runs"
echo "without generator: ${without[*]} s (median $wo)"
echo "with generator:    ${with[*]} s (median $w)"
f=$(median "${floor[@]}")
echo "interceptor floor (attributes + empty methods as plain source, no generator): ${floor[*]} s (median $f)"
d=$(median "${discovery[@]}")
echo "discovery floor (the same plus binding each call and its interceptable location, in a minimal generator): ${discovery[*]} s (median $d)"
sf=$(median "${spanfloor[@]}")
echo "span floor (the discovery floor with a span per method: start, forward, end; no exception recording): ${spanfloor[*]} s (median $sf)"
echo "ratio: $(echo "$w / $wo" | bc -l | cut -c1-5)x; floor ratio: $(echo "$f / $wo" | bc -l | cut -c1-5)x"
echo "ours / floor: $(echo "$w / $f" | bc -l | cut -c1-5)x; discovery floor / floor: $(echo "$d / $f" | bc -l | cut -c1-5)x; ours / discovery floor: $(echo "$w / $d" | bc -l | cut -c1-5)x"
echo "span floor / floor: $(echo "$sf / $f" | bc -l | cut -c1-5)x; ours / span floor: $(echo "$w / $sf" | bc -l | cut -c1-5)x"
