"""Turns the generator's output into the least any interceptor generator must emit for the same
calls: the InterceptsLocation attributes and one method per target, with `throw null!` bodies and
no span code. Compiling it as plain source (no generator) gives the build-time floor of the design."""
import re
import sys

source, target = sys.argv[1], sys.argv[2]
text = open(source).read()
text = re.sub(r"^\s*(private|internal) static (readonly )?[^\n(]*(=|=>) [^\n]*\n", "", text, flags=re.M)
out, i = [], 0
header = re.compile(r"^(\s*internal static [^\n]*\))\n\s*\{", re.M)
while True:
    m = header.search(text, i)
    if not m:
        out.append(text[i:])
        break
    out.append(text[i:m.start()] + m.group(1) + " => throw null!;")
    depth, j = 1, m.end()
    while depth:
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        j += 1
    i = j
open(target, "w").write("".join(out))
