"""Writes N [Traced] methods (in files of 100) and S call sites of each, for the build-time benchmark."""
import os
import sys

out, methods, sites = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
per_file = 100
for f in range(0, methods, per_file):
    lines = ["using Instrumentation;", "namespace BuildTime;", f"public sealed class Service{f // per_file}", "{"]
    for m in range(f, min(f + per_file, methods)):
        lines.append(f"    [Traced] public int Op{m}(int x) => x + {m};")
    lines.append("}")
    lines.append(f"public static class Caller{f // per_file}")
    lines.append("{")
    lines.append(f"    public static int Run(Service{f // per_file} s)")
    lines.append("    {")
    lines.append("        var total = 0;")
    for m in range(f, min(f + per_file, methods)):
        for _ in range(sites):
            lines.append(f"        total += s.Op{m}(total);")
    lines.append("        return total;")
    lines.append("    }")
    lines.append("}")
    with open(os.path.join(out, f"File{f // per_file}.cs"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
